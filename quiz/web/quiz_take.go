package web

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// overviewPage is the data of quiz_overview.html: what the quiz asks, the
// person's attempts, and whether they may start (or resume) now.
type overviewPage struct {
	wikiweb.Base
	Page      *wiki.Page
	Quiz      *quiz.Quiz
	Questions int
	Critical  int
	Open      *quiz.Attempt
	Expired   bool
	CanStart  bool
	Blocked   string
	RetryAt   time.Time
	Left      int
	History   []historyRow
	CanEdit   bool
	CanSeeAll bool
}

// historyRow is one finished attempt in a list.
type historyRow struct {
	ID        uint64
	User      string
	Started   time.Time
	Submitted time.Time
	Result    string
	Tone      string
	Late      bool
}

func historyOf(as []*quiz.Attempt) []historyRow {
	out := make([]historyRow, 0, len(as))
	for _, a := range as {
		tone := "alert"
		switch {
		case a.Open():
			tone = "info"
		case a.Pending():
			tone = "warn"
		case a.Passed:
			tone = "ok"
		}
		out = append(out, historyRow{ID: a.ID, User: a.User, Started: a.Started, Submitted: a.Submitted,
			Result: resultWord(a), Tone: tone, Late: a.Late})
	}
	return out
}

// takablePage loads the page of {path...} and its quiz, NotFound when it
// has none.
func (h *handlers) takablePage(r *http.Request) (*wiki.Page, *quiz.Quiz, error) {
	p, err := h.livePage(r)
	if err != nil {
		return nil, nil, err
	}
	qz, err := h.Store.Quiz(p.ID)
	if errors.Is(err, wiki.ErrNotFound) || (err == nil && len(qz.Order) == 0) {
		return nil, nil, wiki.Errorf(wiki.NotFound, "the page %q has no knowledge check yet", p.Path)
	}
	return p, qz, err
}

func (h *handlers) takeOverview(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.takablePage(r)
	if err != nil {
		return err
	}
	st, err := h.Store.TakeState(p, user(r))
	if err != nil {
		return err
	}
	data := &overviewPage{Base: wikiweb.Base{Title: "Knowledge check: " + p.Title, Nav: "wiki"}, Page: p, Quiz: qz,
		Open: st.Open, RetryAt: st.RetryAt, Left: st.Left, History: historyOf(st.Submitted)}
	if data.CanEdit, err = h.Store.CanEditQuiz(p, qz, user(r)); err != nil {
		return err
	}
	if data.CanSeeAll, err = h.Store.CanSeeAllAttempts(user(r), qz, p); err != nil {
		return err
	}
	qs, err := h.Store.Questions(p.ID)
	if err != nil {
		return err
	}
	for _, q := range qs {
		data.Questions++
		if q.Critical {
			data.Critical++
		}
	}
	data.Expired = st.Open != nil && st.Open.Expired(h.Store.Now())
	data.CanStart, data.Blocked = canStart(st, data.Expired)
	return h.Views.Render(w, r, http.StatusOK, "quiz_overview.html", data)
}

// canStart says whether a new attempt may begin, and why not.
func canStart(st *quiz.TakeState, expired bool) (bool, string) {
	switch {
	case st.Open != nil && !expired:
		return false, ""
	case st.Left == 0:
		return false, fmt.Sprintf("You have %s at this quiz. Ask its author, %s, if you need another.", quiz.UsedAll(st.Quiz.MaxAttempts), st.Quiz.Author)
	case !st.RetryAt.IsZero():
		return false, "Re-read the sections behind the questions you missed first."
	}
	return true, ""
}

func (h *handlers) startQuiz(w http.ResponseWriter, r *http.Request) error {
	p, _, err := h.takablePage(r)
	if err != nil {
		return err
	}
	a, err := h.Store.StartAttempt(p, user(r))
	if k := wikiweb.ErrorKind(err); k == wiki.TooMany || k == wiki.Forbidden {
		msg := wikiweb.ErrorMessage(err)
		if cd := (*quiz.Cooldown)(nil); errors.As(err, &cd) {
			msg = cd.Message(wikiweb.ReaderZone(r))
		}
		h.Views.Flash(w, r, msg)
		http.Redirect(w, r, quiz.TakeURL(p.Path), http.StatusSeeOther)
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, quiz.AttemptURL(a.ID), http.StatusSeeOther)
	return nil
}

// takePage is the data of quiz_take.html: the form of an open attempt, or
// the author's preview of it.
type takePage struct {
	wikiweb.Base
	Page      *wiki.Page
	AttemptID uint64
	Deadline  time.Time
	// Remaining is the whole seconds left until Deadline when the page is
	// rendered: the countdown runs from it, not from the browser's clock,
	// which may be wrong.
	Remaining     int
	Expired       bool
	AskConfidence bool
	Items         []takeItem
	Preview       bool
}

func (h *handlers) previewQuiz(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.editablePage(r)
	if err != nil {
		return err
	}
	if qz == nil {
		return wiki.Errorf(wiki.NotFound, "the page %q has no knowledge check yet", p.Path)
	}
	qs, err := h.Store.Questions(p.ID)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), p.ID))
	a := &quiz.Attempt{}
	byID := map[uint64]*quiz.Question{}
	for _, q := range qs {
		a.Items = append(a.Items, quiz.NewItem(q, qz.Shuffle, rng))
		byID[q.ID] = q
	}
	data := &takePage{Base: wikiweb.Base{Title: "Preview: " + p.Title, Nav: "wiki"}, Page: p, Preview: true,
		AskConfidence: qz.AskConfidence, Items: takeItems(p, a, byID)}
	if qz.TimeLimitMinutes > 0 {
		now := h.Store.Now()
		data.setDeadline(now.Add(time.Duration(qz.TimeLimitMinutes)*time.Minute), now)
	}
	return h.Views.Render(w, r, http.StatusOK, "quiz_take.html", data)
}

// setDeadline sets the deadline and the seconds left until it at now.
func (d *takePage) setDeadline(deadline, now time.Time) {
	d.Deadline = deadline
	d.Remaining = max(int(deadline.Sub(now)/time.Second), 0)
}
