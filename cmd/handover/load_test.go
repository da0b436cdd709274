package main

import (
	"encoding/json"
	"testing"
	"time"
)

// TestLoadShort runs `handover load` small and short: the full run (50
// people for 60 s) is in .ci/run.
func TestLoadShort(t *testing.T) {
	if testing.Short() {
		t.Skip("a load run of a few seconds; skipped with -short")
	}
	code, out, errOut := runCLI(t, "load", "--users", "10", "--duration", "3s", "--pages", "200",
		"--think", "50ms", "--sample", "250ms", "--json")
	var rep loadReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("load --json printed %q (stderr %q): %v", out, errOut, err)
	}
	if code != 0 || !rep.OK {
		t.Fatalf("load: exit %d, ok %v, failures %q; stderr %q", code, rep.OK, rep.Failures, errOut)
	}
	if rep.Status5xx != 0 || rep.LogErrors != 0 || rep.Unexpected != 0 || rep.TransportErrors != 0 {
		t.Errorf("load: 5xx %d, log errors %d, unexpected %d, broken %d; want all 0",
			rep.Status5xx, rep.LogErrors, rep.Unexpected, rep.TransportErrors)
	}
	// Every kind of action ran at least once, or the mix is not what it
	// claims to be.
	for _, action := range []string{"view", "search", "typeahead", "save", "quiz_start", "quiz_submit",
		"acknowledge", "dashboard"} {
		if a := rep.Actions[action]; a.Count == 0 || a.P99MS <= 0 {
			t.Errorf("load: action %q = %+v, want some requests with latencies", action, a)
		}
	}
	if rep.Saves == 0 || rep.QuizAttempts == 0 || rep.Acks == 0 {
		t.Errorf("load: %d saves, %d quiz attempts, %d acknowledgements; want some of each", rep.Saves, rep.QuizAttempts, rep.Acks)
	}
	if len(rep.Memory.Samples) < 3 {
		t.Errorf("load: %d memory samples in 3s every 250ms, want more", len(rep.Memory.Samples))
	}
}

func TestLoadUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"argument", []string{"load", "extra"}},
		{"one user", []string{"load", "--users", "1"}},
		{"too many users", []string{"load", "--users", "100000"}},
		{"no duration", []string{"load", "--duration", "0s"}},
		{"too few pages", []string{"load", "--pages", "5"}},
		{"negative think", []string{"load", "--think", "-1s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, errOut := runCLI(t, tc.args...); code != 2 {
				t.Errorf("run(%q) = exit %d (%q), want 2", tc.args, code, errOut)
			}
		})
	}
}

func TestMemoryVerdict(t *testing.T) {
	flat := []float64{20, 22, 21, 23, 22, 21, 22, 23, 21, 22, 23, 22}
	growing := []float64{20, 22, 21, 23, 26, 28, 30, 32, 34, 36, 38, 40}
	small := []float64{8, 8, 8, 8, 9, 10, 11, 12, 12, 13, 13, 13} // ×1.6 but +5 MB
	tests := []struct {
		name     string
		heap     []float64
		duration time.Duration
		want     string // "stable", "growing" or "none"
	}{
		{"flat", flat, 60 * time.Second, "stable"},
		{"growing", growing, 60 * time.Second, "growing"},
		{"small heap within the slack", small, 60 * time.Second, "stable"},
		{"too short to judge", growing, 5 * time.Second, "none"},
		{"too few samples", growing[:5], 60 * time.Second, "none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &memoryReport{}
			step := tc.duration.Seconds() / float64(len(tc.heap))
			for i, h := range tc.heap {
				m.Samples = append(m.Samples, memSample{TS: float64(i+1) * step, LiveHeapMB: h})
			}
			m.judge(tc.duration)
			got := "none"
			if m.Stable != nil && *m.Stable {
				got = "stable"
			} else if m.Stable != nil {
				got = "growing"
			}
			if got != tc.want {
				t.Errorf("judge(%v, %v) = %s (ratio %.2f), want %s", tc.heap, tc.duration, got, m.Ratio, tc.want)
			}
		})
	}
}
