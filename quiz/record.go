package quiz

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

// The record of a handover: an append-only list of every change to an
// input of anyone's readiness in it, written in the transaction of the
// change itself, so that nothing that moved a score goes unrecorded and
// nothing recorded was rolled back. Entries are never changed or deleted.

const bucketRecord = "quiz_record" // handover ID + sequence → RecordEntry

// Kinds of record entries, in the order the filter offers them.
const (
	RecordCritical = "critical" // a section marked or unmarked critical
	RecordPage     = "page"     // a page in scope deleted, renamed or restored
	RecordOwner    = "owner"    // a page in scope given another owner
	RecordHandover = "handover" // scope, dates, pass mark or people changed
	RecordQuestion = "question" // a question added, edited, confirmed or retired
	RecordGrade    = "grade"    // a teach-back graded or regraded
	RecordAck      = "ack"      // a page acknowledged
	RecordAttempt  = "attempt"  // a quiz submitted
	RecordRecheck  = "recheck"  // a re-check submitted
)

// RecordKinds names the kinds for the filter.
var RecordKinds = []struct{ Kind, Name string }{
	{RecordCritical, "Critical marks"}, {RecordPage, "Pages"}, {RecordOwner, "Page owners"},
	{RecordHandover, "Handover settings"}, {RecordQuestion, "Questions"}, {RecordGrade, "Grades"},
	{RecordAck, "Acknowledgements"}, {RecordAttempt, "Quiz attempts"}, {RecordRecheck, "Re-checks"},
}

// RecordEntry is one recorded change: when, who, what, before → after.
type RecordEntry struct {
	V    int       `json:"v"`
	Seq  uint64    `json:"seq"`
	Time time.Time `json:"time"`
	// Actor made the change; Person is the incoming owner it concerns
	// (an acknowledgement, an answer, a grade), "" when it concerns all.
	// A Private entry tells Person's results, for those who may see their
	// readiness only.
	Actor   string `json:"actor"`
	Person  string `json:"person,omitempty"`
	Private bool   `json:"private,omitempty"`
	Kind    string `json:"kind"`
	Page    string `json:"page,omitempty"`
	What    string `json:"what"`
	Before  string `json:"before,omitempty"`
	After   string `json:"after,omitempty"`
}

// record appends e to handover h's record.
func record(tx *wiki.Tx, h *Handover, e RecordEntry) error {
	seq, err := tx.NextID(bucketRecord)
	if err != nil {
		return err
	}
	e.V, e.Seq, e.Time = 1, seq, tx.Now()
	return tx.PutJSON(bucketRecord, key(h.ID, seq), &e)
}

// recordCovering appends e to the record of every open handover covering
// the page at path; an entry about one person's results goes only to the
// handovers that person takes over in.
func recordCovering(tx *wiki.Tx, path string, e RecordEntry) error {
	covering, err := coveringTx(tx, path)
	if err != nil {
		return err
	}
	for _, h := range covering {
		if h.Closed || e.Person != "" && !h.IsIncoming(e.Person) {
			continue
		}
		if err := record(tx, h, e); err != nil {
			return err
		}
		if err := notifyRecorded(tx, h, e); err != nil {
			return err
		}
	}
	return nil
}

// notifyRecorded tells h's watchers (its manager and outgoing owners
// from the start) of a question's or a grade's entry; one telling a
// person's result only those who may see their readiness. Acknowledgements
// and attempts tell them in their own words (notifyProgress).
func notifyRecorded(tx *wiki.Tx, h *Handover, e RecordEntry) error {
	if e.Kind != RecordQuestion && e.Kind != RecordGrade {
		return nil
	}
	ev := wiki.Event{Actor: e.Actor, Text: fmt.Sprintf("%s %s (handover “%s”)", e.Actor, e.What, h.Title)}
	if e.Private {
		ev.About = e.Person
	}
	return notifyWatchers(tx, h, ev)
}

// RecordFilter picks entries of a handover's record; zero fields pick all.
type RecordFilter struct {
	Person, Kind string
	Limit        int // 0: all
}

// Record returns handover h's record as u may see it, newest first: an
// entry telling one person's results only to those who may see that
// person's readiness.
func (s *Store) Record(h *Handover, u *wiki.User, f RecordFilter) ([]RecordEntry, error) {
	var out []RecordEntry
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketRecord, key(h.ID), func(_, v []byte) error {
			var e RecordEntry
			if err := jsonDecode(v, &e); err != nil {
				return err
			}
			if e.Private && !h.CanSeeReadiness(u, e.Person) {
				return nil
			}
			if f.Kind != "" && e.Kind != f.Kind || f.Person != "" && e.Person != f.Person && e.Actor != f.Person {
				return nil
			}
			out = append(out, e)
			return nil
		})
	})
	// Newest first by time: records written with the clock of their
	// events (an import, the demo) need not be in time order.
	slices.Reverse(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, err
}

