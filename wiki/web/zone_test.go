package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// revisionAt is when zoneApp saves its page: 15:04 UTC on 1 July, 11:04
// in New York (EDT) and 00:04 the next day in Tokyo.
var revisionAt = time.Date(2026, 7, 1, 15, 4, 0, 0, time.UTC)

// zoneApp is the app with one page saved at revisionAt and a user, alex,
// whose time zone is zone ("" for none).
func zoneApp(t *testing.T, zone string) *webtest.App {
	t.Helper()
	app := webtest.New(t, webtest.Options{})
	app.Store.SetClock(func() time.Time { return revisionAt })
	app.SavePage("ops/vpn", "# VPN\n\nConnect first.")
	u := app.AddUser("alex", wiki.RoleMember)
	if _, err := app.Store.UpdateUser(u.ID, func(u *wiki.User) error { u.TimeZone = zone; return nil }); err != nil {
		t.Fatal(err)
	}
	return app
}

// withZoneCookie gives c the cookie app.js sets from the browser's zone.
func withZoneCookie(t *testing.T, c *webtest.Client, zone string) *webtest.Client {
	t.Helper()
	u, err := url.Parse(c.URL("/"))
	if err != nil {
		t.Fatal(err)
	}
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "tz", Value: zone, Path: "/"}})
	return c
}

// TestRevisionTimeInReaderZone: the history page tells a revision's time
// in the reader's zone, labelled with it: the account's zone first, else
// the browser's cookie, else UTC; a zone the database does not know, from
// either, is ignored.
func TestRevisionTimeInReaderZone(t *testing.T) {
	tests := []struct {
		name, account, cookie string
		want                  string
	}{
		{"account zone", "America/New_York", "", "1 Jul 2026 11:04 EDT"},
		{"account zone wins over the cookie", "America/New_York", "Asia/Tokyo", "1 Jul 2026 11:04 EDT"},
		{"browser zone from the cookie", "", "Asia/Tokyo", "2 Jul 2026 00:04 JST"},
		{"neither: UTC, labelled", "", "", "1 Jul 2026 15:04 UTC"},
		{"unknown cookie zone", "", "Mars/Olympus_Mons", "1 Jul 2026 15:04 UTC"},
		{"cookie naming a file", "", "../../etc/passwd", "1 Jul 2026 15:04 UTC"},
		{"the server's zone is not a reader's", "", "Local", "1 Jul 2026 15:04 UTC"},
		{"unknown account zone", "Nowhere/Land", "", "1 Jul 2026 15:04 UTC"},
		{"unknown account zone, browser's instead", "Nowhere/Land", "Asia/Tokyo", "2 Jul 2026 00:04 JST"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app := zoneApp(t, tc.account)
			c := app.Login("alex")
			if tc.cookie != "" {
				withZoneCookie(t, c, tc.cookie)
			}
			r := c.Get("/history/ops/vpn")
			webtest.WantStatus(t, "history", r, http.StatusOK)
			webtest.MustContain(t, "history", r.Body, ">"+tc.want+"</time>")
			// The machine-readable time stays UTC.
			webtest.MustContain(t, "history", r.Body, `datetime="2026-07-01T15:04:00Z"`)
		})
	}
}

// TestZoneCookieForAnonymousReaders: a reader who is not signed in sees
// the browser's zone too, and the view cache keeps one view per zone.
func TestZoneCookieForAnonymousReaders(t *testing.T) {
	app := webtest.New(t, webtest.Options{PublicRead: true})
	app.Store.SetClock(func() time.Time { return revisionAt })
	app.SavePage("ops/vpn", "# VPN\n\nConnect first.")
	for _, tc := range []struct{ cookie, want string }{
		{"", "15:04 UTC"}, {"America/New_York", "11:04 EDT"}, {"Asia/Tokyo", "00:04 JST"}, {"", "15:04 UTC"},
	} {
		c := app.Anonymous()
		if tc.cookie != "" {
			withZoneCookie(t, c, tc.cookie)
		}
		for range 2 { // the second view comes from the view cache
			r := c.Get("/history/ops/vpn")
			webtest.WantStatus(t, "history", r, http.StatusOK)
			webtest.MustContain(t, "history with tz="+tc.cookie, r.Body, tc.want+"</time>")
		}
	}
}

// TestAccountTimeZone: the account form saves a zone the database knows,
// refuses any other with a clear message and the name kept in the field,
// and clears the zone when left empty.
func TestAccountTimeZone(t *testing.T) {
	app := zoneApp(t, "")
	c := app.Login("alex")
	zoneOf := func() string {
		t.Helper()
		u, err := app.Store.UserByName("alex")
		if err != nil {
			t.Fatal(err)
		}
		return u.TimeZone
	}

	r := c.Get("/account")
	webtest.MustContain(t, "account page", r.Body, `<label for="time-zone">Time zone</label>`,
		`list="time-zones"`, `<option value="Europe/Oslo">`, "Times are shown in <strong>UTC</strong>")

	r = c.PostForm("/account/time-zone", url.Values{"time_zone": {"Mars/Olympus_Mons"}})
	webtest.WantStatus(t, "unknown zone", r, http.StatusBadRequest)
	webtest.MustContain(t, "refused zone", r.Body, "is not a time zone: use a name such as Europe/Oslo",
		`value="Mars/Olympus_Mons"`)
	if got := zoneOf(); got != "" {
		t.Errorf("zone after a refused name = %q, want none", got)
	}

	r = c.PostForm("/account/time-zone", url.Values{"time_zone": {" America/New_York "}})
	webtest.WantStatus(t, "save zone", r, http.StatusSeeOther)
	if got := zoneOf(); got != "America/New_York" {
		t.Errorf("zone = %q, want America/New_York", got)
	}
	r = c.Get("/account")
	webtest.MustContain(t, "account page", r.Body, "Times are shown in <strong>America/New_York</strong>",
		`value="America/New_York"`)
	if r := c.Get("/history/ops/vpn"); !strings.Contains(r.Body, "11:04 EDT") {
		t.Errorf("history after saving the zone does not show 11:04 EDT")
	}

	r = c.PostForm("/account/time-zone", url.Values{"time_zone": {""}})
	webtest.WantStatus(t, "clear zone", r, http.StatusSeeOther)
	if got := zoneOf(); got != "" {
		t.Errorf("zone after clearing = %q, want none", got)
	}
}
