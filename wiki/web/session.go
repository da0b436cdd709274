package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/sessions"
	"github.com/handover/handover/wiki"
)

const sessionCookie = "handover_session"

type ctxKey int

const (
	userKey ctxKey = iota
	sessionKey
	viaTokenKey
	publicReadKey
)

// SessionOptions configures the session cookie.
type SessionOptions struct {
	// Secure marks the cookie Secure (set when serving TLS or behind a TLS
	// proxy).
	Secure bool
	// PublicRead lets anonymous visitors read and search.
	PublicRead bool
	// Proxy authenticates users from a trusted reverse-proxy header; nil
	// disables it.
	Proxy *ProxyAuth
	// Policy holds the idle timeout and lifetime of sessions; zero fields
	// take wiki's defaults.
	Policy wiki.SessionPolicy
}

// Sessions loads the signed-in user of each request from the session
// cookie or an API token. The cookie holds a session ID; the session
// itself is in the store (wiki.Store.CreateSession), so signing out ends it
// for every copy of the cookie.
type Sessions struct {
	store  *wiki.Store
	cookie *sessions.CookieStore
	opts   SessionOptions
	log    *slog.Logger
	memo   *cookieMemo
}

// NewSessions creates the session manager. Cookie keys are generated on first
// use and kept in the meta bucket, so sessions survive restarts.
func NewSessions(store *wiki.Store, opts SessionOptions, log *slog.Logger) (*Sessions, error) {
	keys, err := store.SessionKeys()
	if err != nil {
		return nil, err
	}
	if opts.Policy.Idle <= 0 {
		opts.Policy.Idle = wiki.DefaultSessionIdle
	}
	if opts.Policy.Lifetime <= 0 {
		opts.Policy.Lifetime = wiki.DefaultSessionLifetime
	}
	cs := sessions.NewCookieStore(keys[:64], keys[64:])
	cs.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(opts.Policy.Lifetime.Seconds()),
		HttpOnly: true,
		Secure:   opts.Secure,
		SameSite: http.SameSiteLaxMode,
	}
	return &Sessions{store: store, cookie: cs, opts: opts, log: log, memo: newCookieMemo()}, nil
}

// PublicRead reports whether anonymous visitors may read.
func (s *Sessions) PublicRead() bool { return s.opts.PublicRead }

// Load is middleware that puts the request's user (if any) into the
// context: from a Bearer API token, a trusted proxy header, or the session
// cookie. A cookie whose user is gone, disabled, or logged out everywhere is
// ignored.
func (s *Sessions) Load(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, viaToken, err := s.authenticate(w, r)
		// authenticate leaves the decoded session in r's context (gorilla's
		// registry), so derive from it afterwards: later reads of the
		// session (flash messages) then cost no second decode.
		ctx := context.WithValue(r.Context(), publicReadKey, s.opts.PublicRead)
		if err != nil {
			switch ErrorKind(err) {
			case wiki.Unauthorized:
				writeJSONError(w, err)
				return
			case wiki.Forbidden: // a single sign-on name that cannot sign in here
				s.log.Warn("proxy sign-in refused", "err", err, "ip", s.ClientIP(r))
				if isAPI(r) {
					writeJSONError(w, err)
				} else {
					http.Error(w, ErrorMessage(err), http.StatusForbidden)
				}
				return
			}
			s.log.Error("load session", "err", err, "path", r.URL.Path)
		} else if u != nil {
			ctx = context.WithValue(ctx, userKey, u)
			ctx = context.WithValue(ctx, viaTokenKey, viaToken)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// ClientIP is the address of the person behind r, seen through a trusted
// proxy when one is configured (ProxyAuth.clientIP).
func (s *Sessions) ClientIP(r *http.Request) string { return s.opts.Proxy.clientIP(r) }

func (s *Sessions) authenticate(w http.ResponseWriter, r *http.Request) (*wiki.User, bool, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		u, err := s.userFromToken(h)
		return u, true, err
	}
	if s.opts.Proxy != nil {
		if u, err := s.opts.Proxy.user(s.store, r); u != nil || err != nil {
			return u, false, err
		}
	}
	u, err := s.userFromCookie(r)
	return u, false, err
}

func (s *Sessions) userFromToken(header string) (*wiki.User, error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return nil, wiki.Errorf(wiki.Unauthorized, "the Authorization header must be \"Bearer <token>\"")
	}
	u, err := s.store.UserByToken(strings.TrimSpace(token))
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, wiki.Errorf(wiki.Unauthorized, "invalid or revoked API token")
	}
	return u, err
}

