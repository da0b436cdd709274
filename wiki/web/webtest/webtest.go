// Package webtest runs the wiki's real handlers for tests: a real bbolt
// store and bleve index in a temp dir, the real sessions and templates,
// behind an httptest server, and a browser-like client with a cookie jar
// (wtf's MustOpenDB, for HTTP). quiz/web's tests add their routes through
// Options.Register. Only tests import it.
package webtest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/static"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
)

// Password is every test account's password.
const Password = "correct horse battery staple"

// Options change how New builds the app.
type Options struct {
	// Buckets are created besides the wiki's own (quiz.Buckets()).
	Buckets []string
	// PublicRead lets anonymous visitors read.
	PublicRead bool
	// MaxUpload and BaseURL are as --max-upload and --base-url.
	MaxUpload int64
	BaseURL   string
	// Register, when set, adds routes and page extensions before the
	// wiki's routes are registered.
	Register func(mux *http.ServeMux, deps *web.Deps)
	// Proxy, when set, signs users in from a trusted proxy's header, as
	// --trusted-proxies does.
	Proxy *web.ProxyAuth
}

// App is the wiki's handlers on a temp data directory behind an httptest
// server.
type App struct {
	t      *testing.T
	Store  *wiki.Store
	Syncer *wiki.Syncer
	// Notifier turns events into notifications; tests Flush it.
	Notifier *wiki.Notifier
	Deps     web.Deps
	Server   *httptest.Server
}

// New opens a store and index in t.TempDir(), registers the handlers and
// starts a server; t.Cleanup closes it all.
func New(t *testing.T, opts Options) *App {
	t.Helper()
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := wiki.OpenStore(dir, opts.Buckets...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	syncer := wiki.NewSyncer(store, dir, log)
	if err := syncer.Start(); err != nil {
		t.Fatalf("start syncer: %v", err)
	}
	t.Cleanup(func() { syncer.Close() })
	a := &App{t: t, Store: store, Syncer: syncer}
	a.startNotifier(opts, log)
	a.Server = httptest.NewServer(a.handler(opts, log))
	t.Cleanup(a.Server.Close)
	return a
}

// startNotifier starts the notifier with mail off, as without --smtp-addr.
func (a *App) startNotifier(opts Options, log *slog.Logger) {
	a.t.Helper()
	mailer, err := wiki.NewMailer(wiki.MailConfig{}, log)
	if err != nil {
		a.t.Fatalf("mailer: %v", err)
	}
	a.Notifier = wiki.NewNotifier(a.Store, mailer, opts.BaseURL, log)
	a.Notifier.Start()
	a.t.Cleanup(func() { a.Notifier.Close() })
}

// handler builds the mux as cmd does, with the middleware the handlers
// rely on: sessions and cross-origin protection.
func (a *App) handler(opts Options, log *slog.Logger) http.Handler {
	a.t.Helper()
	sessions, err := web.NewSessions(a.Store, web.SessionOptions{PublicRead: opts.PublicRead, Proxy: opts.Proxy}, log)
	if err != nil {
		a.t.Fatalf("sessions: %v", err)
	}
	views, err := web.NewViews(static.FS, false, sessions, log, web.ViewFuncs(a.Store, opts.MaxUpload))
	if err != nil {
		a.t.Fatalf("views: %v", err)
	}
	mux := http.NewServeMux()
	a.Deps = web.Deps{Store: a.Store, Views: views, Sessions: sessions, Static: static.FS, Search: a.Syncer, Log: log,
		MaxUpload: opts.MaxUpload, BaseURL: strings.TrimRight(opts.BaseURL, "/")}
	if opts.Register != nil {
		opts.Register(mux, &a.Deps)
	}
	web.Register(mux, a.Deps)
	return http.NewCrossOriginProtection().Handler(sessions.Load(mux))
}

// AddUser creates an account with Password.
func (a *App) AddUser(name string, role wiki.Role) *wiki.User {
	a.t.Helper()
	u, err := a.Store.CreateUser(name, role, Password)
	if err != nil {
		a.t.Fatalf("add user %s: %v", name, err)
	}
	return u
}

// SavePage stores a page directly, as alex.
func (a *App) SavePage(path, markdown string) *wiki.Page {
	a.t.Helper()
	p, err := a.Store.SavePage(wiki.SaveRequest{Path: path, Markdown: markdown, Author: "alex"})
	if err != nil {
		a.t.Fatalf("save %s: %v", path, err)
	}
	return p
}

// Sync flushes pending changes into the search index. A new data
// directory has no index: the syncer builds the first one in the
// background, and until it is swapped in Syncer.Sync has nothing to
// write to, so Sync waits for it (on loaded CI cores that can take
// longer than the test needs to reach its first search).
func (a *App) Sync() {
	a.t.Helper()
	for deadline := time.Now().Add(time.Minute); a.Syncer.Rebuilding(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			a.t.Fatal("sync index: the first index build took over a minute")
		}
	}
	if err := a.Syncer.Sync(context.Background()); err != nil {
		a.t.Fatalf("sync index: %v", err)
	}
}

