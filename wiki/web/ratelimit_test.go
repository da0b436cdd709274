package web

import (
	"fmt"
	"testing"
	"time"
)

func testLimiter() (*loginLimiter, *time.Time) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLoginLimiter()
	l.now = func() time.Time { return now }
	return l, &now
}

// TestLoginLimiterPerAddress: an address is refused after perAddr failed
// attempts, whatever the names, until the window has passed; another
// address is not.
func TestLoginLimiterPerAddress(t *testing.T) {
	l, now := testLimiter()
	for i := range l.perAddr {
		if a, _, _ := l.begin("10.0.0.1", fmt.Sprint("user", i)); a == nil {
			t.Fatalf("attempt %d refused, want the limit at %d", i+1, l.perAddr)
		}
	}
	if a, _, wait := l.begin("10.0.0.1", "someone"); a != nil || wait <= 0 {
		t.Errorf("attempt %d from the address = %v, wait %v; want refused", l.perAddr+1, a, wait)
	}
	if a, _, _ := l.begin("10.0.0.2", "someone"); a == nil {
		t.Error("another address is refused too")
	}
	*now = now.Add(l.window + time.Second)
	if a, _, _ := l.begin("10.0.0.1", "someone"); a == nil {
		t.Error("still refused after the window")
	}
}

// TestLoginLimiterPerPair: one address gets perPair tries at one name;
// the same address may still try another name, another address that name.
func TestLoginLimiterPerPair(t *testing.T) {
	l, _ := testLimiter()
	for i := range l.perPair {
		if a, _, _ := l.begin("10.0.0.1", "alex"); a == nil {
			t.Fatalf("attempt %d refused, want the limit at %d", i+1, l.perPair)
		}
	}
	if a, _, _ := l.begin("10.0.0.1", "alex"); a != nil {
		t.Errorf("attempt %d at alex from one address allowed, want refused", l.perPair+1)
	}
	if a, _, _ := l.begin("10.0.0.1", "sam"); a == nil {
		t.Error("the address is refused for another name")
	}
	if a, _, _ := l.begin("10.0.0.2", "alex"); a == nil {
		t.Error("alex is refused from another address")
	}
}

// TestLoginLimiterNameDelay: failures on one name from many addresses never
// refuse it; they slow it down, with a delay that grows to maxDelay and
// no further, and that a success resets.
func TestLoginLimiterNameDelay(t *testing.T) {
	l, _ := testLimiter()
	var last time.Duration
	for i := range 40 {
		a, delay, _ := l.begin(fmt.Sprint("10.0.", i/4, ".", i%4), "alex")
		if a == nil {
			t.Fatalf("attempt %d at alex refused; a name is never refused", i+1)
		}
		switch {
		case i < l.slowAfter && delay != 0:
			t.Errorf("attempt %d delayed %v, want none before %d failures", i+1, delay, l.slowAfter)
		case delay < last || delay > l.maxDelay:
			t.Errorf("attempt %d delayed %v after %v, want growing up to %v", i+1, delay, last, l.maxDelay)
		}
		last = delay
	}
	if last != l.maxDelay {
		t.Errorf("delay after 40 failures = %v, want the bound %v", last, l.maxDelay)
	}
	a, _, _ := l.begin("10.9.9.9", "alex")
	a.succeeded()
	if _, delay, _ := l.begin("10.9.9.9", "alex"); delay != 0 {
		t.Errorf("delay after a success = %v, want 0", delay)
	}
}

// TestLoginLimiterRelease: a cancelled attempt does not count; a
// successful one forgets the pair's failures but not the address's.
func TestLoginLimiterRelease(t *testing.T) {
	l, _ := testLimiter()
	for range 3 * l.perPair {
		a, _, _ := l.begin("10.0.0.1", "alex")
		if a == nil {
			t.Fatal("cancelled attempts counted")
		}
		a.cancel()
	}
	for range l.perPair - 1 {
		l.begin("10.0.0.1", "alex")
	}
	a, _, _ := l.begin("10.0.0.1", "alex")
	a.succeeded()
	if a, _, _ := l.begin("10.0.0.1", "alex"); a == nil {
		t.Error("the pair is refused after a success")
	}
	if n := len(l.fails["a:10.0.0.1"]); n != l.perPair {
		t.Errorf("the address has %d failures, want %d (the success taken back)", n, l.perPair)
	}
}
