package quiz

import (
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// readyFixture is a real store with a movable clock, one page in scope with
// a critical section, questions pinned to it, and a handover from alex to
// sam and jo managed by morgan, with a pass mark of 50 (so that decay, not
// the score, decides the statuses the clock tests walk through). The
// readiness tests place answers in the
// past by moving the clock.
type readyFixture struct {
	t      *testing.T
	s      *Store
	at     time.Time
	alex   *wiki.User
	sam    *wiki.User
	jo     *wiki.User
	morgan *wiki.User
	page   *wiki.Page
	crit   *Question // critical, on "steps"
	plain  *Question // not critical, on "contacts"
	h      *Handover
}

// readyStart is when the fixture's handover starts; it is due 30 days
// later.
var readyStart = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)

const readyPageMD = `# Database failover

## Steps

1. Fence the old primary.
2. Promote db-02.

## Contacts

The DBA on call.
`

func newReadyFixture(t *testing.T) *readyFixture {
	t.Helper()
	w, err := wiki.OpenStore(t.TempDir(), Buckets()...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	f := &readyFixture{t: t, s: NewStore(w), at: readyStart}
	w.SetClock(func() time.Time { return f.at })
	f.alex, f.sam = f.user("alex", wiki.RoleMember), f.user("sam", wiki.RoleMember)
	f.jo, f.morgan = f.user("jo", wiki.RoleMember), f.user("morgan", wiki.RoleManager)
	f.page = f.save(readyPageMD, false)
	f.crit = f.question("steps", "Fence the old primary before promoting db-02.", true)
	f.plain = f.question("contacts", "The DBA on call is the first contact.", false)
	f.h = &Handover{Title: "Database operations", Outgoing: []string{"alex"}, Incoming: []string{"sam", "jo"},
		Start: readyStart, Due: readyStart.AddDate(0, 0, 30), Scope: []string{"ops/failover"}, PassMark: 50}
	if err := f.s.CreateHandover(f.h, f.morgan); err != nil {
		t.Fatalf("create handover: %v", err)
	}
	return f
}

func (f *readyFixture) user(name string, role wiki.Role) *wiki.User {
	f.t.Helper()
	u, err := f.s.w.CreateUser(name, role, "correct horse battery staple")
	if err != nil {
		f.t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

// save stores a new revision of the fixture's page with "steps" critical.
func (f *readyFixture) save(md string, significant bool) *wiki.Page {
	f.t.Helper()
	base := 0
	if f.page != nil {
		base = f.page.Revision
	}
	p, err := f.s.w.SavePage(wiki.SaveRequest{Path: "ops/failover", Markdown: md, Author: "alex", Owner: "alex",
		BaseRevision: base, Critical: []string{"steps"}, Significant: significant})
	if err != nil {
		f.t.Fatalf("save page: %v", err)
	}
	f.page = p
	return p
}

// question adds a true/false question (the statement is true).
func (f *readyFixture) question(section, text string, critical bool) *Question {
	f.t.Helper()
	q := &Question{Type: TrueFalse, Text: text, Truth: true, Section: section, Critical: critical}
	if err := f.s.AddQuestion(f.page, f.alex, q); err != nil {
		f.t.Fatalf("add question: %v", err)
	}
	return q
}

// advance moves the clock.
func (f *readyFixture) advance(d time.Duration) { f.at = f.at.Add(d) }

// days is a duration of n days.
func days(n float64) time.Duration { return time.Duration(n * 24 * float64(time.Hour)) }

// answer has u take the page's quiz, answering the questions in right
// correctly and the others wrongly; essays get text.
func (f *readyFixture) answer(u *wiki.User, right ...*Question) *Attempt {
	f.t.Helper()
	a, err := f.s.StartAttempt(f.page, u)
	if err != nil {
		f.t.Fatalf("start attempt as %s: %v", u.Name, err)
	}
	ok := map[uint64]bool{}
	for _, q := range right {
		ok[q.ID] = true
	}
	responses := make([]Response, len(a.Items))
	for i, it := range a.Items {
		v := ok[it.QuestionID]
		responses[i] = Response{Bool: &v, Text: "teach-back answer", Confidence: 3}
	}
	if a, err = f.s.SubmitAttempt(a.ID, u, responses); err != nil {
		f.t.Fatalf("submit as %s: %v", u.Name, err)
	}
	return a
}

// ack has u acknowledge the page's current revision.
func (f *readyFixture) ack(u *wiki.User) {
	f.t.Helper()
	if _, err := f.s.Acknowledge(f.page, u); err != nil {
		f.t.Fatalf("acknowledge: %v", err)
	}
}

// readiness evaluates u in the fixture's handover now.
func (f *readyFixture) readiness(u *wiki.User) Result {
	f.t.Helper()
	pr, err := f.s.PersonReadiness(f.h, u.Name, f.at)
	if err != nil {
		f.t.Fatalf("readiness of %s: %v", u.Name, err)
	}
	return pr.Result
}

func reasonKinds(res Result) []string {
	var out []string
	for _, r := range res.Reasons {
		out = append(out, r.Kind)
	}
	return out
}
