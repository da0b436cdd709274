package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func setZone(t *testing.T, s *wiki.Store, name, zone string) {
	t.Helper()
	u, err := s.UserByName(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateUser(u.ID, func(u *wiki.User) error { u.TimeZone = zone; return nil }); err != nil {
		t.Fatal(err)
	}
}

// TestCooldownInReaderZone: a start refused during the cooldown says when
// to try again in the reader's zone, labelled, as does the overview.
func TestCooldownInReaderZone(t *testing.T) {
	app := newQuizApp(t)
	clk := app.SetClock() // 2 March 2026, 09:00 UTC: 04:00 EST
	app.AddQuestion("ops/crisis", "alex", quiztest.Choice())
	app.Settings("ops/crisis", "alex", quiz.Settings{PassMark: 100, CooldownMinutes: 30})
	setZone(t, app.Store, "sam", "America/New_York")
	sam := app.Login("sam")
	attempt := sam.PostForm("/quiz/start/ops/crisis", nil).Header.Get("Location")
	clk.Advance(time.Minute)
	quizWant(t, sam.PostForm(attempt, url.Values{"q0": {"1"}}), http.StatusSeeOther, "submit")
	r := sam.PostForm("/quiz/start/ops/crisis", nil)
	quizWant(t, r, http.StatusSeeOther, "start during the cooldown")
	overview := sam.Get(r.Header.Get("Location"))
	webtest.MustContain(t, "overview after a refused start", overview.Body,
		"you can try again in 30m0s (at 2 Mar 04:31 EST)", "2 Mar 2026 04:31 EST")
}

// TestRetakeReasonInReaderZone: the moment a person may retake a quiz, in
// their to-dos and in the readiness reasons of the handover page, is told
// in the reader's zone; the JSON API keeps UTC.
func TestRetakeReasonInReaderZone(t *testing.T) {
	app := quiztest.New(t)
	rd := app.SeedReadiness() // sam got the critical question wrong just now
	setZone(t, app.Store, "sam", "Asia/Tokyo")
	sam := app.Login("sam")
	inTokyo := regexp.MustCompile(`taken again after \d+ \w+ \d\d:\d\d JST`)
	if body := sam.Get(rd.URL("/handovers/%d/progress")).Body; !inTokyo.MatchString(body) {
		t.Errorf("progress does not say when to retake in JST:\n%.3000s", body)
	}
	retakenInTokyo := regexp.MustCompile(`retaken after \d+ \w+ \d\d:\d\d JST`)
	if body := sam.Get(rd.URL("/handovers/%d")).Body; !retakenInTokyo.MatchString(body) {
		t.Errorf("the handover page's reasons do not tell the retake in JST")
	}
	setZone(t, app.Store, "morgan", "")
	if body := app.Login("morgan").Get(rd.URL("/handovers/%d")).Body; !regexp.MustCompile(`retaken after \d+ \w+ \d\d:\d\d UTC`).MatchString(body) {
		t.Errorf("the manager without a zone does not see the retake in UTC, labelled")
	}
}