// userFromCookie looks the cookie's session up in the store on every
// request (the memo only saves decoding the cookie), so a session ended
// by sign-out, a timeout or a new password stops working at once.
func (s *Sessions) userFromCookie(r *http.Request) (*wiki.User, error) {
	v := s.cookieValues(r)
	if v.sid == "" {
		return nil, nil
	}
	u, err := s.store.SessionUser(v.sid, s.opts.Policy)
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, nil
	}
	return u, err
}

// Login replaces the session with a fresh one for u (so a session planted
// before login is worthless, and the one it replaces ends) and writes the
// cookie, with optional flash messages for the next page.
func (s *Sessions) Login(w http.ResponseWriter, r *http.Request, u *wiki.User, flashes ...string) error {
	if err := s.store.DeleteSession(s.cookieValues(r).sid); err != nil {
		return err
	}
	sid, err := s.store.CreateSession(u, s.opts.Policy)
	if err != nil {
		return err
	}
	sess := sessions.NewSession(s.cookie, sessionCookie)
	opts := *s.cookie.Options
	sess.Options = &opts
	sess.IsNew = true
	sess.Values["sid"] = sid
	for _, f := range flashes {
		sess.AddFlash(f)
	}
	return sess.Save(r, w)
}

// Logout ends the request's session in the store, so that no copy of the
// cookie works any more, and clears the cookie.
func (s *Sessions) Logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.store.DeleteSession(s.cookieValues(r).sid); err != nil {
		return err
	}
	sess, _ := s.cookie.Get(r, sessionCookie)
	sess.Values = map[any]any{}
	sess.Options.MaxAge = -1
	return sess.Save(r, w)
}

// AddFlash stores a one-time message shown on the next page.
func (s *Sessions) AddFlash(w http.ResponseWriter, r *http.Request, msg string) {
	sess, _ := s.cookie.Get(r, sessionCookie)
	sess.AddFlash(msg)
	if err := sess.Save(r, w); err != nil {
		s.log.Error("save flash", "err", err)
	}
}

// popFlash returns and clears pending flash messages. It writes the cookie
// header, so call it before the response body is written.
func (s *Sessions) popFlash(w http.ResponseWriter, r *http.Request) []string {
	if !s.hasFlash(r) {
		return nil
	}
	sess, _ := s.cookie.Get(r, sessionCookie)
	flashes := sess.Flashes()
	if len(flashes) == 0 {
		return nil
	}
	if err := sess.Save(r, w); err != nil {
		s.log.Error("clear flash", "err", err)
	}
	out := make([]string, 0, len(flashes))
	for _, f := range flashes {
		if m, ok := f.(string); ok {
			out = append(out, m)
		}
	}
	return out
}

// hasFlash reports whether the request's session holds flash messages
// (the session was decoded by Load; this reads it again for free).
func (s *Sessions) hasFlash(r *http.Request) bool {
	return s != nil && s.cookieValues(r).flash
}

// cookieValues reads the session cookie through the memo; without a valid
// cookie it is the zero value.
func (s *Sessions) cookieValues(r *http.Request) cookieValues {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return cookieValues{}
	}
	if v, ok := s.memo.get(c.Value); ok {
		return v
	}
	sess, _ := s.cookie.Get(r, sessionCookie) // a bad cookie yields a new session
	flashes, _ := sess.Values["_flash"].([]any)
	v := cookieValues{flash: len(flashes) > 0}
	v.sid, _ = sess.Values["sid"].(string)
	if !sess.IsNew {
		s.memo.put(c.Value, v)
	}
	return v
}

// UserFromContext returns the signed-in user, or nil for anonymous requests.
func UserFromContext(ctx context.Context) *wiki.User {
	u, _ := ctx.Value(userKey).(*wiki.User)
	return u
}

// ViaToken reports whether the request was authenticated with an API token.
func ViaToken(ctx context.Context) bool {
	v, _ := ctx.Value(viaTokenKey).(bool)
	return v
}

func publicRead(r *http.Request) bool {
	v, _ := r.Context().Value(publicReadKey).(bool)
	return v
}

// loginURL is where anonymous users are sent, remembering where they were.
func loginURL(r *http.Request) string {
	return "/login?next=" + url.QueryEscape(r.URL.RequestURI())
}
