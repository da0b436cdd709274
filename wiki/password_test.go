package wiki

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestHashGate: no more than the slots run at once, however many callers
// come; a caller that waits longer than the gate's wait, or finds the
// queue full, gets ErrBusy without running.
func TestHashGate(t *testing.T) {
	g := newHashGate(2, 5*time.Second)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := g.do(func() {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(5 * time.Millisecond)
				running.Add(-1)
			})
			if err != nil {
				t.Errorf("do = %v, want nil (the wait is long enough)", err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > 2 {
		t.Errorf("%d hashes ran at once, want at most 2", p)
	}
	if got := g.count.Load(); got != 20 {
		t.Errorf("count = %d, want 20", got)
	}

	g = newHashGate(1, 20*time.Millisecond)
	release, started := make(chan struct{}), make(chan struct{})
	go g.do(func() { close(started); <-release })
	<-started
	ran := false
	if err := g.do(func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
		t.Errorf("do while the slot is taken = %v (ran %v), want ErrBusy after the wait", err, ran)
	}
	g.queued.Store(g.maxQueue)
	if err := g.do(func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
		t.Errorf("do with a full queue = %v (ran %v), want ErrBusy", err, ran)
	}
	close(release)
}

func TestCheckPasswordStrength(t *testing.T) {
	for _, tc := range []struct {
		name, user, password, rule string // rule: a word of the message, "" if accepted
	}{
		{"too short", "alex", "short pw", "10 characters"},
		{"too long", "alex", strings.Repeat("horse ", 200), "1024 bytes"},
		{"one letter", "alex", "aaaaaaaaaa", "repeats"},
		{"few letters", "alex", "abababababab", "repeats"},
		{"a repeated word", "alex", "horsehorsehorse", "repeats"},
		{"digits in order", "alex", "1234567890", "common"},
		{"digits backwards", "alex", "0987654321", "sequence"},
		{"the alphabet", "alex", "bcdefghijklm", "sequence"},
		{"a keyboard row", "alex", "qwertyuiop", "common"},
		{"two runs", "alex", "mnopqr56789", "sequence"},
		{"keyboard columns", "alex", "1qaz2wsx3edc4rfv", "common"},
		{"common", "alex", "password12", "common"},
		{"common, capitalised", "alex", "Basketball", "common"},
		{"common with digits", "alex", "Sunshine2024!", "common"},
		{"the user name", "alex", "alex likes long walks", "user name"},
		{"the user name, other case", "Alex", "ALEX-the-great-9", "user name"},
		{"part of the user name", "jane.doe@ops", "my name is jane!!", "user name"},
		{"the test password", "alex", "correct horse battery staple", ""},
		{"a passphrase", "alex", "tulip ladder orbit 42", ""},
		{"a demo password", "alex", "k7mq-x2dp-9fhw", ""},
		{"a short user name is no rule", "al", "totally random phrase", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPasswordStrength(tc.user, tc.password)
			switch {
			case tc.rule == "" && err != nil:
				t.Errorf("CheckPasswordStrength(%q, %q) = %v, want nil", tc.user, tc.password, err)
			case tc.rule != "" && (ErrorKind(err) != Invalid || !strings.Contains(err.Error(), tc.rule)):
				t.Errorf("CheckPasswordStrength(%q, %q) = %v, want Invalid naming %q", tc.user, tc.password, err, tc.rule)
			}
		})
	}
}

// TestCommonPasswordList: the embedded list is there, sorted, lowercased
// and of the size its comment states.
func TestCommonPasswordList(t *testing.T) {
	list := commonPasswords()
	if len(list) != 49233 {
		t.Errorf("the list has %d passwords, want 49233", len(list))
	}
	for _, p := range []string{"password", "qwertyuiop", "iloveyou", "trustno1"} {
		if !isCommonPassword(p) {
			t.Errorf("isCommonPassword(%q) = false, want true", p)
		}
	}
	for _, p := range list {
		if p != strings.ToLower(p) || p == "" {
			t.Fatalf("list entry %q is not lowercased or empty", p)
		}
	}
}
