package web

import (
	"net/http"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxQuestionForm bounds the question editor's body: the text and
// explanation (10,000 characters each) and the answer rows.
const maxQuestionForm = 256 << 10

// questionPage is the data of quiz_question.html, the editor of one
// question of any type.
type questionPage struct {
	wikiweb.Base
	Page      *wiki.Page
	New       bool
	ID        uint64
	Version   int
	Stale     bool
	Form      *questionForm
	TypeLabel string
	Sections  []sectionOption
	Types     []typeOption
	Action    string
	Error     string
}

func (h *handlers) renderQuestion(w http.ResponseWriter, r *http.Request, status int, data *questionPage) error {
	data.Base = wikiweb.Base{Title: "Question: " + data.Page.Title, Nav: "wiki"}
	data.Sections = sectionOptions(data.Page, data.Form.Section)
	data.Types = typeOptions(data.Page, data.Form.Section, data.Form.Type)
	data.TypeLabel = (&quiz.Question{Type: data.Form.Type}).TypeLabel()
	return h.Views.Render(w, r, status, "quiz_question.html", data)
}

func (h *handlers) newQuestion(w http.ResponseWriter, r *http.Request) error {
	p, _, err := h.editablePage(r)
	if err != nil {
		return err
	}
	f := &questionForm{Type: quiz.Type(r.URL.Query().Get("type")), Section: r.URL.Query().Get("section"), Truth: true}
	if !quiz.KnownType(f.Type) {
		f.Type = quiz.SingleChoice
	}
	if _, ok := p.Section(f.Section); !ok {
		f.Section = ""
	}
	f.Critical = p.IsCritical(f.Section)
	f.pad(0)
	return h.renderQuestion(w, r, http.StatusOK, &questionPage{Page: p, New: true, Form: f, Action: "/quiz/new/" + p.Path})
}

func (h *handlers) createQuestion(w http.ResponseWriter, r *http.Request) error {
	p, _, err := h.editablePage(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxQuestionForm); err != nil {
		return err
	}
	data := &questionPage{Page: p, New: true, Form: parseQuestionForm(r), Action: "/quiz/new/" + p.Path}
	if r.PostForm.Get("action") == "more" {
		data.Form.pad(3)
		return h.renderQuestion(w, r, http.StatusOK, data)
	}
	q, err := data.Form.question()
	if err == nil {
		err = h.Store.AddQuestion(p, user(r), q)
	}
	if err != nil {
		return h.questionError(w, r, data, err)
	}
	h.Views.Flash(w, r, "Question added: "+q.Label())
	next := quiz.EditURL(p.Path) + "#questions"
	if r.PostForm.Get("action") == "another" {
		next = quiz.NewQuestionURL(p.Path, q.Section) + "&type=" + string(q.Type)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// questionError shows the form again with the author's input and what is
// wrong, for validation errors; other errors go to the adapter.
func (h *handlers) questionError(w http.ResponseWriter, r *http.Request, data *questionPage, err error) error {
	if k := wikiweb.ErrorKind(err); k != wiki.Invalid {
		return err
	}
	data.Error = wikiweb.ErrorMessage(err)
	data.Form.pad(0)
	return h.renderQuestion(w, r, http.StatusBadRequest, data)
}

func (h *handlers) editQuestion(w http.ResponseWriter, r *http.Request) error {
	q, p, err := h.questionOfRequest(r)
	if err != nil {
		return err
	}
	return h.renderQuestion(w, r, http.StatusOK, &questionPage{Page: p, ID: q.ID, Version: q.Version,
		Stale: q.Stale(p), Form: formFromQuestion(q), Action: quiz.QuestionURL(q.ID)})
}

func (h *handlers) saveQuestion(w http.ResponseWriter, r *http.Request) error {
	old, p, err := h.questionOfRequest(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxQuestionForm); err != nil {
		return err
	}
	data := &questionPage{Page: p, ID: old.ID, Version: old.Version, Stale: old.Stale(p),
		Form: parseQuestionForm(r), Action: quiz.QuestionURL(old.ID)}
	data.Form.Type = old.Type // the type is fixed once written
	if r.PostForm.Get("action") == "more" {
		data.Form.pad(3)
		return h.renderQuestion(w, r, http.StatusOK, data)
	}
	q, err := data.Form.question()
	if err != nil {
		return h.questionError(w, r, data, err)
	}
	q.ID, q.GIFTID, q.Category, q.Tags = old.ID, old.GIFTID, old.Category, old.Tags
	msg, err := h.applyEdit(p, user(r), old, q)
	if err != nil {
		return h.questionError(w, r, data, err)
	}
	h.Views.Flash(w, r, msg)
	http.Redirect(w, r, quiz.EditURL(p.Path)+"#questions", http.StatusSeeOther)
	return nil
}

// applyEdit saves an edited question and says what became of it.
func (h *handlers) applyEdit(p *wiki.Page, u *wiki.User, old, q *quiz.Question) (string, error) {
	done, err := h.Store.EditQuestion(p, u, old, q)
	switch {
	case err != nil:
		return "", err
	case done == quiz.EditSaved:
		return "Question saved as version " + strconv.Itoa(old.Version+1) + ": earlier answers to it no longer count.", nil
	case done == quiz.EditConfirmed:
		return "Nothing in the question changed, so it is confirmed against the section's new text.", nil
	}
	return "No changes to save.", nil
}