// recordHandoverChange records what an edit changed of h's inputs: its
// scope, start and due dates, pass mark, re-check lead and people.
func recordHandoverChange(tx *wiki.Tx, before, after *Handover, actor string) error {
	date := func(t time.Time) string { return t.Format("2 Jan 2006") }
	list := func(s []string) string { return strings.Join(s, ", ") }
	changes := []struct{ what, before, after string }{
		{"changed the scope", list(before.Scope), list(after.Scope)},
		{"changed the start date", date(before.Start), date(after.Start)},
		{"changed the due date", date(before.Due), date(after.Due)},
		{"changed the pass mark", fmt.Sprint(before.PassMark), fmt.Sprint(after.PassMark)},
		{"changed how early re-checks open", fmt.Sprint(before.RecheckLead()), fmt.Sprint(after.RecheckLead())},
		{"changed the incoming owners", list(before.Incoming), list(after.Incoming)},
		{"changed the outgoing owners", list(before.Outgoing), list(after.Outgoing)},
		{"changed the manager", before.Manager, after.Manager},
		{"closed or reopened the handover", closedWord(before.Closed), closedWord(after.Closed)},
	}
	for _, c := range changes {
		if c.before == c.after {
			continue
		}
		if err := record(tx, after, RecordEntry{Actor: actor, Kind: RecordHandover, What: c.what, Before: c.before, After: c.after}); err != nil {
			return err
		}
	}
	return nil
}

func closedWord(closed bool) string {
	if closed {
		return "closed"
	}
	return "open"
}

// recordPageChange records, for the open handovers covering it, what a
// page change did to inputs of readiness, and tells their watchers.
func recordPageChange(tx *wiki.Tx, c wiki.PageChange, covering []*Handover) error {
	var entries []RecordEntry
	title := c.Old.Title
	switch {
	case c.Deleted():
		entries = append(entries, RecordEntry{Kind: RecordPage, What: fmt.Sprintf("deleted “%s”", title), Before: c.Old.Path})
	case c.Restored():
		entries = append(entries, RecordEntry{Kind: RecordPage, What: fmt.Sprintf("restored “%s”", title), After: c.New.Path})
	case c.Moved():
		entries = append(entries, RecordEntry{Kind: RecordPage, What: fmt.Sprintf("renamed “%s”", title), Before: c.Old.Path, After: c.New.Path})
	}
	if c.OwnerChanged() {
		entries = append(entries, RecordEntry{Kind: RecordOwner, Before: orNobody(c.Old.Owner), After: c.New.Owner,
			What: fmt.Sprintf("changed the owner of “%s” from %s to %s", title, orNobody(c.Old.Owner), c.New.Owner)})
	}
	marked, unmarked := c.CriticalChanged()
	for _, id := range marked {
		entries = append(entries, RecordEntry{Kind: RecordCritical, What: fmt.Sprintf("marked “%s” critical on “%s”", headings(c.New, []string{id}), title),
			Before: "not critical", After: "critical"})
	}
	for _, id := range unmarked {
		entries = append(entries, RecordEntry{Kind: RecordCritical, What: fmt.Sprintf("unmarked “%s” as critical on “%s”", headings(c.Old, []string{id}), title),
			Before: "critical", After: "not critical"})
	}
	for _, h := range covering {
		for _, e := range entries {
			e.Actor, e.Page = c.Actor, c.New.Path
			if err := record(tx, h, e); err != nil {
				return err
			}
			if err := notifyHandover(tx, h, c.Actor, fmt.Sprintf("%s (handover “%s”)", e.What, h.Title)); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordQuestion records that u did what ("added", "retired") to q on p.
func recordQuestion(tx *wiki.Tx, p *wiki.Page, u *wiki.User, q *Question, what string) error {
	label := questionLabel(q)
	critical := ""
	if q.Critical {
		critical = "critical "
	}
	return recordCovering(tx, p.Path, RecordEntry{Actor: u.Name, Kind: RecordQuestion, Page: p.Path,
		What: fmt.Sprintf("%s the %squestion “%s” on “%s”", what, critical, label, p.Title)})
}

// recordAnswer records e, about a's taker, for the handovers covering a's
// page.
func recordAnswer(tx *wiki.Tx, a *Attempt, e RecordEntry) error {
	p, err := tx.PageByID(a.PageID)
	if err != nil {
		return nil // the page is gone: no handover covers it
	}
	e.Person, e.Private, e.Page = a.User, true, p.Path
	return recordCovering(tx, p.Path, e)
}

// attemptOutcome says how an attempt went, for the record.
func attemptOutcome(a *Attempt) string {
	switch {
	case a.Pending():
		return fmt.Sprintf("%.0f%%, a teach-back waiting for its grade", a.Score)
	case a.Passed:
		return fmt.Sprintf("passed, %.0f%%", a.Score)
	}
	return fmt.Sprintf("not passed, %.0f%%", a.Score)
}

// questionLabel is how the record names a question: its name, or the
// start of its text.
func questionLabel(q *Question) string {
	if q.Name != "" {
		return q.Name
	}
	return clip(q.Text, 80)
}
