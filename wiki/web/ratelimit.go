package web

import (
	"sync"
	"time"
)

// loginLimiter slows down password guessing: after maxFails failed logins
// for the same key (client address, and separately user name) within
// window, further attempts are refused until the window has passed.
type loginLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	window   time.Duration
	maxFails int
	fails    map[string][]time.Time
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{now: time.Now, window: 15 * time.Minute, maxFails: 10, fails: map[string][]time.Time{}}
}

// wait returns how long key must wait before trying again, 0 if it may try.
func (l *loginLimiter) wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.prune(key)
	if len(recent) < l.maxFails {
		return 0
	}
	return recent[0].Add(l.window).Sub(l.now())
}

// fail records a failed attempt for key.
func (l *loginLimiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.prune(key), l.now())
	if len(l.fails) > 100_000 {
		// Under a spray from many addresses, forget the oldest state rather
		// than grow without bound.
		clear(l.fails)
	}
}

// succeed forgets key's failures.
func (l *loginLimiter) succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

func (l *loginLimiter) prune(key string) []time.Time {
	cutoff := l.now().Add(-l.window)
	recent := l.fails[key]
	for len(recent) > 0 && recent[0].Before(cutoff) {
		recent = recent[1:]
	}
	if len(recent) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = recent
	return recent
}
