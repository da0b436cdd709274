package quiz

import (
	"fmt"
	"time"

	"github.com/handover/handover/wiki"
)

// Reminders reach incoming owners through the wiki's notifications: a line
// in their inbox (the header's count) and an e-mail when SMTP is
// configured. cmd runs SendReminders every hour.
//
// Each reminder is sent once. A log in the snapshots bucket remembers what
// was sent, under keys (handover, day 0, user, question), which no snapshot
// uses: a re-check reminder names the answer it is about, so answering
// again and letting that answer age brings a new reminder; the due-date
// reminder uses question 0.

// reminderKind is the notification kind of reminders. Nobody watches it,
// so a reminder goes only to the person named in the event.
const reminderKind = "reminder"

// reminderLog is what was reminded of.
type reminderLog struct {
	V        int       `json:"v"`
	Sent     time.Time `json:"sent"`
	Answered time.Time `json:"answered,omitzero"`
}

// reminder is one notification to queue.
type reminder struct {
	h        *Handover
	userID   uint64
	question uint64
	answered time.Time
	action   string
	text     string
	url      string
}

// SendReminders queues the reminders due at now, for every incoming owner
// of every open handover, and returns how many it queued.
func (s *Store) SendReminders(now time.Time) (int, error) {
	hos, err := s.openHandovers()
	if err != nil {
		return 0, err
	}
	var due []reminder
	for _, h := range hos {
		people, err := s.Readiness(h, now)
		if err != nil {
			return 0, err
		}
		for _, p := range people {
			rs, err := s.remindersFor(h, p)
			if err != nil {
				return 0, err
			}
			due = append(due, rs...)
		}
	}
	return s.queueReminders(due, now)
}

func (s *Store) openHandovers() ([]*Handover, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]*Handover, error) { return openHandoversTx(tx) })
}

// remindersFor lists what p may need reminding of: each critical answer
// whose re-check is due, and a due date a week away or less while not
// ready.
func (s *Store) remindersFor(h *Handover, p PersonReadiness) ([]reminder, error) {
	u, err := s.w.UserByName(p.User)
	if err != nil {
		return nil, err
	}
	// The answer's day is told in the recipient's zone (UTC when unset);
	// the due dates are calendar dates, the same everywhere.
	zone, _ := u.Zone()
	res := p.Result
	progress := fmt.Sprintf("/handovers/%d/progress", h.ID)
	var out []reminder
	answered := map[uint64]time.Time{}
	for _, it := range res.Items {
		answered[it.QuestionID] = it.Answered
	}
	for _, r := range p.Rechecks {
		if !r.OpenAt(res.At) {
			continue
		}
		at := answered[r.QuestionID]
		out = append(out, reminder{h: h, userID: u.ID, question: r.QuestionID, answered: at, action: "recheck", url: progress,
			text: fmt.Sprintf("Re-check due by %s: “%s” (%s) was answered on %s; take the quiz again to stay ready",
				r.Due().Format("2 Jan"), r.Label, r.PageTitle, zone.Day(at))})
	}
	left := h.EndOfDue().Sub(res.At)
	if !res.Ready && left > 0 && left <= reminderWindow {
		out = append(out, reminder{h: h, userID: u.ID, action: "due-soon", url: progress,
			text: fmt.Sprintf("“%s” is due on %s and you are not ready yet (score %d)", h.Title, h.Due.Format("2 Jan"), res.Score)})
	}
	return out, nil
}

// queueReminders queues the reminders not sent before, and logs them, in
// one transaction.
func (s *Store) queueReminders(rs []reminder, now time.Time) (int, error) {
	n := 0
	err := s.w.Update(func(tx *wiki.Tx) error {
		for _, r := range rs {
			k := key(r.h.ID, 0, r.userID, r.question)
			if old, err := getJSON[reminderLog](tx, bucketSnapshots, k); err == nil && old.Answered.Equal(r.answered) {
				continue
			}
			ev := wiki.Event{Kind: reminderKind, ID: r.h.ID, Action: r.action, Text: r.text, URL: r.url, Users: []uint64{r.userID}}
			if err := tx.Notify(ev); err != nil {
				return err
			}
			if err := tx.PutJSON(bucketSnapshots, k, reminderLog{V: 1, Sent: now, Answered: r.answered}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
