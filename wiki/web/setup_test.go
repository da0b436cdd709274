package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func setupForm(token, password string) url.Values {
	return url.Values{"token": {token}, "name": {"root"}, "password": {password}, "password2": {password}}
}

// TestSetupChecksBeforeHashing: a wrong setup token, or any setup request
// once an account exists, is answered without hashing the password (each
// hash holds 19 MiB; a burst of them exhausted memory): 403 and 404.
func TestSetupChecksBeforeHashing(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	token, err := app.Store.NewSetupToken()
	if err != nil {
		t.Fatal(err)
	}
	anon := app.Anonymous()
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
	}{
		{"a wrong token", setupForm("wrong", webtest.Password), http.StatusForbidden},
		{"no token", setupForm("", webtest.Password), http.StatusForbidden},
		{"a weak password", setupForm(token, "1234567890"), http.StatusBadRequest},
		{"the right token", setupForm(token, webtest.Password), http.StatusSeeOther},
		{"the right token again", setupForm(token, webtest.Password), http.StatusNotFound},
		{"a wrong token after setup", setupForm("wrong", webtest.Password), http.StatusNotFound},
	} {
		before := wiki.PasswordHashes()
		r := anon.PostForm("/setup", tc.form)
		hashed := wiki.PasswordHashes() - before
		if r.StatusCode != tc.status {
			t.Errorf("%s: POST /setup = %d, want %d", tc.name, r.StatusCode, tc.status)
		}
		want := uint64(0)
		if tc.status == http.StatusSeeOther {
			want = 1
		}
		if hashed != want {
			t.Errorf("%s: %d hashes, want %d", tc.name, hashed, want)
		}
	}
	webtest.WantStatus(t, "GET /setup after setup", anon.Get("/setup?token="+url.QueryEscape(token)), http.StatusNotFound)
}
