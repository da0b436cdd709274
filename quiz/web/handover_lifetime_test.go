package web_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// lifetimeApp is a wiki where sam already took the crisis page over once,
// in jordan's earlier handover: he acknowledged it, answered its quiz (a
// teach-back graded by alex and a true/false question) and asked alex a
// question about it, ten days before morgan names him in a new handover.
type lifetimeApp struct {
	*quiztest.App
	t               *testing.T
	clock           *quiztest.Clock
	essay, truth    *quiz.Question
	oldAttempt      uint64
	oldThread       uint64
	handover        uint64 // morgan's, created after all that
	morgan, sam     *webtest.Client
	jordan          *webtest.Client
	handoverPageURL string
}

const (
	oldEssay   = "OLD-ESSAY-split-brain"
	oldGrade   = "OLD-GRADE-well-argued"
	oldThread  = "OLD-THREAD-who-fences"
	newEssay   = "NEW-ESSAY-fence-then-promote"
	newThread  = "NEW-THREAD-vendor-contact"
	crisisPath = "it-ops/crisis"
)

func newLifetimeApp(t *testing.T) *lifetimeApp {
	t.Helper()
	app := &lifetimeApp{App: quiztest.NewHandover(t), t: t}
	app.clock = app.SetClock()
	app.SavePage(crisisPath, quiztest.PageMD)
	earlier := &quiz.Handover{Title: "Earlier cover", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "jordan",
		Start: app.clock.Now(), Due: app.clock.Now().AddDate(0, 0, 7), Scope: []string{"it-ops/"}}
	if err := app.Quiz.CreateHandover(earlier, app.User("jordan")); err != nil {
		t.Fatal(err)
	}
	app.essay = app.AddQuestion(crisisPath, "alex", quiztest.Essay())
	app.truth = app.AddQuestion(crisisPath, "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "first-steps", Critical: true,
		Text: "Fence the old primary first?", Truth: true})
	app.sam, app.jordan = app.Login("sam"), app.Login("jordan")
	webtest.WantStatus(t, "sam acknowledges in the earlier handover", app.sam.PostForm("/ack/"+crisisPath, url.Values{"rev": {"1"}}), http.StatusSeeOther)
	app.oldAttempt = app.answer(oldEssay)
	if _, err := app.Quiz.GradeEssay(app.oldAttempt, app.essay.ID, app.User("alex"), 1, oldGrade); err != nil {
		t.Fatal(err)
	}
	th, err := app.Quiz.CreateThread(app.Page(crisisPath), "first-steps", app.User("sam"), oldThread)
	if err != nil {
		t.Fatal(err)
	}
	app.oldThread = th.ID

	app.clock.Advance(10 * 24 * time.Hour)
	// Sessions end after a day idle: sign in again.
	app.morgan, app.sam, app.jordan = app.Login("morgan"), app.Login("sam"), app.Login("jordan")
	// The start date is set a month back: it must not reach back before
	// the day the handover was created.
	today := app.clock.Now()
	form := url.Values{"title": {"Cover for sam"}, "outgoing": {"alex"}, "incoming": {"sam"}, "manager": {"morgan"},
		"start": {today.AddDate(0, -1, 0).Format(time.DateOnly)}, "due": {today.AddDate(0, 0, 21).Format(time.DateOnly)},
		"pass_mark": {"80"}, "scope": {"it-ops/"}}
	resp := app.morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "morgan starts a handover naming sam", resp, http.StatusSeeOther)
	app.handoverPageURL = resp.Header.Get("Location")
	if _, err := fmt.Sscanf(app.handoverPageURL, "/handovers/%d", &app.handover); err != nil {
		t.Fatalf("created handover at %q: %v", app.handoverPageURL, err)
	}
	return app
}

