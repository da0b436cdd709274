package quiz

import (
	"slices"
	"time"

	"github.com/handover/handover/wiki"
)

// A handover's record. Naming someone in a handover must not open their
// past: a manager could otherwise start a handover naming any member and
// read every quiz answer, teach-back and question they ever gave on the
// pages in scope. So a handover holds only what was done on the pages of
// its scope within its own lifetime, from Since on, and every view it
// gives (its readiness with reasons, items and trend, the dashboard, the
// CSV and JSON exports, the coverage map, acknowledgements, attempts and
// threads seen through it) reads a person's records through the filters
// below. Readiness uses the same records as the views, so the numbers
// shown to the manager never rest on what the manager may not see: an
// answer or acknowledgement from before the handover does not count for
// it, and the person answers or acknowledges again within it. Admins, the
// person themself and the quiz's editors see records by their own right,
// not through a handover.

// Since is when the handover's record begins: the day it was created. Not
// its start date: one set in the past would open what its people did
// before the handover existed, and one set in the future would hide the
// questions its people ask while preparing. Without a creation time (very
// old records), its start date.
func (h *Handover) Since() time.Time {
	if h.Created.IsZero() {
		return h.Start
	}
	return UTCDay(h.Created)
}

// Holds reports whether something done at t on the page at path belongs
// to the handover's record.
func (h *Handover) Holds(path string, t time.Time) bool {
	return h.InScope(path) && !t.Before(h.Since())
}

// answersFrom keeps the answers of a history (sorted by time) given within
// the handover's lifetime.
func (h *Handover) answersFrom(history []*AnswerRecord) []*AnswerRecord {
	since := h.Since()
	i, _ := slices.BinarySearchFunc(history, since, func(r *AnswerRecord, t time.Time) int { return r.Time.Compare(t) })
	return history[i:]
}

// AckFor is the acknowledgement a as the handover counts it: nil when
// there is none or it was made before the handover's lifetime.
func (h *Handover) AckFor(a *Ack) *Ack {
	if a == nil || a.Time.Before(h.Since()) {
		return nil
	}
	return a
}

// attemptsFrom keeps the attempts made within the handover's lifetime.
func (h *Handover) attemptsFrom(as []*Attempt) []*Attempt {
	since := h.Since()
	return slices.DeleteFunc(slices.Clone(as), func(a *Attempt) bool { return AttemptTime(a).Before(since) })
}

// AttemptTime is when an attempt was made: submitted, or started while it
// is open. Its answers' records carry the same time.
func AttemptTime(a *Attempt) time.Time {
	if a.Open() {
		return a.Started
	}
	return a.Submitted
}

// ThreadVisible reports whether u may read thread t on the page now at
// path, given the handovers hs (any superset of those covering the page):
// its author and admins always; the people of a handover only when the
// thread was started within that handover's lifetime.
func ThreadVisible(u *wiki.User, t *Thread, path string, hs []*Handover) bool {
	if u == nil {
		return false
	}
	return u.IsAdmin() || u.Is(t.Author) || slices.ContainsFunc(hs, func(h *Handover) bool {
		return h.Involves(u.Name) && h.Holds(path, t.Created)
	})
}
