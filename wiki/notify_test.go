package wiki

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustUser(t *testing.T, s *Store, name string) *User {
	t.Helper()
	u, err := s.CreateUser(name, RoleMember, "")
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", name, err)
	}
	return u
}

// flushNotifier delivers queued events as the running notifier would.
func flushNotifier(t *testing.T, s *Store) {
	t.Helper()
	n := NewNotifier(s, nil, "http://wiki.test", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := n.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

func texts(t *testing.T, s *Store, u *User) []string {
	t.Helper()
	ns, err := s.Notifications(u.ID, MaxNotifications)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return out
}

func TestNotifyWatchersNotAuthor(t *testing.T) {
	s := mustOpenStore(t)
	alex, sam, kim := mustUser(t, s, "alex"), mustUser(t, s, "sam"), mustUser(t, s, "kim")
	p := mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB", Author: "alex"})
	for _, u := range []*User{alex, sam} {
		if err := s.Watch(u.ID, WatchPage, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB\n\nnew", BaseRevision: 1, Author: "alex", Comment: "new text"})
	if _, err := s.RenamePage("ops/db", "ops/database", "sam", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeletePage("ops/database", "alex"); err != nil {
		t.Fatal(err)
	}
	flushNotifier(t, s)

	want := []string{"alex deleted “DB”", "alex edited “DB”: new text"}
	if got := texts(t, s, sam); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sam's notifications = %q, want %q", got, want)
	}
	if got := texts(t, s, alex); len(got) != 1 || !strings.Contains(got[0], "sam renamed “DB” from ops/db to ops/database") {
		t.Errorf("alex's notifications = %q, want only sam's rename", got)
	}
	if got := texts(t, s, kim); len(got) != 0 {
		t.Errorf("kim watches nothing but got %q", got)
	}
	if n, _ := s.UnreadCount(sam.ID); n != 2 {
		t.Errorf("UnreadCount(sam) = %d, want 2", n)
	}
}

func TestNotificationsReadAndCap(t *testing.T) {
	s := mustOpenStore(t)
	ana := mustUser(t, s, "ana")
	for i := range MaxNotifications + 5 {
		if err := s.Notify(Event{Kind: WatchHandover, ID: 7, Action: "due", Users: []uint64{ana.ID},
			Text: fmt.Sprintf("n%d", i), URL: "/handovers/7"}); err != nil {
			t.Fatal(err)
		}
	}
	flushNotifier(t, s)
	ns, err := s.Notifications(ana.ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != MaxNotifications || ns[0].Text != fmt.Sprintf("n%d", MaxNotifications+4) || ns[len(ns)-1].Text != "n5" {
		t.Fatalf("kept %d notifications from %q to %q, want the newest %d", len(ns), ns[len(ns)-1].Text, ns[0].Text, MaxNotifications)
	}
	if err := s.MarkRead(ana.ID, ns[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.UnreadCount(ana.ID); n != MaxNotifications-1 {
		t.Errorf("after MarkRead: %d unread, want %d", n, MaxNotifications-1)
	}
	if err := s.MarkRead(ana.ID+1, ns[1].ID); ErrorKind(err) != NotFound {
		t.Errorf("MarkRead of another user's notification: err = %v, want NotFound", err)
	}
	if err := s.MarkAllRead(ana.ID); err != nil {
		t.Fatal(err)
	}
	if got := s.NotificationBadge(ana); got != "" {
		t.Errorf("badge after MarkAllRead = %q, want none", got)
	}
}

func TestUnwatchedSaveQueuesNothing(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "one"})
	mustSave(t, s, SaveRequest{Path: "a", Markdown: "two", BaseRevision: 1})
	var n int
	_ = s.View(func(tx *Tx) error { n = tx.Count(bucketOutbox); return nil })
	if n != 0 {
		t.Errorf("outbox holds %d events for a page nobody watches, want 0", n)
	}
}

func TestFeedTokens(t *testing.T) {
	s := mustOpenStore(t)
	ana := mustUser(t, s, "ana")
	first, err := s.CreateFeedToken(ana)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.UserByFeedToken(first); err != nil || u.ID != ana.ID {
		t.Fatalf("UserByFeedToken = %v, %v, want ana", u, err)
	}
	second, _ := s.CreateFeedToken(ana)
	if _, err := s.UserByFeedToken(first); err == nil {
		t.Error("the replaced feed token still works")
	}
	if _, err := s.UpdateUser(ana.ID, func(u *User) error { u.AuthEpoch++; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByFeedToken(second); err == nil {
		t.Error("the feed token survives signing out everywhere")
	}
	if _, err := s.UserByToken(second); err == nil {
		t.Error("a feed token works as an API token")
	}
}

// TestNotificationsByTimeOfEvent: an event queued with an earlier time than
// one before it (an import, the demo) is listed by when it happened.
func TestNotificationsByTimeOfEvent(t *testing.T) {
	s := mustOpenStore(t)
	ana := mustUser(t, s, "ana")
	now := s.Now()
	for _, ev := range []struct {
		text string
		at   time.Time
	}{{"yesterday", now.Add(-24 * time.Hour)}, {"last week", now.Add(-7 * 24 * time.Hour)}, {"an hour ago", now.Add(-time.Hour)}} {
		if err := s.Notify(Event{Kind: WatchHandover, ID: 7, Action: "due", Users: []uint64{ana.ID}, Text: ev.text, Time: ev.at}); err != nil {
			t.Fatal(err)
		}
	}
	flushNotifier(t, s)
	ns, err := s.Notifications(ana.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range ns {
		got = append(got, n.Text)
	}
	if want := []string{"an hour ago", "yesterday", "last week"}; !slices.Equal(got, want) {
		t.Errorf("Notifications = %q, want %q", got, want)
	}
}
