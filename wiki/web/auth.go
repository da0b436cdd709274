package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

type loginView struct {
	Base
	Name  string
	Next  string
	Error string
}

func (h *handlers) loginForm(w http.ResponseWriter, r *http.Request) error {
	if n, err := h.Store.UserCount(); err == nil && n == 0 {
		return wiki.Errorf(wiki.NotFound, "no accounts exist yet: open the setup link printed by the server when it started")
	}
	data := &loginView{Base: Base{Title: "Sign in", Nav: "login"}, Next: safeNext(r.URL.Query().Get("next"))}
	return h.Views.Render(w, r, http.StatusOK, "login.html", data)
}

func (h *handlers) login(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	name, password := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password")
	data := &loginView{Base: Base{Title: "Sign in", Nav: "login"}, Name: name, Next: safeNext(r.PostForm.Get("next"))}
	attempt, delay, wait := h.limiter.begin(h.Sessions.ClientIP(r), wiki.UserKey(name))
	if attempt == nil {
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		data.Error = fmt.Sprintf("Too many failed attempts. Try again in %s.", max(wait.Round(time.Minute), time.Minute))
		return h.Views.Render(w, r, http.StatusTooManyRequests, "login.html", data)
	}
	ok, err := h.checkLogin(r, name, password, delay)
	if err != nil {
		attempt.cancel()
		if ErrorKind(err) != wiki.TooMany {
			return err
		}
		w.Header().Set("Retry-After", "5")
		data.Error = ErrorMessage(err)
		return h.Views.Render(w, r, http.StatusTooManyRequests, "login.html", data)
	}
	if ok == nil {
		data.Error = "Wrong user name or password."
		return h.Views.Render(w, r, http.StatusUnauthorized, "login.html", data)
	}
	attempt.succeeded()
	if err := h.Sessions.Login(w, r, ok); err != nil {
		return err
	}
	h.Log.Info("login", "user", ok.Name, "ip", h.Sessions.ClientIP(r))
	http.Redirect(w, r, data.Next, http.StatusSeeOther)
	return nil
}

// checkLogin waits delay (the user name's slow-down), then returns the user
// whose name and password these are, or nil. The error is ErrBusy when too
// many passwords are being checked.
func (h *handlers) checkLogin(r *http.Request, name, password string, delay time.Duration) (*wiki.User, error) {
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	u, err := h.Store.UserByName(name)
	if err != nil && !errors.Is(err, wiki.ErrNotFound) {
		return nil, err
	}
	if u == nil || u.Disabled || u.PasswordHash == "" {
		// Cost as much as a wrong password, so response times do not
		// reveal which user names exist.
		_, err := wiki.CheckPassword(dummyHash, password)
		return nil, err
	}
	if ok, err := wiki.CheckPassword(u.PasswordHash, password); !ok || err != nil {
		return nil, err
	}
	return u, nil
}

// dummyHash is the hash of a random password nobody knows, with the
// parameters of new hashes; checking it costs as much as a real check.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$spy6BErUk/Z9BvdZ8UDqWQ$5p/cKsH45BKlAGI7b1WNf32FkfVHKL4U9oOmU8uWkTU"

// safeNext keeps post-login redirects on this site: a path with one
// leading slash, no backslash and no control character. Browsers drop tabs
// and line breaks from a Location and read a backslash as a slash, so
// "/\t/evil.example" (with a tab) or "/\\evil.example" would leave the site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/" // url.Parse refuses control characters
	}
	return next
}

// remoteIP is the address the connection comes from.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *handlers) logout(w http.ResponseWriter, r *http.Request) error {
	if err := h.Sessions.Logout(w, r); err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

type setupView struct {
	Base
	Token string
	Name  string
	Error string
}

func (h *handlers) setupForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if err := h.Store.SetupAllowed(token); err != nil {
		return err
	}
	data := &setupView{Base: Base{Title: "Create the first administrator"}, Token: token}
	return h.Views.Render(w, r, http.StatusOK, "setup.html", data)
}

func (h *handlers) setup(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	f := r.PostForm
	if err := h.Store.SetupAllowed(f.Get("token")); err != nil {
		return err // before any hashing: wrong links and late requests cost nothing
	}
	data := &setupView{Base: Base{Title: "Create the first administrator"}, Token: f.Get("token"), Name: f.Get("name")}
	if f.Get("password") != f.Get("password2") {
		data.Error = "The two passwords differ."
		return h.Views.Render(w, r, http.StatusBadRequest, "setup.html", data)
	}
	u, err := h.Store.CreateFirstAdmin(f.Get("token"), f.Get("name"), f.Get("password"))
	if err != nil {
		if ErrorKind(err) == wiki.Internal {
			return err
		}
		data.Error = ErrorMessage(err)
		return h.Views.Render(w, r, ErrorStatus(err), "setup.html", data)
	}
	welcome := "Welcome, " + u.Name + ". You are the administrator: add accounts under Admin → Users."
	if err := h.Sessions.Login(w, r, u, welcome); err != nil {
		return err
	}
	h.Log.Info("first admin created", "user", u.Name)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