// answer submits an attempt by sam at the crisis quiz: the essay text and
// "true"; it returns the attempt's ID.
func (app *lifetimeApp) answer(essay string) uint64 {
	t := app.t
	t.Helper()
	a, err := app.Quiz.StartAttempt(app.Page(crisisPath), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	var rs []quiz.Response
	for _, it := range a.Items {
		if it.QuestionID == app.essay.ID {
			rs = append(rs, quiz.Response{Text: essay})
		} else {
			rs = append(rs, quiz.Response{Bool: new(true)})
		}
	}
	if _, err := app.Quiz.SubmitAttempt(a.ID, app.User("sam"), rs); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// apiPeople reads the JSON readiness of the new handover as c sees it.
func (app *lifetimeApp) apiPeople(c *webtest.Client) []apiLifetimePerson {
	t := app.t
	t.Helper()
	resp := c.Get(fmt.Sprintf("/api/handovers/%d/readiness", app.handover))
	webtest.WantStatus(t, "readiness API", resp, http.StatusOK)
	var doc struct {
		People []apiLifetimePerson `json:"people"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &doc); err != nil {
		t.Fatalf("readiness API: %v\n%s", err, resp.Body)
	}
	return doc.People
}

type apiLifetimePerson struct {
	User    string   `json:"user"`
	Score   int      `json:"score"`
	Reasons []string `json:"reasons"`
	Items   []struct {
		Question uint64  `json:"question"`
		Credit   float64 `json:"credit"`
		Recency  float64 `json:"recency"`
	} `json:"items"`
}

// csvAnswered returns the "answered" column of the new handover's CSV.
func (app *lifetimeApp) csvAnswered(c *webtest.Client) []string {
	t := app.t
	t.Helper()
	resp := c.Get(fmt.Sprintf("/handovers/%d/readiness.csv", app.handover))
	webtest.WantStatus(t, "readiness CSV", resp, http.StatusOK)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(resp.Body, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("readiness CSV: %v\n%s", err, resp.Body)
	}
	col := slices.Index(rows[0], "answered")
	var out []string
	for _, row := range rows[1:] {
		out = append(out, row[col])
	}
	return out
}

// TestHandoverShowsItsManagerOnlyItsLifetime: morgan names sam in a new
// handover (its start date set a month back) after sam's earlier quiz
// answers, teach-back, acknowledgement and question exist. Through none of
// the handover's views (its page, the dashboard, the CSV and JSON exports,
// the coverage map, attempt and result pages, the attempts list, threads)
// does morgan see any of them, and they do not count for its readiness;
// what sam does from then on, morgan sees. jordan, manager of the earlier
// handover, and sam himself still see the earlier records.
func TestHandoverShowsItsManagerOnlyItsLifetime(t *testing.T) {
	app := newLifetimeApp(t)
	morgan, sam := app.morgan, app.sam
	dashboardURL := fmt.Sprintf("/handovers/%d/dashboard", app.handover)
	oldAttemptURL, oldThreadURL := quiz.AttemptURL(app.oldAttempt), fmt.Sprintf("/threads/%d", app.oldThread)

	// Nothing of before.
	views := map[string]string{
		"handover page": app.handoverPageURL, "dashboard": dashboardURL,
		"coverage":      fmt.Sprintf("/handovers/%d/coverage", app.handover),
		"attempts list": "/quiz/attempts/" + crisisPath, "thread list": "/threads", "page": "/wiki/" + crisisPath,
		"page threads": "/threads?page=" + crisisPath,
	}
	for name, path := range views {
		resp := morgan.Get(path)
		webtest.WantStatus(t, "morgan: "+name, resp, http.StatusOK)
		for _, secret := range []string{oldEssay, oldGrade, oldThread, oldAttemptURL, oldThreadURL, "✓ revision"} {
			if strings.Contains(resp.Body, secret) {
				t.Errorf("morgan's %s (%s) shows %q from before the handover", name, path, secret)
			}
		}
	}
	webtest.WantStatus(t, "morgan opens sam's earlier attempt", morgan.Get(oldAttemptURL), http.StatusNotFound)
	webtest.WantStatus(t, "morgan opens sam's earlier question", morgan.Get(oldThreadURL), http.StatusNotFound)
	people := app.apiPeople(morgan)
	if len(people) != 1 || people[0].Score != 0 {
		t.Fatalf("API readiness of sam = %+v, want score 0: nothing done within the handover yet", people)
	}
	for _, it := range people[0].Items {
		if it.Credit != 0 || it.Recency != 0 {
			t.Errorf("API item %d = credit %g, recency %g from an answer before the handover", it.Question, it.Credit, it.Recency)
		}
	}
	if answered := app.csvAnswered(morgan); slices.ContainsFunc(answered, func(s string) bool { return s != "" }) {
		t.Errorf("CSV answered column = %q, want empty: sam answered before the handover", answered)
	}
	// sam sees his earlier attempt, and jordan, whose handover it belongs to.
	for _, c := range []*webtest.Client{sam, app.jordan} {
		resp := c.Get(oldAttemptURL)
		webtest.WantStatus(t, "earlier attempt", resp, http.StatusOK)
		webtest.MustContain(t, "earlier attempt", resp.Body, oldEssay)
		webtest.WantStatus(t, "earlier question", c.Get(oldThreadURL), http.StatusOK)
	}

	// What sam does within the handover, morgan sees.
	app.clock.Advance(time.Hour)
	webtest.WantStatus(t, "sam acknowledges the same revision again", sam.PostForm("/ack/"+crisisPath, url.Values{"rev": {"1"}}), http.StatusSeeOther)
	app.clock.Advance(time.Hour)
	newAttempt := app.answer(newEssay)
	th, err := app.Quiz.CreateThread(app.Page(crisisPath), "", app.User("sam"), newThread)
	if err != nil {
		t.Fatal(err)
	}
	page := morgan.Get(app.handoverPageURL)
	webtest.MustContain(t, "handover page after sam's work", page.Body, "✓ revision 1", newThread)
	attempt := morgan.Get(quiz.AttemptURL(newAttempt))
	webtest.WantStatus(t, "morgan opens sam's new attempt", attempt, http.StatusOK)
	webtest.MustContain(t, "new attempt", attempt.Body, newEssay)
	webtest.MustContain(t, "attempts list", morgan.Get("/quiz/attempts/"+crisisPath).Body, quiz.AttemptURL(newAttempt))
	webtest.WantStatus(t, "morgan opens sam's new question", morgan.Get(th.URL()), http.StatusOK)
	people = app.apiPeople(morgan)
	got := map[uint64]float64{}
	for _, it := range people[0].Items {
		got[it.Question] = it.Credit
	}
	if got[app.truth.ID] != 1 {
		t.Errorf("API credit of the true/false question after sam's new answer = %g, want 1", got[app.truth.ID])
	}
	if answered := app.csvAnswered(morgan); !slices.ContainsFunc(answered, func(s string) bool { return s != "" }) {
		t.Errorf("CSV answered column = %q, want the new answer's time", answered)
	}
	if body := morgan.Get(app.handoverPageURL).Body; strings.Contains(body, oldThread) {
		t.Errorf("the handover page shows the earlier question once newer work exists")
	}
}

// TestNamingInAHandoverNotifies: whoever is named in a handover, when it
// is started or edited, hears who named them, in which handover and what
// its manager sees; people already in it hear nothing new of being named,
// and the one who names nobody but themself is not told.
func TestNamingInAHandoverNotifies(t *testing.T) {
	app := newLifetimeApp(t)
	flush := func() {
		t.Helper()
		if err := app.Notifier.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	flush()
	named := "morgan named you in the handover “Cover for sam” as incoming owner: morgan, its manager, sees your quiz answers, teach-backs, acknowledgements and questions on its pages from"
	body := app.sam.Get("/notifications").Body
	webtest.MustContain(t, "sam's notifications", body, named, `href="`+app.handoverPageURL+`"`)
	webtest.MustContain(t, "alex's notifications", app.Login("alex").Get("/notifications").Body,
		"morgan named you in the handover “Cover for sam” as outgoing owner")
	if body := app.morgan.Get("/notifications").Body; strings.Contains(body, "named you") {
		t.Errorf("morgan was told that he named himself")
	}

	// An edit that takes priya on tells priya, and nobody else anew.
	edit := url.Values{"title": {"Cover for sam"}, "outgoing": {"alex"}, "incoming": {"sam\npriya"}, "manager": {"morgan"},
		"start": {app.clock.Now().Format(time.DateOnly)}, "due": {app.clock.Now().AddDate(0, 0, 21).Format(time.DateOnly)},
		"pass_mark": {"80"}, "scope": {"it-ops/"}}
	webtest.WantStatus(t, "morgan takes priya on", app.morgan.PostForm(app.handoverPageURL+"/edit", edit), http.StatusSeeOther)
	flush()
	webtest.MustContain(t, "priya's notifications", app.Login("priya").Get("/notifications").Body,
		"morgan named you in the handover “Cover for sam” as incoming owner")
	if n := strings.Count(app.sam.Get("/notifications").Body, ">morgan named you in the handover “Cover for sam”"); n != 1 {
		t.Errorf("sam was told %d times that he was named, want once", n)
	}
}
