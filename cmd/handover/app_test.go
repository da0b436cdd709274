package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
)

// testApp is the whole program on a temp data directory behind an
// httptest server.
type testApp struct {
	t      *testing.T
	Main   *Main
	Server *httptest.Server
}

// testPassword is every test account's password.
const testPassword = "correct horse battery staple"

func newTestApp(t *testing.T, opts ...func(*Config)) *testApp {
	t.Helper()
	cfg := Config{Data: t.TempDir(), Addr: "127.0.0.1:0", ProxyHeader: "X-Forwarded-User"}
	for _, o := range opts {
		o(&cfg)
	}
	m := &Main{Config: cfg, Out: io.Discard, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := m.Open(); err != nil {
		t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewServer(m.Handler)
	t.Cleanup(func() {
		srv.Close()
		if err := m.Close(); err != nil {
			t.Errorf("close app: %v", err)
		}
	})
	return &testApp{t: t, Main: m, Server: srv}
}

// addUser creates an account with testPassword.
func (a *testApp) addUser(name string, role wiki.Role) *wiki.User {
	a.t.Helper()
	u, err := a.Main.Store.CreateUser(name, role, testPassword)
	if err != nil {
		a.t.Fatalf("add user %s: %v", name, err)
	}
	return u
}

// savePage stores a page directly.
func (a *testApp) savePage(path, markdown string) *wiki.Page {
	a.t.Helper()
	p, err := a.Main.Store.SavePage(wiki.SaveRequest{Path: path, Markdown: markdown, Author: "alex"})
	if err != nil {
		a.t.Fatalf("save %s: %v", path, err)
	}
	return p
}

// sync flushes pending changes into the search index.
func (a *testApp) sync() {
	a.t.Helper()
	if err := a.Main.Syncer.Sync(context.Background()); err != nil {
		a.t.Fatalf("sync index: %v", err)
	}
}

// client is a browser-like HTTP client with a cookie jar that does not
// follow redirects, so tests can see them.
type client struct {
	t    *testing.T
	app  *testApp
	http *http.Client
}

func (a *testApp) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, app: a, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login returns a client signed in as name.
func (a *testApp) login(name string) *client {
	a.t.Helper()
	c := a.anonymous()
	resp := c.postForm("/login", url.Values{"name": {name}, "password": {testPassword}, "next": {"/"}})
	if resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("login %s: status %d, want 303", name, resp.StatusCode)
	}
	return c
}

// response is a finished response with its body read.
type response struct {
	*http.Response
	Body string
}

func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	// Same-origin browser requests carry this; cross-origin protection
	// depends on it.
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &response{Response: resp, Body: string(body)}
}

func (c *client) get(path string) *response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.app.Server.URL+path, nil)
	return c.do(req)
}

func (c *client) postForm(path string, form url.Values) *response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.app.Server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) send(method, path, contentType, body string, header map[string]string) *response {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.app.Server.URL+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.do(req)
}
