package web

import (
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/handover/handover/wiki"
)

// TestZoneClonesAreKept: a page's templates are cloned once per zone and
// the clone is kept, so the second view in a zone clones nothing and the
// masters never execute (html/template refuses to clone them after).
func TestZoneClonesAreKept(t *testing.T) {
	v, err := NewViews(os.DirFS("../../static"), false, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), template.FuncMap{
		"unreadNotifications": func(*wiki.User) string { return "" },
		"maxUpload":           func() int64 { return 1 << 20 },
	})
	if err != nil {
		t.Fatal(err)
	}
	render := func(tz string) {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if tz != "" {
			req.AddCookie(&http.Cookie{Name: ZoneCookie, Value: tz})
		}
		data := &errorPage{Base: Base{Title: "Gone"}, Status: http.StatusGone, Message: "gone"}
		if err := v.Render(httptest.NewRecorder(), req, http.StatusGone, "error.html", data); err != nil {
			t.Fatalf("render in %q: %v", tz, err)
		}
	}
	for i, tc := range []struct {
		tz       string
		wantMade int
	}{
		{"", 1}, {"", 1}, {"America/New_York", 2}, {"America/New_York", 2},
		{"UTC", 2}, {"Mars/Olympus_Mons", 2}, {"Asia/Tokyo", 3},
	} {
		render(tc.tz)
		if got := v.sets.clonesMade(); got != tc.wantMade {
			t.Errorf("view %d (tz %q): %d clones made, want %d", i, tc.tz, got, tc.wantMade)
		}
	}
	if _, err := v.sets.masters["error.html"].Clone(); err != nil {
		t.Errorf("the master of error.html has executed: %v", err)
	}
}
