// Package quiztest builds quiz data for tests on a real store: people,
// pages, questions, attempts, flags and handovers, and an App that runs
// the wiki's and the quiz's real handlers behind an httptest server
// (webtest with quiz/web registered). cmd/handover's end-to-end tests use
// the same Fixture on the whole program. Only tests import it.
package quiztest

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
	quizweb "github.com/handover/handover/quiz/web"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
	"github.com/handover/handover/wiki/web/webtest"
)

// PageMD is a crisis protocol with a critical section, first-steps.
const PageMD = `---
title: Crisis protocol
owner: alex
critical: [first-steps]
---

For when the WMS is down.

## First steps

1. Acknowledge the page.
2. Call the shift lead.
3. Fence the old primary before promoting the standby.

## Escalation

Call Morgan after 30 minutes.
`

// FailoverMD is a runbook with a critical section, steps.
const FailoverMD = "---\ncritical: [steps]\n---\n# Failover\n\n## Steps\n\n1. Fence the old primary.\n2. Promote db-02.\n\n## Background\n\nWhy we do it.\n"

// Fixture makes quiz data in a wiki store and its quiz store.
type Fixture struct {
	t    *testing.T
	Wiki *wiki.Store
	Quiz *quiz.Store
}

// NewFixture returns a fixture over the stores.
func NewFixture(t *testing.T, w *wiki.Store, q *quiz.Store) *Fixture {
	return &Fixture{t: t, Wiki: w, Quiz: q}
}

// App is webtest's app with the quiz routes, and a Fixture on its stores.
type App struct {
	*webtest.App
	*Fixture
}

// New starts the wiki and quiz handlers on a temp data directory.
func New(t *testing.T) *App {
	t.Helper()
	var qs *quiz.Store
	a := webtest.New(t, webtest.Options{Buckets: quiz.Buckets(), Register: func(mux *http.ServeMux, deps *web.Deps) {
		var err error
		if qs, err = quiz.Open(deps.Store); err != nil {
			t.Fatalf("open the quiz store: %v", err)
		}
		ext := quizweb.Register(mux, quizweb.Deps{Store: qs, Wiki: deps.Store, Views: deps.Views, Log: deps.Log, Static: deps.Static})
		deps.Extensions = append(deps.Extensions, ext)
	}})
	return &App{App: a, Fixture: NewFixture(t, a.Store, qs)}
}

// NewHandover is New with the handover people: alex hands over to sam,
// morgan manages; priya (member) and jordan (manager) are outside.
func NewHandover(t *testing.T) *App {
	t.Helper()
	a := New(t)
	a.AddPeople()
	return a
}

// AddPeople creates the handover people with webtest.Password.
func (f *Fixture) AddPeople() {
	f.t.Helper()
	for name, role := range map[string]wiki.Role{"alex": wiki.RoleMember, "sam": wiki.RoleMember,
		"priya": wiki.RoleMember, "morgan": wiki.RoleManager, "jordan": wiki.RoleManager, "admin": wiki.RoleAdmin} {
		if _, err := f.Wiki.CreateUser(name, role, webtest.Password); err != nil {
			f.t.Fatalf("add user %s: %v", name, err)
		}
	}
}

// User returns the account called name.
func (f *Fixture) User(name string) *wiki.User {
	f.t.Helper()
	u, err := f.Wiki.UserByName(name)
	if err != nil {
		f.t.Fatalf("user %s: %v", name, err)
	}
	return u
}

// Page returns the live page at path.
func (f *Fixture) Page(path string) *wiki.Page {
	f.t.Helper()
	p, err := f.Wiki.Page(path)
	if err != nil {
		f.t.Fatalf("page %s: %v", path, err)
	}
	return p
}

// Edit saves a new revision of path on top of the current one, as alex.
func (f *Fixture) Edit(path, md string, significant bool) *wiki.Page {
	f.t.Helper()
	p, err := f.Wiki.SavePage(wiki.SaveRequest{Path: path, Markdown: md, BaseRevision: f.Page(path).Revision,
		Author: "alex", Significant: significant})
	if err != nil {
		f.t.Fatalf("edit %s: %v", path, err)
	}
	return p
}

// AddQuestion adds q to the quiz of the page at path as author.
func (f *Fixture) AddQuestion(path, author string, q *quiz.Question) *quiz.Question {
	f.t.Helper()
	if err := f.Quiz.AddQuestion(f.Page(path), f.User(author), q); err != nil {
		f.t.Fatalf("add question: %v", err)
	}
	return q
}

// Settings sets the quiz settings of the page at path as author.
func (f *Fixture) Settings(path, author string, st quiz.Settings) {
	f.t.Helper()
	if _, err := f.Quiz.SaveSettings(f.Page(path).ID, f.User(author), st); err != nil {
		f.t.Fatalf("settings: %v", err)
	}
}

// Clock is a settable clock for the store.
type Clock struct{ t time.Time }

// Now is the clock's time.
func (c *Clock) Now() time.Time { return c.t }

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// SetClock gives the store a clock that starts on 2 March 2026, 09:00
// UTC, and moves only when told.
func (f *Fixture) SetClock() *Clock {
	c := &Clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	f.Wiki.SetClock(c.Now)
	return c
}

// Essay is a teach-back question on PageMD's critical section.
func Essay() *quiz.Question {
	return &quiz.Question{Type: quiz.Essay, Section: "first-steps", Critical: true,
		Text: "Why do we fence the old primary before promoting?", Explanation: "Two primaries split the data."}
}

