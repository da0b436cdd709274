package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/cmd/handover/internal/bench"
	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// benchPages is how many generated pages the view benchmarks serve.
const benchPages = 300

// viewFixture is the program on generated pages with a signed-in cookie,
// and the URLs and rendered bytes of the pages.
type viewFixture struct {
	main   *Main
	cookie string
	urls   []string
	bodies map[string][]byte
}

func newViewFixture(b *testing.B) *viewFixture {
	b.Helper()
	tmp := b.TempDir()
	g, err := pagegen.New(1, pagegen.FindCorpus())
	if err != nil {
		b.Fatal(err)
	}
	pages, err := g.WriteTree(filepath.Join(tmp, "src"), benchPages, func(int, int) {})
	if err != nil {
		b.Fatal(err)
	}
	data := filepath.Join(tmp, "data")
	if _, err := importDir(context.Background(), data, filepath.Join(tmp, "src"), "", io.Discard); err != nil {
		b.Fatal(err)
	}
	m := &Main{Config: Config{Data: data, ProxyHeader: "X-Forwarded-User"}, Out: io.Discard,
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	if err := m.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close() })
	f := &viewFixture{main: m, bodies: map[string][]byte{}}
	f.cookie = f.signIn(b)
	for _, p := range pages {
		u := wiki.PageURL(p.Path)
		rec := f.serve(m.Handler, u)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: status %d", u, rec.Code)
		}
		f.urls = append(f.urls, u)
		f.bodies[u] = rec.Body.Bytes()
	}
	return f
}

func (f *viewFixture) signIn(b *testing.B) string {
	if _, err := f.main.Store.CreateUser("bench", wiki.RoleMember, webtest.Password); err != nil {
		b.Fatal(err)
	}
	form := url.Values{"name": {"bench"}, "password": {webtest.Password}, "next": {"/"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	f.main.Handler.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		return c.Name + "=" + c.Value
	}
	b.Fatalf("login: status %d, no cookie", rec.Code)
	return ""
}

func (f *viewFixture) serve(h http.Handler, u string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Cookie", f.cookie)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// BenchmarkPageView is a signed-in page view through the whole middleware
// chain and mux, of pages viewed before (the usual case: served from the
// view cache); compare its ns/op with BenchmarkBareHandler's.
func BenchmarkPageView(b *testing.B) {
	f := newViewFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if rec := f.serve(f.main.Handler, f.urls[i%len(f.urls)]); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkPageViewUncached renders every view (a distinct query string
// each time defeats the view cache): the cost of a first view.
func BenchmarkPageViewUncached(b *testing.B) {
	f := newViewFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		u := f.urls[i%len(f.urls)] + "?n=" + strconv.Itoa(i)
		if rec := f.serve(f.main.Handler, u); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkPageViewUncachedInZone is BenchmarkPageViewUncached for a
// browser in another time zone (the tz cookie): its views execute their
// own clone of the templates, which must cost the same.
func BenchmarkPageViewUncachedInZone(b *testing.B) {
	f := newViewFixture(b)
	f.cookie += "; tz=America/New_York"
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		u := f.urls[i%len(f.urls)] + "?n=" + strconv.Itoa(i)
		if rec := f.serve(f.main.Handler, u); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkBareHandler serves the same bytes from a bare handler: the
// ceiling of BenchmarkPageView.
func BenchmarkBareHandler(b *testing.B) {
	f := newViewFixture(b)
	bare := bench.BareHandler(f.bodies)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if rec := f.serve(bare, f.urls[i%len(f.urls)]); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