// Anonymous returns a client that is not signed in.
func (a *App) Anonymous() *Client { return NewClient(a.t, a.Server.URL) }

// AnonymousFrom is an anonymous client whose connections come from the
// loopback address ip (127.0.0.2, …), so the server sees another client
// address.
func (a *App) AnonymousFrom(ip string) *Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: dialer.DialContext}
	a.t.Cleanup(tr.CloseIdleConnections)
	c := a.Anonymous()
	c.HTTP.Transport = tr
	return c
}

// Login returns a client signed in as name (with Password).
func (a *App) Login(name string) *Client {
	a.t.Helper()
	return NewClient(a.t, a.Server.URL).Login(name)
}

// Client is a browser-like HTTP client with a cookie jar that does not
// follow redirects, so tests can see them.
type Client struct {
	t    *testing.T
	base string
	HTTP *http.Client
}

// NewClient returns a client of the server at base.
func NewClient(t *testing.T, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, base: base, HTTP: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Login signs the client in as name with Password.
func (c *Client) Login(name string) *Client {
	c.t.Helper()
	resp := c.PostForm("/login", url.Values{"name": {name}, "password": {Password}, "next": {"/"}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: status %d, want 303", name, resp.StatusCode)
	}
	return c
}

// Response is a finished response with its body read.
type Response struct {
	*http.Response
	Body string
}

// Do sends req as a same-origin browser request.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	// Same-origin browser requests carry this; cross-origin protection
	// depends on it.
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &Response{Response: resp, Body: string(body)}
}

// Get fetches path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.URL(path), nil)
	return c.Do(req)
}

// PostForm posts form to path.
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.URL(path), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// Upload posts an attachment form to path: the file, and a name when
// one is given.
func (c *Client) Upload(path, filename string, data []byte, name string) *Response {
	c.t.Helper()
	var fields map[string]string
	if name != "" {
		fields = map[string]string{"name": name}
	}
	return c.Multipart(path, "file", filename, data, fields)
}

// Multipart posts a multipart form to path with one file field and the
// given other fields.
func (c *Client) Multipart(path, field, filename string, data []byte, fields map[string]string) *Response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile(field, filename)
	fw.Write(data)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return c.Send(http.MethodPost, path, mw.FormDataContentType(), body.String(), nil)
}

// URL is the absolute address of path on the client's server.
func (c *Client) URL(path string) string { return c.base + path }

// PNG is the start of a PNG file: enough for content sniffing.
var PNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00", 64))

// Send sends body to path with the method, content type and headers.
func (c *Client) Send(method, path, contentType, body string, header map[string]string) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.URL(path), strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.Do(req)
}

// MustContain reports each of wants that body, named what, lacks.
func MustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

// WantStatus stops the test unless resp, named what, has status want.
func WantStatus(t *testing.T, what string, resp *Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s = %d, want %d", what, resp.StatusCode, want)
	}
}
