package web

import (
	"net/url"
	"strings"
	"testing"
)

// browserView is how a browser reads a Location header value (WHATWG URL
// parsing): surrounding control characters and spaces go, tabs and line
// breaks anywhere are dropped, and a backslash counts as a slash.
func browserView(loc string) string {
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(loc)
	return loc
}

// FuzzSafeNext checks that the address a login sends the user on to stays
// on this site however the browser reads it.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{
		"/", "/wiki/ops/db?rev=2#steps", "//evil.example", `/\evil.example`, "/\t/evil.example",
		"/\n/evil.example", "/\r\n/evil.example", " //evil.example", "https://evil.example", "javascript:alert(1)",
		"/%2F/evil.example", `/\t\evil.example`, "/.//evil.example", "/a/..//evil.example", "\x00//evil", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			t.Fatalf("safeNext(%q) = %q, want a local path (%v)", next, got, err)
		}
		if v := browserView(got); !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
			t.Fatalf("safeNext(%q) = %q, which a browser reads as %q, off this site", next, got, v)
		}
	})
}
