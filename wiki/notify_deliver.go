package wiki

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// deliveryBatch caps the events turned into notifications per transaction,
// so the fan-out never holds the write lock for long.
const deliveryBatch = 50

// delivered is a notification just made, with where to e-mail it.
type delivered struct {
	N     *Notification
	Email string
}

// deliverEvents turns up to deliveryBatch queued events into
// notifications and removes them from the outbox, in one transaction. It
// returns the notifications made and whether events remain.
func (s *Store) deliverEvents() ([]delivered, bool, error) {
	var out []delivered
	more := false
	err := s.Update(func(tx *Tx) error {
		keys := tx.keys(bucketOutbox, nil)
		more = len(keys) > deliveryBatch
		for _, k := range keys[:min(len(keys), deliveryBatch)] {
			var ev Event
			if err := json.Unmarshal(tx.Get(bucketOutbox, k), &ev); err != nil {
				return fmt.Errorf("decode event %d: %w", Btoi(k), err)
			}
			made, err := tx.deliver(&ev)
			if err != nil {
				return fmt.Errorf("deliver event %d: %w", Btoi(k), err)
			}
			out = append(out, made...)
			if err := tx.Delete(bucketOutbox, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, more, nil
}

// deliver makes one notification per recipient of ev.
func (tx *Tx) deliver(ev *Event) ([]delivered, error) {
	text, url, err := tx.describe(ev)
	if errors.Is(err, ErrNotFound) {
		return nil, nil // the page is gone for good; nobody to tell
	} else if err != nil {
		return nil, err
	}
	var out []delivered
	for _, uid := range tx.recipients(ev) {
		var u User
		if err := tx.GetJSON(bucketUsers, Itob(uid), &u); err != nil || u.Disabled || !tx.mayHear(ev, &u) {
			continue // a removed or disabled account, or one no longer allowed to see it, gets nothing
		}
		n := &Notification{UserID: uid, Kind: ev.Kind, Target: ev.ID, Action: ev.Action,
			Actor: ev.Actor, Text: text, URL: url, Time: ev.Time}
		if err := tx.addNotification(n); err != nil {
			return nil, err
		}
		out = append(out, delivered{N: n, Email: u.Email})
	}
	return out, nil
}

// recipients are the watchers of the event's thing and its extra users,
// once each, without the actor.
func (tx *Tx) recipients(ev *Event) []uint64 {
	ids := append(tx.watchers(ev.Kind, ev.ID), ev.Users...)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if ev.Actor != "" {
		if actor, err := tx.UserByName(ev.Actor); err == nil {
			ids = slices.DeleteFunc(ids, func(id uint64) bool { return id == actor.ID })
		}
	}
	return ids
}

// describe returns the line and link of a notification. Page events are
// described from the page as it is now (its current path and title).
func (tx *Tx) describe(ev *Event) (text, url string, err error) {
	if ev.Kind != WatchPage {
		if ev.Text == "" {
			ev.Text = fmt.Sprintf("%s %s %s %d", OrSomeone(ev.Actor), ev.Action, ev.Kind, ev.ID)
		}
		return ev.Text, ev.URL, nil
	}
	p, err := tx.PageByID(ev.ID)
	if err != nil {
		return "", "", err
	}
	who := OrSomeone(ev.Actor)
	switch ev.Action {
	case ActionDeleted:
		return fmt.Sprintf("%s deleted “%s”", who, p.Title), PageURL(p.Path), nil
	case ActionRenamed:
		return fmt.Sprintf("%s renamed “%s” from %s to %s", who, p.Title, ev.From, p.Path), PageURL(p.Path), nil
	}
	text = fmt.Sprintf("%s edited “%s”", who, p.Title)
	if rev, err := tx.revision(p.ID, ev.Rev); err == nil && rev.Comment != "" {
		text += ": " + rev.Comment
	}
	return text, RevisionURL(p.Path, ev.Rev), nil
}

func OrSomeone(name string) string {
	if name == "" {
		return "Someone"
	}
	return name
}

// revisionURL links to what revision n changed: its diff, or the page
// itself for the first revision.
func RevisionURL(path string, n int) string {
	if n <= 1 {
		return PageURL(path) + "?rev=1"
	}
	return "/diff" + EscapedPath(path) + "?from=" + strconv.Itoa(n-1) + "&to=" + strconv.Itoa(n)
}

// escapedPath is a page path escaped for use after a route prefix.
func EscapedPath(path string) string { return PageURL(path)[len("/wiki"):] }
