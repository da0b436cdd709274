package quiz

import (
	"fmt"
	"sort"
	"time"

	"github.com/handover/handover/wiki"
)

// Re-checks: when a critical question's recency falls below 0.6, its
// incoming owner is offered a re-check: the page's quiz again, drawing its
// questions anew. A re-check is not counted against the quiz's attempt
// limit (the limit stops guessing while learning; spaced re-checks after
// the handover must stay possible however many attempts were used), but
// the cooldown after a failed attempt still applies, and it is offered only
// while a re-check is due on that page.

// RecheckDue reports whether u has a critical question on page p whose
// recency is below 0.6 in some open handover u takes over.
func (s *Store) RecheckDue(p *wiki.Page, u *wiki.User, now time.Time) (bool, error) {
	progress, err := s.ProgressOf(u, now)
	if err != nil {
		return false, err
	}
	for _, pr := range progress {
		for _, t := range pr.Todos {
			if t.Recheck && t.Path == p.Path {
				return true, nil
			}
		}
	}
	return false, nil
}

// StartRecheck returns u's open attempt at p's quiz or starts a re-check
// attempt, ignoring the attempt limit. It is Forbidden when no re-check is
// due on the page.
func (s *Store) StartRecheck(p *wiki.Page, u *wiki.User) (*Attempt, error) {
	due, err := s.RecheckDue(p, u, s.Now())
	if err != nil {
		return nil, err
	}
	if !due {
		return nil, wiki.Errorf(wiki.Forbidden, "no re-check is due on “%s”: your answers there are recent enough", p.Title)
	}
	return s.start(p, u, true)
}

// Reminder is a message for an incoming owner: a re-check that is due, or
// a due date close while they are not ready.
type Reminder struct {
	Text, URL string
	Date      time.Time
	Tone      string
}

// reminderWindow is how long before the due date a person who is not
// ready is reminded.
const reminderWindow = 7 * 24 * time.Hour

// Reminders lists what u should be reminded of at now, soonest first.
func Reminders(progress []Progress, now time.Time) []Reminder {
	var out []Reminder
	for _, p := range progress {
		for _, t := range p.Todos {
			if t.Recheck {
				out = append(out, Reminder{Text: "Re-check due: " + t.Text, URL: t.URL, Date: t.Date, Tone: t.Tone})
			}
		}
		left := p.Handover.EndOfDue().Sub(now)
		if !p.Result.Ready && left > 0 && left <= reminderWindow {
			out = append(out, Reminder{Tone: "alert", Date: p.Handover.Due, URL: "/handovers/" + fmt.Sprint(p.Handover.ID) + "/progress",
				Text: fmt.Sprintf("“%s” is due on %s and you are not ready yet (score %d)", p.Handover.Title, p.Handover.Due.Format("2 Jan"), p.Result.Score)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
