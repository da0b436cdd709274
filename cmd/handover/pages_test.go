package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func TestSecurityHeaders(t *testing.T) {
	app := newTestApp(t)
	r := app.Anonymous().Get("/login")
	for k, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	} {
		if !strings.Contains(r.Header.Get(k), want) {
			t.Errorf("%s = %q, want it to contain %q", k, r.Header.Get(k), want)
		}
	}
}

func TestSessionCookieFlags(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.SecureCookies = true })
	app.AddUser("alex", wiki.RoleMember)
	r := app.Anonymous().PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	cookie := r.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Secure", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
}
