package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// HandlerFunc is an HTTP handler that returns its error instead of writing
// it; Views.Handle turns errors into responses in one place.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts fn to http.Handler. An *Error becomes its status with its
// message; anything else is logged once and shown as "Internal error"
// (and a disk full, shown as such, is logged too: an admin must act). API
// requests (/api/...) get {"error": "..."}; pages get the error page, and an
// anonymous visitor hitting a page that needs an account is sent to login.
func (v *Views) Handle(fn HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		kind := ErrorKind(err)
		if kind == wiki.Internal || kind == wiki.DiskFull {
			v.log.Error("request failed", "method", r.Method, "path", r.URL.Path,
				"user", userName(r), "err", err)
		}
		if isAPI(r) {
			writeJSONError(w, err)
			return
		}
		if kind == wiki.Unauthorized && r.Method == http.MethodGet {
			http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
			return
		}
		v.renderError(w, r, err)
	})
}

func userName(r *http.Request) string {
	if u := UserFromContext(r.Context()); u != nil {
		return u.Name
	}
	return ""
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || ViaToken(r.Context())
}

// errorPage is the data of error.html.
type errorPage struct {
	Base
	Status  int
	Message string
}

func (v *Views) renderError(w http.ResponseWriter, r *http.Request, err error) {
	status := ErrorStatus(err)
	data := &errorPage{Base: Base{Title: http.StatusText(status)}, Status: status, Message: ErrorMessage(err)}
	if rerr := v.Render(w, r, status, "error.html", data); rerr != nil {
		v.log.Error("render error page", "err", rerr)
		http.Error(w, data.Message, status)
	}
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(append(data, '\n'))
	return err
}

func writeJSONError(w http.ResponseWriter, err error) {
	status := ErrorStatus(err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="handover"`)
	}
	_ = WriteJSON(w, status, map[string]string{"error": ErrorMessage(err)})
}

// DecodeJSON reads a JSON request body of at most limit bytes into v.
func DecodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return &wiki.Error{Kind: wiki.TooLarge, Msg: "the request body is too large", Err: err}
		}
		return &wiki.Error{Kind: wiki.Invalid, Msg: "invalid JSON: " + err.Error()}
	}
	return nil
}

// ParseForm parses a form body of at most limit bytes, with a clear error
// when it is too large.
func ParseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return &wiki.Error{Kind: wiki.TooLarge, Msg: "the form is larger than the limit of " + wiki.FormatBytes(limit), Err: err}
		}
		return &wiki.Error{Kind: wiki.Invalid, Msg: "the form could not be read", Err: err}
	}
	return nil
}

// RequireUser wraps fn so that anonymous requests get Unauthorized.
func RequireUser(fn HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if UserFromContext(r.Context()) == nil {
			return wiki.Errorf(wiki.Unauthorized, "please sign in")
		}
		return fn(w, r)
	}
}

// RequireReader wraps fn so that anonymous requests get Unauthorized unless
// the wiki is public-read.
func RequireReader(fn HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if UserFromContext(r.Context()) == nil && !publicRead(r) {
			return wiki.Errorf(wiki.Unauthorized, "please sign in")
		}
		return fn(w, r)
	}
}

// RequireAdmin wraps fn so that only admins get through.
func RequireAdmin(fn HandlerFunc) HandlerFunc {
	return RequireUser(func(w http.ResponseWriter, r *http.Request) error {
		if !UserFromContext(r.Context()).IsAdmin() {
			return wiki.Errorf(wiki.Forbidden, "only administrators may do this")
		}
		return fn(w, r)
	})
}

// RequireManager wraps fn so that only managers and admins get through.
func RequireManager(fn HandlerFunc) HandlerFunc {
	return RequireUser(func(w http.ResponseWriter, r *http.Request) error {
		if !UserFromContext(r.Context()).IsManager() {
			return wiki.Errorf(wiki.Forbidden, "only managers may do this")
		}
		return fn(w, r)
	})
}
