package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// weakPasswords are refused wherever a password is set, each with a
// message that names its rule (as the form shows it, HTML-escaped).
var weakPasswords = []struct{ password, rule string }{
	{"aaaaaaaaaa", "repeats a few characters"},
	{"1234567890", "list of common passwords"},
	{"password12", "list of common passwords"},
	{"qwertyuiop", "list of common passwords"},
	{"9876543210", "is a sequence"},
	{"admin is my name", "contains the user name"},
}

// TestWeakPasswordsRefused: the first admin's setup, the account's
// password change, and an admin adding a user or setting a user's
// password all refuse weak passwords and say why.
func TestWeakPasswordsRefused(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	token, err := app.Store.NewSetupToken()
	if err != nil {
		t.Fatal(err)
	}
	for _, weak := range weakPasswords {
		form := url.Values{"token": {token}, "name": {"admin"}, "password": {weak.password}, "password2": {weak.password}}
		r := app.Anonymous().PostForm("/setup", form)
		webtest.WantStatus(t, fmt.Sprintf("setup with %q", weak.password), r, http.StatusBadRequest)
		webtest.MustContain(t, fmt.Sprintf("setup with %q", weak.password), r.Body, weak.rule)
	}
	admin := app.AddUser("admin", wiki.RoleAdmin)
	c := app.Login("admin")
	for _, weak := range weakPasswords {
		pw := weak.password
		for _, tc := range []struct {
			what, path string
			form       url.Values
		}{
			{"change own password", "/account/password", url.Values{"current": {webtest.Password}, "password": {pw}, "password2": {pw}}},
			{"add a user", "/admin/users", url.Values{"name": {"admin.new"}, "role": {"admin"}, "password": {pw}}},
			{"set a user's password", fmt.Sprintf("/admin/users/%d", admin.ID), url.Values{"password": {pw}}},
		} {
			r := c.PostForm(tc.path, tc.form)
			what := fmt.Sprintf("%s to %q", tc.what, pw)
			webtest.WantStatus(t, what, r, http.StatusBadRequest)
			webtest.MustContain(t, what, r.Body, weak.rule)
		}
	}
	if ok, _ := wiki.CheckPassword(mustUser(t, app, admin.ID).PasswordHash, webtest.Password); !ok {
		t.Error("a refused password replaced the admin's")
	}
	if _, err := app.Store.UserByName("admin.new"); err == nil {
		t.Error("a user was added with a refused password")
	}
}

func mustUser(t *testing.T, app *webtest.App, id uint64) *wiki.User {
	t.Helper()
	u, err := app.Store.User(id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
