package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
	"github.com/handover/handover/wiki/web/webtest"
)

// Single sign-on names match accounts by the one rule (wiki.UserKey): the
// identity provider's "ADMİN" (dotted capital I) or "Kelvin" spelt with the
// Kelvin sign are not the local admin and kelvin; strings.ToLower folded
// them onto those accounts (issue 14, item 15). They are refused, with
// the reason, and no account is made; ASCII letter case still matches.
func TestProxyNamesDoNotFoldOntoOtherAccounts(t *testing.T) {
	proxy, err := web.NewProxyAuth("X-Forwarded-User", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	app := webtest.New(t, webtest.Options{Proxy: proxy})
	app.AddUser("admin", wiki.RoleAdmin)
	app.AddUser("kelvin", wiki.RoleMember)
	app.AddUser("élodie", wiki.RoleMember)
	as := func(name string) *webtest.Response {
		return app.Anonymous().Send(http.MethodGet, "/account", "", "", map[string]string{"X-Forwarded-User": name})
	}
	for name, why := range map[string]string{"ADMİN": "too like", "admın": "too like", "\u212Aelvin": "plain letters",
		"Élodie": "too like", "ａｄｍｉｎ": "plain letters"} {
		r := as(name)
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, why) {
			t.Errorf("proxy user %q = %d, want 403 saying %q", name, r.StatusCode, why)
		}
		if strings.Contains(r.Body, `href="/admin/users"`) {
			t.Errorf("proxy user %q sees the admin menu", name)
		}
	}
	if n, _ := app.Store.UserCount(); n != 3 {
		t.Errorf("%d accounts after the refused names, want the 3 there were", n)
	}
	for name, want := range map[string]string{"ADMIN": "admin", "Kelvin": "kelvin", "élodie": "élodie"} {
		r := as(name)
		webtest.WantStatus(t, "proxy user "+name, r, http.StatusOK)
		webtest.MustContain(t, "the account page of "+name, r.Body, "<dd>"+want+"</dd>")
	}
	webtest.WantStatus(t, "a new name", as("İlker"), http.StatusOK)
	if u, err := app.Store.UserByName("İlker"); err != nil || !u.External || u.Role != wiki.RoleMember {
		t.Errorf("İlker after signing in = %+v, %v; want a new external member", u, err)
	}
}
