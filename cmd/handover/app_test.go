package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// testApp is the whole program on a temp data directory behind an
// httptest server.
type testApp struct {
	t      *testing.T
	Main   *Main
	Server *httptest.Server
	*quiztest.Fixture
}

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
	return &testApp{t: t, Main: m, Server: srv, Fixture: quiztest.NewFixture(t, m.Store, m.Quiz)}
}

// addUser creates an account with webtest.Password.
func (a *testApp) AddUser(name string, role wiki.Role) *wiki.User {
	a.t.Helper()
	u, err := a.Main.Store.CreateUser(name, role, webtest.Password)
	if err != nil {
		a.t.Fatalf("add user %s: %v", name, err)
	}
	return u
}

// savePage stores a page directly.
func (a *testApp) SavePage(path, markdown string) *wiki.Page {
	a.t.Helper()
	p, err := a.Main.Store.SavePage(wiki.SaveRequest{Path: path, Markdown: markdown, Author: "alex"})
	if err != nil {
		a.t.Fatalf("save %s: %v", path, err)
	}
	return p
}

// sync flushes pending changes into the search index.
func (a *testApp) Sync() {
	a.t.Helper()
	if err := a.Main.Syncer.Sync(context.Background()); err != nil {
		a.t.Fatalf("sync index: %v", err)
	}
}

// Anonymous returns a client that is not signed in.
func (a *testApp) Anonymous() *webtest.Client { return webtest.NewClient(a.t, a.Server.URL) }

// Login returns a client signed in as name.
func (a *testApp) Login(name string) *webtest.Client {
	a.t.Helper()
	return a.Anonymous().Login(name)
}
