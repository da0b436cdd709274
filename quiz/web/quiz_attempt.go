package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// Limits of a submitted attempt.
const (
	maxAttemptForm = 1 << 20
	maxAnswerRunes = 20_000 // an essay
)

// attemptOfRequest loads the attempt of {id} and its page, and checks that
// the user may see it.
func (h *handlers) attemptOfRequest(r *http.Request) (*quiz.Attempt, *wiki.Page, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, nil, err
	}
	a, err := h.Store.Attempt(id)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.Wiki.PageByID(a.PageID)
	if err != nil {
		return nil, nil, err
	}
	ok, err := h.Store.CanSeeAttempt(user(r), a, p)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		// Not Forbidden: whether an attempt exists is itself private.
		return nil, nil, wiki.Errorf(wiki.NotFound, "no such attempt")
	}
	return a, p, nil
}

// attemptQuestionForm reads a small form about one question of the
// attempt of {id} (a flag or a grade): the attempt and the question's ID.
func (h *handlers) attemptQuestionForm(w http.ResponseWriter, r *http.Request) (*quiz.Attempt, uint64, error) {
	a, _, err := h.attemptOfRequest(r)
	if err != nil {
		return nil, 0, err
	}
	if err := wikiweb.ParseForm(w, r, 64<<10); err != nil {
		return nil, 0, err
	}
	qid, _ := strconv.ParseUint(r.PostForm.Get("question"), 10, 64)
	return a, qid, nil
}

// attemptQuestions returns the questions of an attempt by ID, each as the
// version the attempt was made with; deleted ones are absent.
func (h *handlers) attemptQuestions(a *quiz.Attempt) (map[uint64]*quiz.Question, error) {
	out := map[uint64]*quiz.Question{}
	for _, it := range a.Items {
		q, err := h.Store.QuestionAt(it.QuestionID, it.Version)
		if errors.Is(err, wiki.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		out[q.ID] = q
	}
	return out, nil
}

func (h *handlers) showAttempt(w http.ResponseWriter, r *http.Request) error {
	a, p, err := h.attemptOfRequest(r)
	if err != nil {
		return err
	}
	qs, err := h.attemptQuestions(a)
	if err != nil {
		return err
	}
	if a.Open() && a.UserID == user(r).ID {
		return h.renderTake(w, r, p, a, qs)
	}
	data, err := h.resultData(r, p, a, qs)
	if err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "quiz_result.html", data)
}

func (h *handlers) renderTake(w http.ResponseWriter, r *http.Request, p *wiki.Page, a *quiz.Attempt, qs map[uint64]*quiz.Question) error {
	qz, err := h.Store.Quiz(p.ID)
	if err != nil {
		return err
	}
	data := &takePage{Base: wikiweb.Base{Title: "Knowledge check: " + p.Title, Nav: "wiki"}, Page: p,
		AttemptID: a.ID, AskConfidence: qz.AskConfidence, Items: takeItems(p, a, qs)}
	now := h.Store.Now()
	if !a.Deadline.IsZero() {
		data.setDeadline(a.Deadline, now)
	}
	data.Expired = a.Expired(now)
	return h.Views.Render(w, r, http.StatusOK, "quiz_take.html", data)
}

func (h *handlers) submitQuiz(w http.ResponseWriter, r *http.Request) error {
	a, _, err := h.attemptOfRequest(r)
	if err != nil {
		return err
	}
	if a.UserID != user(r).ID {
		return wiki.Errorf(wiki.Forbidden, "only the person taking the quiz submits it")
	}
	if err := wikiweb.ParseForm(w, r, maxAttemptForm); err != nil {
		return err
	}
	wasOpen := a.Open()
	qs, err := h.attemptQuestions(a)
	if err != nil {
		return err
	}
	responses, err := parseResponses(r, a, qs)
	if err != nil {
		return err
	}
	if a, err = h.Store.SubmitAttempt(a.ID, user(r), responses); err != nil {
		return err
	}
	switch {
	case !wasOpen:
		h.Views.Flash(w, r, "This attempt was already submitted; the answers you sent first count.")
	case a.Late:
		h.Views.Flash(w, r, "Submitted after the time limit: the answers were recorded without credit.")
	}
	http.Redirect(w, r, quiz.AttemptURL(a.ID), http.StatusSeeOther)
	return nil
}

// parseResponses reads one response per item. Field names follow
// takeItem: q{i} for the answer, q{i}m{j} for matching prompt j, c{i} for
// the confidence.
func parseResponses(r *http.Request, a *quiz.Attempt, qs map[uint64]*quiz.Question) ([]quiz.Response, error) {
	out := make([]quiz.Response, len(a.Items))
	for i, it := range a.Items {
		q := qs[it.QuestionID]
		if q == nil {
			continue
		}
		field := "q" + strconv.Itoa(i)
		resp, err := parseResponse(r, q, &it, field)
		if err != nil {
			return nil, err
		}
		resp.Confidence, _ = strconv.Atoi(r.PostForm.Get("c" + strconv.Itoa(i)))
		resp.Confidence = min(max(resp.Confidence, 0), 3)
		out[i] = resp
	}
	return out, nil
}

func parseResponse(r *http.Request, q *quiz.Question, it *quiz.Item, field string) (quiz.Response, error) {
	var resp quiz.Response
	switch q.Type {
	case quiz.SingleChoice, quiz.MultipleChoice:
		for _, v := range r.PostForm[field] {
			if pos, err := strconv.Atoi(v); err == nil && pos >= 0 && pos < len(it.Order) {
				resp.Choices = append(resp.Choices, pos)
			}
		}
	case quiz.TrueFalse:
		if v := r.PostForm.Get(field); v == "true" || v == "false" {
			b := v == "true"
			resp.Bool = &b
		}
	case quiz.Matching:
		for j := range it.Prompts {
			pos, err := strconv.Atoi(r.PostForm.Get(field + "m" + strconv.Itoa(j)))
			if err != nil || pos < 0 || pos >= len(it.Rights) {
				pos = -1
			}
			resp.Matches = append(resp.Matches, pos)
		}
	default:
		resp.Text = strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(field), "\r\n", "\n"))
		if utf8.RuneCountInString(resp.Text) > maxAnswerRunes {
			return resp, wiki.Errorf(wiki.Invalid, "an answer is limited to %d characters", maxAnswerRunes)
		}
	}
	return resp, nil
}
