package web

import (
	"sync"
	"time"
)

// cookieMemo remembers for a minute what session cookies decoded to.
// Decoding (HMAC, AES, and gob, which compiles its decoder each time)
// costs more than the rest of serving a page from the view cache. A cookie
// value is authenticated and encrypted, so equal values decode to equal
// sessions and only values that decoded are kept. The memo holds only the
// session ID: the session and its user are looked up in the store on
// every request, so a session that was signed out, timed out or revoked
// stops working at once however long the memo keeps its cookie.
type cookieMemo struct {
	mu sync.Mutex
	m  map[string]cookieValues
}

// cookieValues is what the wiki reads from a session.
type cookieValues struct {
	sid   string // the session ID (wiki.Store.CreateSession)
	flash bool   // the session holds flash messages
	until time.Time
}

const (
	cookieMemoTTL = time.Minute
	maxCookieMemo = 10_000
)

func newCookieMemo() *cookieMemo { return &cookieMemo{m: map[string]cookieValues{}} }

func (c *cookieMemo) get(cookie string) (cookieValues, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[cookie]
	if ok && time.Now().After(v.until) {
		delete(c.m, cookie)
		return v, false
	}
	return v, ok
}

func (c *cookieMemo) put(cookie string, v cookieValues) {
	v.until = time.Now().Add(cookieMemoTTL)
	c.mu.Lock()
	defer c.mu.Unlock()
	evictUntil(c.m, len(c.m), maxCookieMemo-1, func(cookieValues) int { return 1 })
	c.m[cookie] = v
}
