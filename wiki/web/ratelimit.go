package web

import (
	"sync"
	"time"
)

// loginLimiter slows down password guessing (the README's security
// section states the policy). Within window, an address may fail perAddr
// times and an (address, user name) pair perPair times; further attempts
// are refused until the window has passed. A user name is never refused,
// since anyone could lock its owner out that way: after slowAfter failures
// from any address, each attempt on it waits a delay that doubles from
// baseDelay up to maxDelay.
//
// An attempt counts as a failure from the moment it starts (begin), before
// the password is hashed, and is taken back when it succeeds or could not
// be checked; so concurrent guesses cannot all pass the check at once.
type loginLimiter struct {
	mu        sync.Mutex
	now       func() time.Time
	window    time.Duration
	perAddr   int
	perPair   int
	slowAfter int
	baseDelay time.Duration
	maxDelay  time.Duration
	fails     map[string][]time.Time
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{now: time.Now, window: 15 * time.Minute, perAddr: 20, perPair: 5,
		slowAfter: 5, baseDelay: 250 * time.Millisecond, maxDelay: 2 * time.Second,
		fails: map[string][]time.Time{}}
}

// maxKept bounds the failures kept per key: enough for every limit and for
// the longest delay, so a flood on one user name does not grow its list.
const maxKept = 32

// loginAttempt is a started attempt, counted as a failure until it is
// released.
type loginAttempt struct {
	l                *loginLimiter
	addr, pair, name string
	at               time.Time
}

// begin starts an attempt from address ip for user name. It returns the
// attempt, and how long to delay it; or, when ip or the pair is over its
// limit, a nil attempt and how long to wait before trying again.
func (l *loginLimiter) begin(ip, name string) (a *loginAttempt, delay, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a = &loginAttempt{l: l, addr: "a:" + ip, pair: "p:" + ip + "\x00" + name, name: "n:" + name, at: l.now()}
	if wait = max(l.waitFor(a.addr, l.perAddr), l.waitFor(a.pair, l.perPair)); wait > 0 {
		return nil, 0, wait
	}
	delay = l.delayFor(len(l.prune(a.name)))
	if len(l.fails) > 100_000 {
		// Under a spray from many addresses, forget the oldest state rather
		// than grow without bound.
		clear(l.fails)
	}
	for _, k := range []string{a.addr, a.pair, a.name} {
		l.fails[k] = append(l.prune(k), a.at)
	}
	return a, delay, 0
}

// waitFor is how long key must wait with limit failures allowed, 0 if it
// may try. The caller holds mu.
func (l *loginLimiter) waitFor(key string, limit int) time.Duration {
	recent := l.prune(key)
	if len(recent) < limit {
		return 0
	}
	return recent[len(recent)-limit].Add(l.window).Sub(l.now())
}

// delayFor is the delay of an attempt on a user name that failed n times.
func (l *loginLimiter) delayFor(n int) time.Duration {
	if n < l.slowAfter {
		return 0
	}
	d := l.baseDelay << min(n-l.slowAfter, 16)
	return min(d, l.maxDelay)
}

// succeeded takes the attempt back and forgets the failures of its pair
// and user name: the owner got in. The address keeps its other failures.
func (a *loginAttempt) succeeded() {
	a.l.mu.Lock()
	defer a.l.mu.Unlock()
	a.l.remove(a.addr, a.at)
	delete(a.l.fails, a.pair)
	delete(a.l.fails, a.name)
}

// cancel takes the attempt back: the password was not checked.
func (a *loginAttempt) cancel() {
	a.l.mu.Lock()
	defer a.l.mu.Unlock()
	for _, k := range []string{a.addr, a.pair, a.name} {
		a.l.remove(k, a.at)
	}
}

// remove drops one failure at time at from key. The caller holds mu.
func (l *loginLimiter) remove(key string, at time.Time) {
	recent := l.fails[key]
	for i := len(recent) - 1; i >= 0; i-- {
		if recent[i].Equal(at) {
			recent = append(recent[:i:i], recent[i+1:]...)
			break
		}
	}
	if len(recent) == 0 {
		delete(l.fails, key)
		return
	}
	l.fails[key] = recent
}

// prune drops key's failures older than the window, and all but the
// newest maxKept. The caller holds mu.
func (l *loginLimiter) prune(key string) []time.Time {
	cutoff := l.now().Add(-l.window)
	recent := l.fails[key]
	for len(recent) > 0 && recent[0].Before(cutoff) {
		recent = recent[1:]
	}
	if len(recent) > maxKept {
		recent = recent[len(recent)-maxKept:]
	}
	if len(recent) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = recent
	return recent
}
