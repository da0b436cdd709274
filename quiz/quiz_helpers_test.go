package quiz

import (
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// quizClock is a settable clock for the store.
type quizClock struct{ t time.Time }

func (c *quizClock) now() time.Time          { return c.t }
func (c *quizClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// quizFixture is a store with a clock, a page and people.
type quizFixture struct {
	t     *testing.T
	s     *Store
	clock *quizClock
	alex  *wiki.User // author
	sam   *wiki.User // taker
	admin *wiki.User
}

const quizTestPageMD = `# Failover

Intro text.

## Steps

1. Fence the old primary.
2. Promote the standby.

## Rollback

Power the old primary back on.
`

func newQuizFixture(t *testing.T) *quizFixture {
	t.Helper()
	w, err := wiki.OpenStore(t.TempDir(), Buckets()...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	clock := &quizClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	w.SetClock(clock.now)
	f := &quizFixture{t: t, s: NewStore(w), clock: clock}
	f.alex = f.user("alex", wiki.RoleMember)
	f.sam = f.user("sam", wiki.RoleMember)
	f.admin = f.user("root", wiki.RoleAdmin)
	return f
}

func (f *quizFixture) user(name string, role wiki.Role) *wiki.User {
	f.t.Helper()
	u, err := f.s.w.CreateUser(name, role, "correct horse battery staple")
	if err != nil {
		f.t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

// page saves markdown at path and returns the page.
func (f *quizFixture) page(path, md string) *wiki.Page {
	f.t.Helper()
	p, err := f.s.w.SavePage(wiki.SaveRequest{Path: path, Markdown: md, Author: "alex", Owner: "alex"})
	if err != nil {
		f.t.Fatalf("save %s: %v", path, err)
	}
	return p
}

// add adds q to p's quiz as alex.
func (f *quizFixture) add(p *wiki.Page, q *Question) *Question {
	f.t.Helper()
	if err := f.s.AddQuestion(p, f.alex, q); err != nil {
		f.t.Fatalf("add question %q: %v", q.Text, err)
	}
	return q
}

func (f *quizFixture) settings(p *wiki.Page, st Settings) {
	f.t.Helper()
	if _, err := f.s.SaveSettings(p.ID, f.alex, st); err != nil {
		f.t.Fatalf("settings: %v", err)
	}
}

// reload returns the page's current state.
func (f *quizFixture) reload(p *wiki.Page) *wiki.Page {
	f.t.Helper()
	p, err := f.s.w.Page(p.Path)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// tfQuestion is a true/false question on the steps section.
func tfQuestion(section string, truth bool) *Question {
	return &Question{Type: TrueFalse, Section: section, Text: "We fence the old primary before promoting.", Truth: truth}
}

func ptrBool(b bool) *bool { return &b }
