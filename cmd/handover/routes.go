package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
)

// maxBodyBytes caps every request body; handlers set tighter limits.
const maxBodyBytes = 16 << 20

// routes builds the top-level mux and wraps it in the global middleware:
// recover → request log → security headers → cross-origin protection →
// body limit → session loading.
func (m *Main) routes() (http.Handler, error) {
	proxy, err := web.NewProxyAuth(m.Config.ProxyHeader, m.Config.TrustedProxies)
	if err != nil {
		return nil, usagef("%v", err)
	}
	sessions, err := web.NewSessions(m.Store, web.SessionOptions{
		Secure: m.Config.SecureCookies, PublicRead: m.Config.PublicRead, Proxy: proxy,
		Policy: wiki.SessionPolicy{Idle: m.Config.SessionIdle, Lifetime: m.Config.SessionLifetime}}, m.Log)
	if err != nil {
		return nil, err
	}
	fsys := m.staticFS()
	views, err := web.NewViews(fsys, m.Config.Dev, sessions, m.Log, web.ViewFuncs(m.Store, m.Config.MaxUpload))
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", cacheForever(http.StripPrefix("/static/", http.FileServerFS(fsys))))
	mux.HandleFunc("GET /healthz", m.healthz)
	met := newMetrics(m.Store, m.Syncer)
	mux.Handle("GET /metrics", met.handler())
	deps := web.Deps{Store: m.Store, Views: views, Sessions: sessions, Static: fsys, Search: m.Syncer, Log: m.Log,
		MaxUpload: m.Config.MaxUpload, BaseURL: strings.TrimRight(m.Config.BaseURL, "/")}
	m.registerQuiz(mux, &deps)
	web.Register(mux, deps)

	var h http.Handler = recordRoute(mux)
	h = sessions.Load(h)
	h = limitBody(h, max(maxBodyBytes, m.Config.MaxUpload+1<<20))
	h = http.NewCrossOriginProtection().Handler(h)
	h = securityHeaders(h, m.Config.TLSCert != "")
	h = logRequests(h, m.Log)
	h = met.observe(h)
	h = recoverPanics(h, m.Log)
	return h, nil
}

// healthz answers 503 when the database cannot be read, and "degraded"
// (still 200: pages can be read) when saves or the index fail for want
// of disk space.
func (m *Main) healthz(w http.ResponseWriter, r *http.Request) {
	if err := m.Store.View(func(*wiki.Tx) error { return nil }); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	var trouble []string
	if m.Store.DiskFull() {
		trouble = append(trouble, "the disk is full: saves are refused until space is freed")
	}
	if t := m.Syncer.Trouble(); t != "" {
		trouble = append(trouble, t)
	}
	if len(trouble) > 0 {
		fmt.Fprintf(w, "degraded: %s\n", strings.Join(trouble, "; "))
		return
	}
	fmt.Fprintln(w, "ok")
}

// cacheForever lets browsers keep static files: their URLs carry a content
// hash (?v=...), so a change gets a new URL.
func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		h.ServeHTTP(w, r)
	})
}

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: https:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

func securityHeaders(next http.Handler, tls bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if tls {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body at limit bytes: maxBodyBytes, or more
// when the attachment limit needs it.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// logRequests logs one line per request with a request ID, also returned to
// the client as X-Request-ID so a user's report can be matched to the log.
func logRequests(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID()
		w.Header().Set("X-Request-ID", id)
		rec := &web.Recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		log.Info("request", "id", id, "method", r.Method, "path", r.URL.Path,
			"status", rec.Status, "bytes", rec.Bytes, "ms", time.Since(start).Milliseconds(),
			"remote", r.RemoteAddr)
	})
}

func requestID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// recoverPanics turns a panic in a handler into a 500 and a log entry, so
// one bad request never takes the server down.
func recoverPanics(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, "Internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
