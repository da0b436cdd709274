package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// resultPage is the data of quiz_result.html: a submitted attempt with its
// grading, or an attempt in progress seen by someone else.
type resultPage struct {
	wikiweb.Base
	Page       *wiki.Page
	ID         uint64
	Taker      string
	Own        bool
	InProgress bool
	Started    time.Time
	Submitted  time.Time
	Score      string
	Passed     bool
	Pending    bool
	Late       bool
	PassMark   int
	Items      []resultItem
	CanGrade   bool
	// For the taker: whether and when to try again, and their history.
	CanRetry  bool
	RetryAt   time.Time
	Blocked   string
	History   []historyRow
	FlagKinds []struct {
		Kind  quiz.FlagKind
		Label string
	}
}

// resultItem is one graded question of an attempt.
type resultItem struct {
	N              int
	QuestionID     uint64
	Name           string
	Text           template.HTML
	Critical       bool
	Essay          bool
	Answer         []string
	Status         string // correct, partial, wrong, pending, unanswered
	StatusLabel    string
	Credit         string // "50%"
	CreditNum      string // "50"
	Feedback       []string
	Explanation    template.HTML
	Comment        string
	GradedBy       string
	SectionURL     string
	SectionHeading string
	Missing        bool
	Changed        bool
	Flagged        bool
}

func (h *handlers) resultData(r *http.Request, p *wiki.Page, a *quiz.Attempt, qs map[uint64]*quiz.Question) (*resultPage, error) {
	u := user(r)
	qz, err := h.Store.Quiz(p.ID)
	if err != nil {
		return nil, err
	}
	data := &resultPage{Base: wikiweb.Base{Title: "Result: " + p.Title, Nav: "wiki"}, Page: p, ID: a.ID, Taker: a.User,
		Own: a.UserID == u.ID, InProgress: a.Open(), Started: a.Started, Submitted: a.Submitted,
		Score: fmt.Sprintf("%.0f%%", a.Score), Passed: a.Passed, Pending: a.Pending(), Late: a.Late,
		PassMark: qz.PassMark, FlagKinds: quiz.FlagKinds}
	if data.CanGrade, err = h.Store.CanGrade(a, qz, u); err != nil {
		return nil, err
	}
	if data.InProgress {
		return data, nil
	}
	flagged, err := h.flaggedQuestions(a)
	if err != nil {
		return nil, err
	}
	for i, it := range a.Items {
		ri := resultItemOf(p, a, i, qs[it.QuestionID], flagged)
		if cur, err := h.Store.Question(it.QuestionID); err == nil && cur.Version != it.Version {
			ri.Changed = true
		}
		data.Items = append(data.Items, ri)
	}
	if data.Own {
		err = h.fillRetry(data, p, u)
	}
	return data, err
}

func (h *handlers) flaggedQuestions(a *quiz.Attempt) (map[uint64]bool, error) {
	fs, err := h.Store.Flags(func(f *quiz.Flag) bool { return f.AttemptID == a.ID })
	out := map[uint64]bool{}
	for _, f := range fs {
		out[f.QuestionID] = true
	}
	return out, err
}

func (h *handlers) fillRetry(data *resultPage, p *wiki.Page, u *wiki.User) error {
	st, err := h.Store.TakeState(p, u)
	if err != nil {
		return err
	}
	data.History = historyOf(st.Submitted)
	if st.Open == nil {
		data.CanRetry, data.Blocked = canStart(st, false)
		data.RetryAt = st.RetryAt
	}
	return nil
}

func resultItemOf(p *wiki.Page, a *quiz.Attempt, i int, q *quiz.Question, flagged map[uint64]bool) resultItem {
	it, o := &a.Items[i], a.Outcomes[i]
	ri := resultItem{N: i + 1, QuestionID: it.QuestionID, Comment: o.Comment, GradedBy: o.GradedBy,
		Feedback: o.Feedback, Credit: fmt.Sprintf("%.0f%%", 100*o.Credit), CreditNum: fmt.Sprintf("%.0f", 100*o.Credit), Flagged: flagged[it.QuestionID]}
	if q == nil {
		ri.Missing, ri.Status, ri.StatusLabel = true, "missing", "Question removed"
		return ri
	}
	ri.Name, ri.Text, ri.Critical, ri.Essay = q.Name, renderText(q.Text), q.Critical, q.Type == quiz.Essay
	if q.Explanation != "" {
		ri.Explanation = renderText(q.Explanation)
	}
	ri.SectionURL, ri.SectionHeading = quiz.SectionURL(p, q.Section), sectionHeading(p, q.Section)
	var resp quiz.Response
	if i < len(a.Responses) {
		resp = a.Responses[i]
	}
	ri.Answer = answerLines(q, it, resp)
	ri.Status, ri.StatusLabel = outcomeStatus(o, resp)
	if a.Late && ri.Status != "unanswered" {
		ri.Status, ri.StatusLabel = "late", "After the time limit: no credit"
	}
	return ri
}

func outcomeStatus(o quiz.Outcome, r quiz.Response) (string, string) {
	switch {
	case o.Pending:
		return "pending", "Waiting for the author's grade"
	case r.Empty() && o.GradedBy == "":
		return "unanswered", "Not answered"
	case o.Correct():
		return "correct", "Correct"
	case o.Credit > 0:
		return "partial", "Partly correct"
	}
	return "wrong", "Wrong"
}