// Choice is a single-choice question on PageMD's critical section whose
// feedback and explanation are easy to find in a page.
func Choice() *quiz.Question {
	return &quiz.Question{Type: quiz.SingleChoice, Section: "first-steps", Critical: true, Text: "What comes first?",
		Answers:     []gift.Answer{{Text: "Acknowledge the page", Weight: 100, Feedback: "FB-RIGHT-ack"}, {Text: "Call Morgan", Feedback: "FB-WRONG-morgan"}},
		Explanation: "EXPL-acknowledge-first"}
}

// SeedQuizFor gives the page at path a quiz by author with one essay
// question, a submitted attempt by taker answering it, and a flag by
// taker; it returns the question, attempt and flag IDs.
func (f *Fixture) SeedQuizFor(path, author, taker string) (q, at, fl uint64) {
	f.t.Helper()
	question := f.AddQuestion(path, author, Essay())
	att, err := f.Quiz.StartAttempt(f.Page(path), f.User(taker))
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.Quiz.SubmitAttempt(att.ID, f.User(taker), []quiz.Response{{Text: "Split brain."}}); err != nil {
		f.t.Fatal(err)
	}
	flag, err := f.Quiz.AddFlag(att.ID, question.ID, f.User(taker), quiz.FlagAmbiguous, "which primary?")
	if err != nil {
		f.t.Fatal(err)
	}
	return question.ID, att.ID, flag.ID
}

// SeedHandover stores the handover alex → sam over it-ops/ and home,
// managed by morgan, started a week ago and due in two.
func (f *Fixture) SeedHandover() *quiz.Handover {
	f.t.Helper()
	now := f.Wiki.Now()
	h := &quiz.Handover{Title: "IT operations", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "morgan",
		Start: now.AddDate(0, 0, -7), Due: now.AddDate(0, 0, 14), Scope: []string{"it-ops/", "home"}}
	if err := f.Quiz.CreateHandover(h, f.User("morgan")); err != nil {
		f.t.Fatalf("create handover: %v", err)
	}
	return h
}

// ReadinessPageMD is the runbook of SeedReadiness: a critical section,
// steps, and another one, contacts.
const ReadinessPageMD = `# Database failover

## Steps

1. Fence the old primary.
2. Promote db-02.

## Contacts

The DBA on call.
`

// Readiness is a handover in progress: alex hands the database role to
// sam and jo, morgan manages it, pat manages nothing of it. sam answered
// the critical question wrongly and acknowledged nothing; jo is ready.
type Readiness struct {
	f           *Fixture
	H           *quiz.Handover
	Runbook     *wiki.Page // ops/failover
	Crit, Plain *quiz.Question
	Users       map[string]*wiki.User
}

// SeedReadiness creates the people, page, quiz, handover, answers and
// acknowledgement of Readiness.
func (f *Fixture) SeedReadiness() *Readiness {
	f.t.Helper()
	r := &Readiness{f: f, Users: map[string]*wiki.User{}}
	for name, role := range map[string]wiki.Role{"alex": wiki.RoleMember, "sam": wiki.RoleMember, "jo": wiki.RoleMember,
		"member": wiki.RoleMember, "morgan": wiki.RoleManager, "pat": wiki.RoleManager, "admin": wiki.RoleAdmin} {
		u, err := f.Wiki.CreateUser(name, role, webtest.Password)
		if err != nil {
			f.t.Fatalf("add user %s: %v", name, err)
		}
		r.Users[name] = u
	}
	p, err := f.Wiki.SavePage(wiki.SaveRequest{Path: "ops/failover", Markdown: ReadinessPageMD, Author: "alex",
		Owner: "alex", Critical: []string{"steps"}})
	if err != nil {
		f.t.Fatal(err)
	}
	r.Runbook = p
	r.Crit = r.question("steps", "Fence the old primary before promoting db-02.", true)
	r.Plain = r.question("contacts", "The DBA on call is the first contact.", false)
	r.H = &quiz.Handover{Title: "Database operations", Outgoing: []string{"alex"}, Incoming: []string{"sam", "jo"},
		Start: time.Now().AddDate(0, 0, -10), Due: time.Now().AddDate(0, 0, 20), Scope: []string{"ops/"}}
	if err := f.Quiz.CreateHandover(r.H, r.Users["morgan"]); err != nil {
		f.t.Fatal(err)
	}
	r.Answer("sam", false)
	r.Answer("jo", true)
	if _, err := f.Quiz.Acknowledge(p, r.Users["jo"]); err != nil {
		f.t.Fatal(err)
	}
	return r
}

func (r *Readiness) question(section, text string, critical bool) *quiz.Question {
	r.f.t.Helper()
	q := &quiz.Question{Type: quiz.TrueFalse, Text: text, Truth: true, Section: section, Critical: critical}
	if err := r.f.Quiz.AddQuestion(r.Runbook, r.Users["alex"], q); err != nil {
		r.f.t.Fatal(err)
	}
	return q
}

// Answer has name answer the quiz: the critical question right or wrong,
// the other one right.
func (r *Readiness) Answer(name string, critRight bool) {
	r.f.t.Helper()
	u := r.Users[name]
	at, err := r.f.Quiz.StartAttempt(r.Runbook, u)
	if err != nil {
		r.f.t.Fatal(err)
	}
	res := make([]quiz.Response, len(at.Items))
	for i, it := range at.Items {
		v := it.QuestionID != r.Crit.ID || critRight
		res[i] = quiz.Response{Bool: &v}
	}
	if _, err := r.f.Quiz.SubmitAttempt(at.ID, u, res); err != nil {
		r.f.t.Fatal(err)
	}
}

// URL fills the handover's ID into format ("/handovers/%d/dashboard").
func (r *Readiness) URL(format string) string { return fmt.Sprintf(format, r.H.ID) }
