package web

import (
	"testing"
	"time"
)

func TestLoginLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLoginLimiter()
	l.now = func() time.Time { return now }
	for range l.maxFails {
		if l.wait("k") != 0 {
			t.Fatal("blocked before reaching the limit")
		}
		l.fail("k")
	}
	if l.wait("k") <= 0 {
		t.Error("not blocked after the limit")
	}
	if l.wait("other") != 0 {
		t.Error("another key is blocked too")
	}
	now = now.Add(l.window + time.Second)
	if l.wait("k") != 0 {
		t.Error("still blocked after the window")
	}
}
