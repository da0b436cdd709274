package search

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIdentifierParts(t *testing.T) {
	tests := []struct {
		in   string
		want []string // nil: not split
	}{
		{"KubePodCrashLooping", []string{"Kube", "Pod", "Crash", "Looping"}},
		{"etcdInsufficientMembers", []string{"etcd", "Insufficient", "Members"}},
		{"NodeRAIDDiskFailure", []string{"Node", "RAID", "Disk", "Failure"}},
		{"KubeAPIErrorBudgetBurn", []string{"Kube", "API", "Error", "Budget", "Burn"}},
		{"Http2Server", []string{"Http2", "Server"}},
		{"node_filesystem_avail_bytes", []string{"node", "filesystem", "avail", "bytes"}},
		{"alertmanager.yaml", []string{"alertmanager", "yaml"}},
		{"database", nil},
		{"RAID", nil},
		{"IPv6", nil},   // a part would be one letter
		{"iPhone", nil}, // likewise
		{"v1.2.3", nil}, // dots between digits are a version
		{"_private", nil},
		{"Ünïcode_Wörter", []string{"Ünïcode", "Wörter"}},
	}
	for _, tc := range tests {
		var got []string
		for _, p := range identifierParts([]byte(tc.in)) {
			got = append(got, tc.in[p[0]:p[1]])
		}
		if !cmp.Equal(got, tc.want) {
			t.Errorf("identifierParts(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTextAnalyzer checks the tokens and positions the text analyzer
// gives: split identifiers keep their whole, and the words after them
// move up.
func TestTextAnalyzer(t *testing.T) {
	x := mustOpenIndex(t)
	type tok struct {
		term string
		pos  int
	}
	var got []tok
	for _, tk := range x.text.Analyze([]byte("KubePodCrashLooping fires often")) {
		got = append(got, tok{string(tk.Term), tk.Position})
	}
	want := []tok{{"kube", 1}, {"kubepodcrashloop", 1}, {"pod", 2}, {"crash", 3}, {"loop", 4}, {"fire", 5}, {"often", 6}}
	if !cmp.Equal(got, want, cmp.AllowUnexported(tok{})) {
		t.Errorf("Analyze = %v, want %v", got, want)
	}
}

// TestTextAnalyzerStems checks that the words of each group stem alike,
// and those of different groups do not.
func TestTextAnalyzerStems(t *testing.T) {
	x := mustOpenIndex(t)
	groups := [][]string{
		{"fail", "failed", "failing", "fails", "failure", "failures"},
		{"config", "configure", "configured", "configuring", "configuration"},
		{"synchronising", "synchronizing", "synchronised", "synchronize", "synchronisation"},
		{"organise", "organize", "organisation", "organization"},
		{"expose", "exposure"},
		{"raise", "raised"},   // too short a stem to respell
		{"secure", "secured"}, // "sec" would be too short
		{"occur", "occurs"},
		{"nature"},
		{"net"},
	}
	stem := func(w string) string {
		toks := x.text.Analyze([]byte(w))
		if len(toks) != 1 {
			t.Fatalf("Analyze(%q) = %d tokens, want 1", w, len(toks))
		}
		return string(toks[0].Term)
	}
	var firsts []string
	for _, g := range groups {
		s := stem(g[0])
		for _, w := range g[1:] {
			if got := stem(w); got != s {
				t.Errorf("stem(%q) = %q, want %q like %q", w, got, s, g[0])
			}
		}
		if slices.Contains(firsts, s) {
			t.Errorf("stem(%q) = %q, the stem of another group", g[0], s)
		}
		firsts = append(firsts, s)
	}
}
