package web

import (
	"net/http"
	"sort"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// minePage is the data of quiz_mine.html: the author's quizzes, the
// questions that need review, takers' flags and essays to grade.
type minePage struct {
	wikiweb.Base
	Quizzes []mineQuiz
	Stale   []staleRow
	Flags   []flagRow
	Pending int
}

type mineQuiz struct {
	Page                       *wiki.Page
	Questions, Critical, Stale int
}

type staleRow struct {
	Page           *wiki.Page
	Question       *quiz.Question
	SectionHeading string
	SectionURL     string
}

type flagRow struct {
	*quiz.Flag
	Page     *wiki.Page
	Question string
	URL      string
}

func (h *handlers) myQuizzes(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	data := &minePage{Base: wikiweb.Base{Title: "My knowledge checks", Nav: "quiz"}}
	quizzes, err := h.Store.QuizzesBy(u)
	if err != nil {
		return err
	}
	pages := pageCache{h: h, pages: map[uint64]*wiki.Page{}}
	for _, qz := range quizzes {
		if p := pages.get(qz.PageID); p != nil {
			if err := h.addMine(data, p); err != nil {
				return err
			}
		}
	}
	sort.Slice(data.Quizzes, func(i, j int) bool { return data.Quizzes[i].Page.Path < data.Quizzes[j].Page.Path })
	if err := h.addFlags(data, quizzes, pages); err != nil {
		return err
	}
	pending, err := h.Store.PendingEssays(u)
	data.Pending = len(pending)
	if err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "quiz_mine.html", data)
}

func (h *handlers) addMine(data *minePage, p *wiki.Page) error {
	qs, err := h.Store.Questions(p.ID)
	if err != nil {
		return err
	}
	mq := mineQuiz{Page: p, Questions: len(qs)}
	for _, q := range qs {
		if q.Critical {
			mq.Critical++
		}
		if q.Stale(p) {
			mq.Stale++
			data.Stale = append(data.Stale, staleRow{Page: p, Question: q,
				SectionHeading: sectionHeading(p, q.Section), SectionURL: quiz.SectionURL(p, q.Section)})
		}
	}
	data.Quizzes = append(data.Quizzes, mq)
	return nil
}

func (h *handlers) addFlags(data *minePage, quizzes []*quiz.Quiz, pages pageCache) error {
	mine := map[uint64]bool{}
	for _, qz := range quizzes {
		mine[qz.PageID] = true
	}
	flags, err := h.Store.Flags(func(f *quiz.Flag) bool { return f.Open() && mine[f.PageID] })
	if err != nil {
		return err
	}
	for _, f := range flags {
		p := pages.get(f.PageID)
		if p == nil {
			continue
		}
		label := "(deleted question)"
		if q, err := h.Store.Question(f.QuestionID); err == nil {
			label = q.Label()
		}
		data.Flags = append(data.Flags, flagRow{Flag: f, Page: p, Question: label, URL: quiz.QuestionURL(f.QuestionID)})
	}
	return nil
}

func (h *handlers) flagQuestion(w http.ResponseWriter, r *http.Request) error {
	a, qid, err := h.attemptQuestionForm(w, r)
	if err != nil {
		return err
	}
	if _, err := h.Store.AddFlag(a.ID, qid, user(r), quiz.FlagKind(r.PostForm.Get("kind")), r.PostForm.Get("comment")); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Thank you: the quiz's author will see your note and can correct the question.")
	http.Redirect(w, r, quiz.AttemptURL(a.ID), http.StatusSeeOther)
	return nil
}

func (h *handlers) resolveFlag(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, 16<<10); err != nil {
		return err
	}
	if _, err := h.Store.ResolveFlag(id, user(r)); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Flag resolved.")
	http.Redirect(w, r, nextURL(r, "/quiz/mine"), http.StatusSeeOther)
	return nil
}
