package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// edgeDates are the dates TestHandoverDatesNever500 sends through every
// form that takes one: the ends of the accepted years (1970 to 2200) and
// just past them, dates whose seeded checklist (-14 to +90 days) crosses
// them, the ends of what time.Parse reads, and strings that are not dates.
var edgeDates = []string{
	"0000-01-01", "0001-01-01", "1969-12-31", "1970-01-01", "1970-01-15",
	"2026-03-02", "2200-10-02", "2200-10-03", "2200-12-31", "2201-01-01",
	"9999-09-01", "9999-12-31", "10000-01-01", "2024-02-30", "-001-01-01", "today",
}

// TestHandoverDatesNever500 sends each edge date as the start and due date
// of a new handover and of an edited one, and as a checklist item's due
// date when added and when edited. None may answer 500; a refused date
// says why on the form (or the flash), and after each request the
// handover's pages and its JSON API still answer 200. Before dates were
// checked, 9999-12-31 was stored until its +90-day check-in (year 10000)
// could not be encoded.
func TestHandoverDatesNever500(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/systems", "# Systems\n")
	app.SeedHandover()
	morgan := app.Login("morgan")
	handover := func(start, due string) url.Values {
		return url.Values{"title": {"Ops"}, "outgoing": {"alex"}, "incoming": {"sam"}, "manager": {"morgan"},
			"start": {start}, "due": {due}, "scope": {"it-ops/"}}
	}
	for _, d := range edgeDates {
		for _, ep := range []struct {
			name, path string
			form       url.Values
		}{
			{"new handover start and due", "/handovers", handover(d, d)},
			{"new handover due", "/handovers", handover("2026-03-02", d)},
			{"edited handover start and due", "/handovers/1/edit", handover(d, d)},
			{"edited handover due", "/handovers/1/edit", handover("2026-03-02", d)},
			{"added checklist item", "/handovers/1/checklist", url.Values{"text": {"Safe"}, "owner": {"alex"}, "due": {d}}},
			{"edited checklist item", "/handovers/1/checklist/1", url.Values{"text": {"Scope"}, "owner": {"morgan"}, "due": {d}}},
		} {
			r := morgan.PostForm(ep.path, ep.form)
			what := fmt.Sprintf("%s %s", ep.name, d)
			switch {
			case r.StatusCode == http.StatusBadRequest:
				webtest.MustContain(t, what, r.Body, "date")
			case r.StatusCode != http.StatusSeeOther:
				t.Errorf("%s: POST %s = %d, want 303 or 400", what, ep.path, r.StatusCode)
			}
			for _, date := range storedDates(t, app) {
				if y := date.Year(); !date.IsZero() && (y < 1970 || y > 2200) {
					t.Errorf("%s: a handover stored the date %s", what, date.Format(time.DateOnly))
				}
			}
			for _, path := range []string{"/handovers", "/handovers/1", "/handovers/1/dashboard", "/api/handovers", "/api/handovers/1/readiness"} {
				if got := morgan.Get(path).StatusCode; got != http.StatusOK {
					t.Errorf("after %s: GET %s = %d, want 200", what, path, got)
				}
			}
		}
	}
}

// TestHandoverDateWindow: the form says which date is out of range and
// which range is accepted, and a due date whose +90-day check-in would
// fall after 2200 is refused naming the check-in.
func TestHandoverDateWindow(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/systems", "# Systems\n")
	morgan := app.Login("morgan")
	form := url.Values{"title": {"Ops"}, "outgoing": {"alex"}, "incoming": {"sam"}, "manager": {"morgan"},
		"start": {"2026-03-02"}, "due": {"9999-12-31"}, "scope": {"it-ops/"}}
	r := morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "due 9999-12-31", r, http.StatusBadRequest)
	webtest.MustContain(t, "due 9999-12-31", r.Body, "the due date 9999-12-31 is out of range: use a date from 1970-01-01 to 2200-12-31")
	form.Set("due", "2200-12-01")
	r = morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "due 2200-12-01", r, http.StatusBadRequest)
	webtest.MustContain(t, "due 2200-12-01", r.Body, "Follow-up check-in at &#43;60 days", "2201-01-30 is out of range")
	form.Set("due", "2200-10-02")
	webtest.WantStatus(t, "due 2200-10-02", morgan.PostForm("/handovers", form), http.StatusSeeOther)
}

// storedDates returns every date of every stored handover.
func storedDates(t *testing.T, app *quiztest.App) []time.Time {
	t.Helper()
	hs, err := app.Quiz.Handovers(app.User("admin"))
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	for _, h := range hs {
		out = append(out, h.Start, h.Due)
		for _, c := range h.Checklist {
			out = append(out, c.Due)
		}
	}
	return out
}

// TestHandoverTitleHidesNothing: a handover's title and checklist texts
// lose bidi and zero-width characters, as every shown name does
// (wiki.CleanDisplayText).
func TestHandoverTitleHidesNothing(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/systems", "# Systems\n")
	morgan := app.Login("morgan")
	form := url.Values{"title": {"Ops\u202Enoitarepo"}, "outgoing": {"alex"}, "incoming": {"sam"}, "manager": {"morgan"},
		"start": {"2026-03-02"}, "due": {"2026-04-02"}, "scope": {"it-ops/"}}
	webtest.WantStatus(t, "create", morgan.PostForm("/handovers", form), http.StatusSeeOther)
	webtest.WantStatus(t, "add item", morgan.PostForm("/handovers/1/checklist", url.Values{"text": {"Safe\u2066code"}}), http.StatusSeeOther)
	h, err := app.Quiz.Handover(1)
	if err != nil {
		t.Fatal(err)
	}
	if h.Title != "Opsnoitarepo" || h.Checklist[len(h.Checklist)-1].Text != "Safecode" {
		t.Errorf("title %q, last item %q; want the hidden characters gone", h.Title, h.Checklist[len(h.Checklist)-1].Text)
	}
}
