package quiz

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/handover/handover/wiki"
)

// Todo is one thing an incoming owner still has to do, with where to do
// it.
type Todo struct {
	Kind     string // see todoOrder
	Rank     int
	Text     string
	Handover string
	URL      string // the section or page
	QuizURL  string // where to answer, when it is a question
	// Recheck is set when the action is a re-check of the page's quiz.
	Recheck    bool
	QuestionID uint64 // the question it is about, if any
	Path       string
	Date       time.Time // when a re-check is due
	Tone       string
	// At is the moment Text names, told in UTC ("the quiz can be taken
	// again after 2 Jan 14:10 UTC"); zero when it names none. See In.
	At time.Time
}

// In returns t with its moment, if any, told in z: the reader's zone.
func (t Todo) In(z wiki.Zone) Todo {
	t.Text = z.Retell(t.Text, t.At)
	return t
}

// todoOrder ranks what is left by importance: what fails the gate first,
// then what keeps knowledge from counting, then reading, then waiting.
// An expired critical item (R < 0.5) fails the gate like a wrong answer, so
// it ranks with failed ones; an open re-check (PlanRechecks) comes last,
// with the date it is due by.
var todoOrder = map[string]int{
	"failed_critical": 0, "expired": 1, "stale": 2, "not_tried": 3, "reack": 4,
	"missing_ack": 5, "essay_pending": 6, "other": 7, "recheck": 8,
}

var todoTone = map[string]string{
	"failed_critical": "alert", "expired": "alert", "stale": "warn", "not_tried": "warn", "reack": "warn",
	"missing_ack": "info", "essay_pending": "info", "other": "info", "recheck": "warn",
}

// Progress is what is left for one incoming owner in one handover.
type Progress struct {
	PersonReadiness
	Handover *Handover
	Todos    []Todo
	// Upcoming are the re-checks still to open, soonest first.
	Upcoming []Recheck
}

// ProgressOf returns u's progress in every open handover u takes over.
func (s *Store) ProgressOf(u *wiki.User, now time.Time) ([]Progress, error) {
	hos, err := s.Handovers(u)
	if err != nil {
		return nil, err
	}
	var out []Progress
	for _, ho := range hos {
		if ho.Closed || !ho.IsIncoming(u.Name) {
			continue
		}
		pr, err := s.PersonReadiness(ho, u.Name, now)
		if err != nil {
			return nil, err
		}
		out = append(out, NewProgress(ho, pr))
	}
	return out, nil
}

func NewProgress(ho *Handover, pr PersonReadiness) Progress {
	p := Progress{PersonReadiness: pr, Handover: ho}
	for _, it := range pr.Result.Items {
		if t, ok := itemTodo(it); ok {
			p.Todos = append(p.Todos, t)
		}
	}
	for _, pg := range pr.Result.Pages {
		if t, ok := pageTodo(pg); ok {
			p.Todos = append(p.Todos, t)
		}
	}
	now := pr.Result.At
	for _, r := range pr.Rechecks {
		switch {
		case !r.OpenAt(now):
			p.Upcoming = append(p.Upcoming, r)
		case !slices.ContainsFunc(p.Todos, func(t Todo) bool { return t.QuestionID == r.QuestionID }):
			p.Todos = append(p.Todos, recheckTodo(r))
		}
	}
	retry := map[string]time.Time{}
	for _, pg := range pr.Result.Pages {
		retry[pg.Path] = pg.RetryAt
	}
	for i := range p.Todos {
		if at := retry[p.Todos[i].Path]; p.Todos[i].QuizURL != "" && at.After(pr.Result.At) {
			p.Todos[i].Text += fmt.Sprintf(" (the quiz can be taken again after %s)", wiki.UTC.DayTime(at))
			p.Todos[i].At = at
		}
		p.Todos[i].Handover, p.Todos[i].Rank, p.Todos[i].Tone = ho.Title, todoOrder[p.Todos[i].Kind], todoTone[p.Todos[i].Kind]
	}
	sort.SliceStable(p.Todos, func(i, j int) bool { return p.Todos[i].Rank < p.Todos[j].Rank })
	return p
}

// recheckTodo is an open re-check, as a thing to do.
func recheckTodo(r Recheck) Todo {
	text := fmt.Sprintf("“%s” (%s): re-check %s", r.Label, r.PageTitle, r.dueWords())
	if !r.By.IsZero() {
		text += " to stay ready"
	}
	return Todo{Kind: "recheck", Text: text, URL: r.URL(), QuizURL: "/quiz/take/" + r.PagePath, Recheck: true,
		QuestionID: r.QuestionID, Path: r.PagePath, Date: r.Due()}
}

// itemTodo says what to do about a question, if anything.
func itemTodo(it ItemResult) (Todo, bool) {
	t := Todo{URL: SectionLink(it.PagePath, it.Section), QuizURL: "/quiz/take/" + it.PagePath, Path: it.PagePath, QuestionID: it.QuestionID}
	name := fmt.Sprintf("“%s” (%s)", it.Label, it.PageTitle)
	switch {
	case it.State == "stale":
		t.Kind, t.Text = "stale", name+": the section or the question changed since you answered; read it again and answer again"
	case it.State == "pending":
		t.Kind, t.Text, t.QuizURL = "essay_pending", name+": your teach-back answer waits for the outgoing owner's grade", ""
	case it.Critical && (it.State == "wrong" || it.State == "partial"):
		t.Kind, t.Text = "failed_critical", name+": critical question answered wrongly; read the section and try again"
	case it.Critical && it.State == "not_tried":
		t.Kind, t.Text = "not_tried", name+": critical question not answered yet"
	case it.Critical && it.State == "expiring" && it.Recency < GateRecency:
		t.Kind, t.Text, t.Recheck, t.Date = "expired", name+fmt.Sprintf(": answered too long ago (R = %.2f); re-check now", it.Recency), true, it.RecheckDate
	case !it.Critical && it.State != "correct":
		t.Kind, t.Text = "other", name+": not answered correctly yet"
	default:
		return t, false
	}
	return t, true
}

func pageTodo(p PageInput) (Todo, bool) {
	t := Todo{URL: wiki.PageURL(p.Path), Path: p.Path}
	switch {
	case p.Outdated:
		t.Kind, t.Text = "reack", fmt.Sprintf("“%s” changed significantly: read it again and acknowledge", p.Title)
	case !p.Acked:
		t.Kind, t.Text = "missing_ack", fmt.Sprintf("Read and acknowledge “%s”", p.Title)
	default:
		return t, false
	}
	return t, true
}

// itemDeadline is when a critical item falls below 0.6 (re-check) and below
// the gate of 0.5, unless it is answered again.
type ItemDeadline struct {
	Label, URL    string
	Recheck, Gate time.Time
	Past          bool
}

func ItemDeadlines(res Result) []ItemDeadline {
	var out []ItemDeadline
	for _, it := range res.Items {
		if it.GateDate.IsZero() {
			continue
		}
		out = append(out, ItemDeadline{Label: it.Label, URL: SectionLink(it.PagePath, it.Section),
			Recheck: it.RecheckDate, Gate: it.GateDate, Past: !it.GateDate.After(res.At)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Gate.Before(out[j].Gate) })
	return out
}
