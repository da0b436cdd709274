package quiz

import (
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// hoFixture is a quiz store on a real bbolt file with a movable clock, for
// the handover, acknowledgement and thread tests.
type hoFixture struct {
	t     *testing.T
	w     *wiki.Store
	s     *Store
	clock time.Time
	users map[string]*wiki.User
}

func newHOFixture(t *testing.T) *hoFixture {
	t.Helper()
	w, err := wiki.OpenStore(t.TempDir(), Buckets()...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	f := &hoFixture{t: t, w: w, s: NewStore(w), clock: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), users: map[string]*wiki.User{}}
	w.SetClock(func() time.Time { return f.clock })
	for name, role := range map[string]wiki.Role{"alex": wiki.RoleMember, "sam": wiki.RoleMember,
		"priya": wiki.RoleMember, "morgan": wiki.RoleManager, "jordan": wiki.RoleManager, "root": wiki.RoleAdmin} {
		u, err := w.CreateUser(name, role, "correct horse battery staple")
		if err != nil {
			t.Fatalf("create user %s: %v", name, err)
		}
		f.users[name] = u
	}
	return f
}

func (f *hoFixture) save(path, md string, significant bool) *wiki.Page {
	f.t.Helper()
	base := 0
	if p, err := f.w.Page(path); err == nil {
		base = p.Revision
	}
	p, err := f.w.SavePage(wiki.SaveRequest{Path: path, Markdown: md, BaseRevision: base, Author: "alex", Significant: significant})
	if err != nil {
		f.t.Fatalf("save %s: %v", path, err)
	}
	return p
}

// handover creates the standard test handover alex → sam, managed by
// morgan, over it-ops/ and home.
func (f *hoFixture) handover() *Handover {
	f.t.Helper()
	h := &Handover{Title: "IT operations", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "morgan",
		Start: f.clock, Due: f.clock.AddDate(0, 0, 21), Scope: []string{"it-ops/", "home"}}
	if err := f.s.CreateHandover(h, f.users["morgan"]); err != nil {
		f.t.Fatalf("create handover: %v", err)
	}
	return h
}

const hoRunbook = "# Failover\n\n## Steps\n\n1. Fence the old primary.\n2. Promote db-02.\n\n## Background\n\nWhy we do it.\n"
