package wiki

import (
	"errors"
	"testing"
	"time"
)

// TestSessionStore: a session is found until deleted, idle for longer
// than the policy allows, older than its lifetime, or its user's epoch
// changes; reads within a minute write nothing.
func TestSessionStore(t *testing.T) {
	s := mustOpenStore(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	u, err := s.CreateUser("alex", RoleMember, "a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	p := SessionPolicy{Idle: time.Hour, Lifetime: 2 * time.Hour}
	live := func(id string) bool {
		t.Helper()
		_, err := s.SessionUser(id, p)
		if err != nil && !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	a, _ := s.CreateSession(u, p)
	b, _ := s.CreateSession(u, p)
	if !live(a) || !live(b) || live("made-up") || live("") {
		t.Fatal("new sessions not found, or a made-up ID found")
	}
	tx := s.LastTxID()
	now = now.Add(59 * time.Second)
	if !live(a) || s.LastTxID() != tx {
		t.Error("a read within a minute of the last one wrote to the database")
	}
	if err := s.DeleteSession(a); err != nil || live(a) || !live(b) {
		t.Errorf("DeleteSession(a): err %v; want a ended and b live", err)
	}
	now = now.Add(61 * time.Minute)
	if live(b) {
		t.Error("a session idle for 61 minutes (policy 1h) is live")
	}
	c, _ := s.CreateSession(u, p)
	for range 4 {
		now = now.Add(30 * time.Minute)
		if !live(c) {
			t.Fatalf("a session used every 30 minutes ended after %v", now)
		}
	}
	now = now.Add(time.Minute)
	if live(c) {
		t.Error("a session 2h01m old (lifetime 2h) is live")
	}
	d, _ := s.CreateSession(u, p)
	if _, err := s.UpdateUser(u.ID, func(u *User) error { u.AuthEpoch++; return nil }); err != nil {
		t.Fatal(err)
	}
	if live(d) {
		t.Error("a session is live after its user's epoch changed")
	}
	if n, _ := s.SessionCount(u.ID); n != 0 {
		t.Errorf("SessionCount after sign-out everywhere = %d, want 0", n)
	}
}

// TestSessionsPruned: signing in drops the user's ended sessions, so
// abandoned browsers do not pile up.
func TestSessionsPruned(t *testing.T) {
	s := mustOpenStore(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	u, _ := s.CreateUser("alex", RoleMember, "a long enough password")
	p := SessionPolicy{Idle: time.Hour, Lifetime: 2 * time.Hour}
	for range 3 {
		if _, err := s.CreateSession(u, p); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(2 * time.Hour)
	if _, err := s.CreateSession(u, p); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.SessionCount(u.ID); n != 1 {
		t.Errorf("SessionCount = %d after three sessions ended and one began, want 1", n)
	}
}
