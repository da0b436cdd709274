package markup

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src string
		want      FrontMatter
		body      string
	}{
		{"none", "# Title\n", FrontMatter{}, "# Title\n"},
		{"empty page", "", FrontMatter{}, ""},
		{"all fields", "---\ntitle: DB failover\ntags: [ops, db]\nowner: alex\nreview_days: 90\ncritical:\n  - scope\n  - crisis-protocol--major-outage\ndescription: How to fail over.\n---\n# Body\n",
			FrontMatter{Title: "DB failover", Tags: []string{"ops", "db"}, Owner: "alex", ReviewDays: 90,
				Critical: []string{"scope", "crisis-protocol--major-outage"}, Description: "How to fail over."}, "# Body\n"},
		{"tags as comma string", "---\ntags: ops, db ,, network\n---\nx", FrontMatter{Tags: []string{"ops", "db", "network"}}, "x"},
		{"single tag", "---\ntags: ops\n---\n", FrontMatter{Tags: []string{"ops"}}, ""},
		{"numeric scalars as strings", "---\ntitle: 2024\ntags: [1, true]\n---\n", FrontMatter{Title: "2024", Tags: []string{"1", "true"}}, ""},
		{"null values", "---\ntitle:\ntags:\n---\nx", FrontMatter{}, "x"},
		{"unknown keys ignored (pagerduty)", "---\ncover: assets/img/x.png\ndescription: Crisis response.\n---\n\n## Config\n",
			FrontMatter{Description: "Crisis response."}, "\n## Config\n"},
		{"unknown keys ignored (hugo)", "---\ntitle: Kube Pod Crash Looping\nweight: 20\nmenu:\n  main: {parent: x}\n---\n# K\n",
			FrontMatter{Title: "Kube Pod Crash Looping"}, "# K\n"},
		{"CRLF", "---\r\ntitle: T\r\n---\r\nbody\r\n", FrontMatter{Title: "T"}, "body\r\n"},
		{"BOM", "\ufeff---\ntitle: T\n---\nbody", FrontMatter{Title: "T"}, "body"},
		{"fence with trailing spaces", "--- \ntitle: T\n---  \nbody", FrontMatter{Title: "T"}, "body"},
		{"closing fence at EOF", "---\ntitle: T\n---", FrontMatter{Title: "T"}, ""},
		{"empty block", "---\n---\nbody", FrontMatter{}, "body"},
		{"comments only", "---\n# nothing\n---\nbody", FrontMatter{}, "body"},
		{"no closing fence is a thematic break", "---\ntitle: T\nmore text\n", FrontMatter{}, "---\ntitle: T\nmore text\n"},
		{"not at start", "\n---\ntitle: T\n---\n", FrontMatter{}, "\n---\ntitle: T\n---\n"},
		{"four dashes", "----\ntitle: T\n----\n", FrontMatter{}, "----\ntitle: T\n----\n"},
		{"indented dashes inside block scalar", "---\ndescription: |\n  a\n  ---\n  b\n---\nbody", FrontMatter{Description: "a\n---\nb\n"}, "body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fm, body, err := SplitFrontMatter([]byte(tc.src))
			if err != nil {
				t.Fatalf("SplitFrontMatter(%q) error %v", tc.src, err)
			}
			if diff := cmp.Diff(tc.want, fm); diff != "" {
				t.Errorf("SplitFrontMatter(%q) = %+v, want %+v\n%s", tc.src, fm, tc.want, diff)
			}
			if string(body) != tc.body {
				t.Errorf("SplitFrontMatter(%q) body = %q, want %q", tc.src, body, tc.body)
			}
		})
	}
}

func TestSplitFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"bad indentation", "---\ntitle: a\n  owner: b\n---\n", 3, "mapping values are not allowed"},
		{"unclosed quote", "---\ntitle: ok\nowner: \"alex\n---\n", 3, "found unexpected end of stream"},
		{"review_days not a number", "---\ntitle: T\nreview_days: often\n---\n", 3, "cannot unmarshal"},
		{"title is a list", "---\n\ntitle: [a, b]\n---\n", 3, "cannot unmarshal"},
		{"tags is a map", "---\ntags:\n  a: b\n---\n", 3, "tags must be a list"},
		{"tags list of maps", "---\ntags:\n  - a: b\n---\n", 3, "cannot unmarshal"},
		{"not a mapping", "---\njust some text\n---\n", 2, `expected "key: value" lines`},
		{"a list", "---\n- a\n- b\n---\n", 2, `expected "key: value" lines`},
		{"hugo archetype", "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n---\n", 2, "did not find expected key"},
		{"tab indentation", "---\ntitle: T\n\towner: x\n---\n", 3, "tab character"},
		{"key given twice", "---\ntitle: a\nowner: b\ntitle: c\n---\n", 4, `mapping key "title" already defined at line 2`},
		{"key given twice, nested", "---\nextra:\n  a: 1\n  a: 2\n---\n", 4, `mapping key "a" already defined at line 3`},
		// yaml.v3 compares every pair of keys, and names every repeated
		// pair: this took 0.65 s (4000 times: 12 s).
		{"key given 1000 times", "---\n" + strings.Repeat("title: t\n", 1000) + "---\n", 3, "already defined at line 2"},
		{"too many keys", "---\n" + numbered("k%04d: v\n", 9*1001) + "---\n", 2, "1001 keys in one mapping; at most 1000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fm, body, err := SplitFrontMatter([]byte(tc.src))
			var fe *FrontMatterError
			if !errors.As(err, &fe) {
				t.Fatalf("SplitFrontMatter(%q) = %+v, %q, %v, want a *FrontMatterError", tc.src, fm, body, err)
			}
			if fe.Line != tc.line || !strings.Contains(fe.Msg, tc.msg) {
				t.Errorf("SplitFrontMatter(%q) error = %v, want line %d containing %q", tc.src, err, tc.line, tc.msg)
			}
			if !strings.Contains(err.Error(), "line") {
				t.Errorf("SplitFrontMatter(%q) error %q does not name the line", tc.src, err)
			}
			if string(body) != tc.src || !fm.IsZero() {
				t.Errorf("SplitFrontMatter(%q) = %+v, %q on error, want zero and the source", tc.src, fm, body)
			}
		})
	}
}

func TestJoinFrontMatter(t *testing.T) {
	full := FrontMatter{Title: "DB: failover", Tags: []string{"ops", "a,b"}, Owner: "alex", ReviewDays: 30,
		Critical: []string{"scope"}, Description: "Line one\nline two"}
	got := string(JoinFrontMatter(full, []byte("# Body\n")))
	want := "---\ntitle: 'DB: failover'\ntags:\n  - ops\n  - a,b\nowner: alex\nreview_days: 30\ncritical:\n  - scope\ndescription: |-\n  Line one\n  line two\n---\n# Body\n"
	if got != want {
		t.Errorf("JoinFrontMatter(%+v) = %q, want %q", full, got, want)
	}
	if got := string(JoinFrontMatter(FrontMatter{Tags: []string{}}, []byte("x"))); got != "x" {
		t.Errorf("JoinFrontMatter(zero) = %q, want %q", got, "x")
	}
}

func TestFrontMatterRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		fm   FrontMatter
		body string
	}{
		{"zero", FrontMatter{}, "# Title\n"},
		{"zero, empty body", FrontMatter{}, ""},
		{"zero, body looks like front matter", FrontMatter{}, "---\ntitle: not mine\n---\ntext"},
		{"zero, body starts with empty block", FrontMatter{}, "---\n---\n"},
		{"title only", FrontMatter{Title: "T"}, "body"},
		{"tricky strings", FrontMatter{Title: "---", Owner: "#not a comment", Description: "key: value\n---\n- item\n"}, "body\n"},
		{"yaml words", FrontMatter{Title: "yes", Owner: "null", Tags: []string{"true", "1.5", "~"}}, ""},
		{"unicode", FrontMatter{Title: "Übergabe 日本", Tags: []string{"ä"}}, "Ü"},
		{"body with CRLF", FrontMatter{ReviewDays: -1}, "a\r\n---\r\nb"},
		{"all", FrontMatter{Title: "T", Tags: []string{"a", "b c"}, Owner: "o", ReviewDays: 7, Critical: []string{"x--y"}, Description: "d"}, "## x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			joined := JoinFrontMatter(tc.fm, []byte(tc.body))
			fm, body, err := SplitFrontMatter(joined)
			if err != nil {
				t.Fatalf("SplitFrontMatter(%q): %v", joined, err)
			}
			if diff := cmp.Diff(tc.fm, fm); diff != "" || string(body) != tc.body {
				t.Errorf("SplitFrontMatter(%q) = %+v, %q, want %+v, %q", joined, fm, body, tc.fm, tc.body)
			}
		})
	}
}
