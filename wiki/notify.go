package wiki

import (
	"fmt"
	"time"
)

// Notifications are made in two steps, so that a save stays as fast as it
// was. In the save's own transaction, when (and only when) the page has
// watchers, one small Event is appended to the outbox: a cursor seek and a
// Put. After the commit the Notifier goroutine is poked; it turns queued
// events into one notification per watcher (never the person who made the
// change), trims each inbox to MaxNotifications, deletes the events, all in
// one transaction, and then hands e-mails to the Mailer. A crash between the
// save and the fan-out loses nothing: the events wait in the outbox for the
// next start. E-mail is best effort: one lost in a crash is not resent.
const (
	bucketOutbox        = "notify_outbox"
	bucketNotifications = "notifications"
	bucketUnread        = "notifications_unread"
)

// MaxNotifications is how many notifications a user keeps; older ones are
// dropped as new ones arrive.
const MaxNotifications = 200

// Event is something that happened to a watchable thing (Kind, ID). Each
// watcher of it, plus Users, gets a notification, except the user named
// Actor. For pages the wiki writes Text and URL itself; other kinds must set
// them (Text is one line, URL a site-relative link such as /handovers/3).
type Event struct {
	V      int       `json:"v"`
	Kind   string    `json:"kind"`
	ID     uint64    `json:"id"`
	Action string    `json:"action"`
	Actor  string    `json:"actor,omitempty"`
	Text   string    `json:"text,omitempty"`
	URL    string    `json:"url,omitempty"`
	Users  []uint64  `json:"users,omitempty"`
	Time   time.Time `json:"time"`
	// Rev is the page revision and From the old path of a renamed page.
	Rev  int    `json:"rev,omitempty"`
	From string `json:"from,omitempty"`
	// About names the person whose results the event tells (a score), for
	// the kind's Audience to tell only those who may see them.
	About string `json:"about,omitempty"`
}

// Page event actions.
const (
	ActionSaved   = "saved"
	ActionRenamed = "renamed"
	ActionDeleted = "deleted"
)

// Notify queues ev in the caller's transaction; the Notifier delivers it
// after the commit. A bad Kind is an error.
func (tx *Tx) Notify(ev Event) error {
	if err := checkWatchKind(ev.Kind); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	ev.V = 1
	if ev.Time.IsZero() {
		ev.Time = tx.Now()
	}
	seq, err := tx.NextID(bucketOutbox)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	if err := tx.PutJSON(bucketOutbox, Itob(seq), ev); err != nil {
		return err
	}
	tx.tx.OnCommit(tx.s.onNotify)
	return nil
}

// Notify queues ev in a transaction of its own.
func (s *Store) Notify(ev Event) error {
	return s.Update(func(tx *Tx) error { return tx.Notify(ev) })
}

// SetOnNotify registers the function called after a transaction that
// queued an event commits.
func (s *Store) SetOnNotify(fn func()) { s.onNotify = fn }

// pageEvent queues the event a page write means for its watchers, if it
// has any: a new revision, a rename or a delete. Metadata updates (critical
// marks, reviews) and restores notify nobody.
func (tx *Tx) pageEvent(old, next *Page) error {
	if old.ID == 0 || !tx.HasWatchers(WatchPage, next.ID) {
		return nil
	}
	ev := Event{Kind: WatchPage, ID: next.ID, Rev: next.Revision, Actor: next.UpdatedBy}
	switch {
	case next.Deleted && !old.Deleted:
		ev.Action, ev.Actor = ActionDeleted, next.DeletedBy
	case next.Deleted:
		return nil
	case old.Path != next.Path:
		ev.Action, ev.From = ActionRenamed, old.Path
	case next.Revision > old.Revision:
		ev.Action = ActionSaved
	default:
		return nil
	}
	return tx.Notify(ev)
}
