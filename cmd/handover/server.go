package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/handover/handover/cmd/handover/internal/demo"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/static"
	"github.com/handover/handover/wiki"
	"golang.org/x/term"
)

// Main is the running program: configuration, storage, index and HTTP
// server. Tests build one with a temp data directory and reuse Run/Close.
type Main struct {
	Config Config
	Log    *slog.Logger
	Out    io.Writer // where the setup link and demo passwords go

	Store    *wiki.Store
	Quiz     *quiz.Store // the one quiz store over Store
	Syncer   *wiki.Syncer
	Notifier *wiki.Notifier
	Mailer   *wiki.Mailer
	Handler  http.Handler
	Server   *http.Server
	Listener net.Listener
}

// NewMain returns a Main for cfg that logs to w.
func NewMain(cfg Config, out io.Writer) *Main {
	return &Main{Config: cfg, Out: out, Log: newLogger(out, cfg.Dev)}
}

func newLogger(w io.Writer, dev bool) *slog.Logger {
	if f, ok := w.(*os.File); dev || (ok && term.IsTerminal(int(f.Fd()))) {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// Open opens the store and the index and builds the HTTP handler, without
// listening; Run calls it, and tests use it with httptest.
func (m *Main) Open() error {
	if (m.Config.TLSCert == "") != (m.Config.TLSKey == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	if m.Config.SessionIdle < 0 || m.Config.SessionLifetime < 0 {
		return usagef("--session-idle and --session-lifetime must not be negative")
	}
	store, qs, err := openStore(m.Config.Data)
	if err != nil {
		return err
	}
	m.Store, m.Quiz = store, qs
	m.Syncer = wiki.NewSyncer(store, m.Config.Data, m.Log)
	if err := m.Syncer.Start(); err != nil {
		return err
	}
	if err := m.openFollow(); err != nil {
		return err
	}
	if m.Config.Demo {
		if err := demo.Seed(m.Store, m.Quiz, m.staticFS(), m.Out, m.Log); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	m.Handler, err = m.routes()
	return err
}

// staticFS is the embedded static tree, or ./static on disk under --dev.
func (m *Main) staticFS() fs.FS {
	if m.Config.Dev {
		return os.DirFS("static")
	}
	return static.FS
}

// Run opens everything, listens and serves until ctx is done, then shuts
// down gracefully.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Open(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	m.Listener = ln
	m.Server = m.newHTTPServer()
	if m.Config.TLSCert != "" {
		// Load the key pair now, so that a wrong path fails before the
		// server says it is listening, naming the flags.
		cert, err := tls.LoadX509KeyPair(m.Config.TLSCert, m.Config.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("--tls-cert %s, --tls-key %s: %w", m.Config.TLSCert, m.Config.TLSKey, err)
		}
		m.Server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	if err := m.announce(); err != nil {
		return err
	}
	defer m.startReminders()()
	errc := make(chan error, 1)
	go func() { errc <- m.serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		m.Log.Info("shutting down")
		return nil
	}
}

// newHTTPServer is the server Run listens with. Its timeouts cut off
// clients that send their request too slowly (ReadHeaderTimeout against
// slowloris, ReadTimeout for the body) or hold a connection idle; tests
// build one to check them.
func (m *Main) newHTTPServer() *http.Server {
	return &http.Server{
		Handler:           m.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
}

func (m *Main) serve(ln net.Listener) error {
	var err error
	if m.Server.TLSConfig != nil {
		err = m.Server.ServeTLS(ln, "", "")
	} else {
		err = m.Server.Serve(ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// listenURL is the address the server listens on.
func (m *Main) listenURL() string {
	scheme := "http"
	if m.Config.TLSCert != "" {
		scheme = "https"
	}
	addr := m.Config.Addr
	if m.Listener != nil {
		addr = m.Listener.Addr().String()
	}
	return scheme + "://" + addr
}

// BaseURL is the address users reach the wiki at, for links in e-mails,
// feeds and the setup link: --base-url, else the listening address, with
// "localhost" for a wildcard one (":8080" listens everywhere, but nobody
// can browse to it).
func (m *Main) BaseURL() string {
	if m.Config.BaseURL != "" {
		return strings.TrimRight(m.Config.BaseURL, "/")
	}
	u := m.listenURL()
	scheme, hostport, _ := strings.Cut(u, "://")
	host, port, err := net.SplitHostPort(hostport)
	if ip := net.ParseIP(host); err == nil && (host == "" || ip != nil && ip.IsUnspecified()) {
		return scheme + "://" + net.JoinHostPort("localhost", port)
	}
	return u
}

// announce logs where the server listens and, on an empty data directory,
// prints the one-time link for creating the first admin.
func (m *Main) announce() error {
	m.Log.Info("listening", "url", m.listenURL(), "base_url", m.BaseURL(), "data", m.Config.Data)
	token, err := m.Store.NewSetupToken()
	if err != nil || token == "" {
		return err
	}
	fmt.Fprintf(m.Out, "\nNo accounts yet. Create the first administrator at:\n\n    %s/setup?token=%s\n\n", m.BaseURL(), token)
	return nil
}

// Close stops the server (finishing requests), then the indexer, the
// index and the database, in that order.
func (m *Main) Close() error {
	var errs []error
	if m.Server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		errs = append(errs, m.Server.Shutdown(ctx))
		cancel()
	}
	errs = append(errs, m.closeFollow())
	if m.Syncer != nil {
		errs = append(errs, m.Syncer.Close())
	}
	if m.Store != nil {
		errs = append(errs, m.Store.Close())
	}
	return errors.Join(errs...)
}

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	var cfg Config
	if err := parseFlags(serveFlags(&cfg, env.stderr), args); err != nil {
		return helpIsOK(err)
	}
	if cfg.TLSCert != "" {
		cfg.SecureCookies = true
	}
	m := NewMain(cfg, env.stderr)
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

// helpIsOK turns a -h request into success.
func helpIsOK(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}
