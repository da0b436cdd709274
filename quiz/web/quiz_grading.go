package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxGradeComment bounds the author's comment on a teach-back answer.
const maxGradeComment = 5000

// gradingPage is the data of quiz_grading.html: teach-back answers waiting
// for the author's grade.
type gradingPage struct {
	wikiweb.Base
	Rows []gradingRow
}

type gradingRow struct {
	Page      *wiki.Page
	Question  string
	Taker     string
	Submitted time.Time
	URL       string
}

func (h *handlers) gradingList(w http.ResponseWriter, r *http.Request) error {
	pending, err := h.Store.PendingEssays(user(r))
	if err != nil {
		return err
	}
	data := &gradingPage{Base: wikiweb.Base{Title: "Teach-back answers to grade", Nav: "quiz"}}
	pages := pageCache{h: h, pages: map[uint64]*wiki.Page{}}
	for _, pe := range pending {
		a, it := pe.Attempt, pe.Attempt.Items[pe.Index]
		p := pages.get(a.PageID)
		q, err := h.Store.Question(it.QuestionID)
		if p == nil || err != nil {
			continue
		}
		data.Rows = append(data.Rows, gradingRow{Page: p, Question: q.Label(), Taker: a.User,
			Submitted: a.Submitted, URL: quiz.AttemptURL(a.ID) + "#item-" + strconv.Itoa(pe.Index+1)})
	}
	return h.Views.Render(w, r, http.StatusOK, "quiz_grading.html", data)
}

// pageCache loads live pages by ID once per request.
type pageCache struct {
	h     *handlers
	pages map[uint64]*wiki.Page
}

func (c pageCache) get(id uint64) *wiki.Page {
	if p, ok := c.pages[id]; ok {
		return p
	}
	p, err := c.h.Wiki.PageByID(id)
	if err != nil || p.Deleted {
		p = nil
	}
	c.pages[id] = p
	return p
}

func (h *handlers) gradeEssay(w http.ResponseWriter, r *http.Request) error {
	a, qid, err := h.attemptQuestionForm(w, r)
	if err != nil {
		return err
	}
	credit, ok := quiz.ParseNumber(strings.TrimSuffix(strings.TrimSpace(r.PostForm.Get("credit")), "%"))
	comment := strings.TrimSpace(r.PostForm.Get("comment"))
	switch {
	case !ok || credit < 0 || credit > 100:
		return wiki.Errorf(wiki.Invalid, "the grade is a percentage from 0 to 100")
	case utf8.RuneCountInString(comment) > maxGradeComment:
		return wiki.Errorf(wiki.Invalid, "the comment is limited to %d characters", maxGradeComment)
	}
	if _, err := h.Store.GradeEssay(a.ID, qid, user(r), credit/100, comment); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Grade saved for "+a.User+".")
	http.Redirect(w, r, nextURL(r, quiz.AttemptURL(a.ID)), http.StatusSeeOther)
	return nil
}

// attemptsPage is the data of quiz_attempts.html: everyone's attempts at
// one quiz, for its author, admins and the handover's manager.
type attemptsPage struct {
	wikiweb.Base
	Page *wiki.Page
	Rows []historyRow
}

func (h *handlers) quizAttempts(w http.ResponseWriter, r *http.Request) error {
	p, err := h.livePage(r)
	if err != nil {
		return err
	}
	qz, err := h.Store.Quiz(p.ID)
	if errors.Is(err, wiki.ErrNotFound) {
		return wiki.Errorf(wiki.NotFound, "the page %q has no knowledge check yet", p.Path)
	} else if err != nil {
		return err
	}
	seen, err := h.Store.AttemptsSeen(user(r), qz, p)
	if err != nil {
		return err
	} else if seen == nil {
		return wiki.Errorf(wiki.Forbidden, "only the quiz's author, the handover's manager and administrators see everyone's attempts")
	}
	as, err := h.Store.QuizAttempts(p.ID)
	if err != nil {
		return err
	}
	as = slices.DeleteFunc(as, func(a *quiz.Attempt) bool { return !seen(a) })
	data := &attemptsPage{Base: wikiweb.Base{Title: "Attempts: " + p.Title, Nav: "quiz"}, Page: p, Rows: historyOf(as)}
	return h.Views.Render(w, r, http.StatusOK, "quiz_attempts.html", data)
}
