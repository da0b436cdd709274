package web

import (
	"net/http"

	"github.com/handover/handover/wiki"
)

// ZoneCookie is the cookie in which app.js keeps the browser's time zone
// (Intl.DateTimeFormat().resolvedOptions().timeZone).
//
// The server cannot know a reader's zone; the browser can. The simplest
// robust way to hand it over is a cookie set by script and read on every
// request: it needs no route, no form and no write to the store, works
// for readers who are not signed in, and follows the browser when a
// laptop travels. The first page a browser sees is in UTC (labelled so),
// the next in its zone. A zone chosen on the account page wins over the
// cookie. The cookie is only ever a hint: a name wiki.LoadZone refuses is
// ignored, and the reader sees UTC, labelled.
const ZoneCookie = "tz"

// ReaderZone is the zone to tell r's reader times in: the signed-in
// user's choice, else the browser's from ZoneCookie, else UTC.
func ReaderZone(r *http.Request) wiki.Zone {
	if z, ok := UserFromContext(r.Context()).Zone(); ok {
		return z
	}
	if c, err := r.Cookie(ZoneCookie); err == nil {
		if loc, err := wiki.LoadZone(c.Value); err == nil {
			return wiki.ZoneOf(loc)
		}
	}
	return wiki.UTC
}
