package main

import (
	"encoding/json"
	"testing"

	"github.com/handover/handover/cmd/handover/internal/load"
)

// TestLoadShort runs `handover load` small and short: the full run (50
// people for 60 s) is in .ci/run.
func TestLoadShort(t *testing.T) {
	if testing.Short() {
		t.Skip("a load run of a few seconds; skipped with -short")
	}
	code, out, errOut := runCLI(t, "load", "--users", "10", "--duration", "3s", "--pages", "200",
		"--think", "50ms", "--sample", "250ms", "--json")
	var rep load.Report
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
