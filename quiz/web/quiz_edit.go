package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxSettingsForm bounds the small forms of the quiz editor.
const maxSettingsForm = 16 << 10

// editorPage is the data of quiz_edit.html: settings, questions, flags and
// GIFT import/export of one page's quiz.
type editorPage struct {
	wikiweb.Base
	Page       *wiki.Page
	Exists     bool
	Author     string
	Settings   quiz.Settings
	Questions  []editorQuestion
	StaleCount int
	Sections   []sectionOption
	Coverage   []sectionRow
	Types      []typeOption
	Flags      []*quiz.Flag
	Attempts   int
	Error      string
}

// editorQuestion is a question in the editor's list.
type editorQuestion struct {
	*quiz.Question
	N              int
	SectionHeading string
	SectionURL     string
	Stale          bool
	// Orphaned is set when its section is gone from the page: it cannot be
	// confirmed, only edited onto another section.
	Orphaned    bool
	First, Last bool
}

// sectionRow is a section of the page with its number of questions.
type sectionRow struct {
	ID, Heading  string
	Level, Count int
	Critical     bool
	AddURL       string
}

type sectionOption struct {
	ID, Label          string
	Critical, Selected bool
}

type typeOption struct {
	Type        quiz.Type
	Label       string
	Selected    bool
	URL         string
	Description string
}

// editablePage loads the page of the request's {path...} and its quiz (nil
// when there is none yet) and checks that the user may author it
// (CheckQuizEdit).
func (h *handlers) editablePage(r *http.Request) (*wiki.Page, *quiz.Quiz, error) {
	p, err := h.livePage(r)
	if err != nil {
		return nil, nil, err
	}
	qz, err := h.Store.Quiz(p.ID)
	if errors.Is(err, wiki.ErrNotFound) {
		qz = nil
	} else if err != nil {
		return nil, nil, err
	}
	if err := h.Store.CheckQuizEdit(p, qz, user(r)); err != nil {
		return nil, nil, err
	}
	return p, qz, nil
}

func (h *handlers) quizEditor(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.editablePage(r)
	if err != nil {
		return err
	}
	data, err := h.editorData(r, p, qz)
	if err != nil {
		return err
	}
	return h.Views.Render(w, r, http.StatusOK, "quiz_edit.html", data)
}

func (h *handlers) editorData(r *http.Request, p *wiki.Page, qz *quiz.Quiz) (*editorPage, error) {
	data := &editorPage{Base: wikiweb.Base{Title: "Knowledge check: " + p.Title, Nav: "wiki"}, Page: p,
		Settings: quiz.DefaultSettings, Author: user(r).Name, Sections: sectionOptions(p, "")}
	data.Types = typeOptions(p, "", "")
	data.Coverage = coverageRows(p, nil)
	if qz == nil {
		return data, nil
	}
	data.Exists, data.Author, data.Settings = true, qz.Author, qz.Settings()
	qs, err := h.Store.Questions(p.ID)
	if err != nil {
		return nil, err
	}
	for i, q := range qs {
		eq := editorQuestion{Question: q, N: i + 1, SectionHeading: sectionHeading(p, q.Section),
			SectionURL: quiz.SectionURL(p, q.Section), Stale: q.Stale(p), First: i == 0, Last: i == len(qs)-1}
		if _, ok := p.Section(q.Section); q.Section != "" && !ok {
			eq.Orphaned = true
		}
		if eq.Stale {
			data.StaleCount++
		}
		data.Questions = append(data.Questions, eq)
	}
	if data.Flags, err = h.Store.Flags(func(f *quiz.Flag) bool { return f.PageID == p.ID && f.Open() }); err != nil {
		return nil, err
	}
	data.Coverage = coverageRows(p, qs)
	as, err := h.Store.QuizAttempts(p.ID)
	data.Attempts = len(as)
	return data, err
}

func coverageRows(p *wiki.Page, qs []*quiz.Question) []sectionRow {
	count := map[string]int{}
	for _, q := range qs {
		count[q.Section]++
	}
	var out []sectionRow
	for _, s := range p.Sections {
		if s.ID != "" {
			out = append(out, sectionRow{ID: s.ID, Heading: s.Heading, Level: s.Level, Count: count[s.ID],
				Critical: p.IsCritical(s.ID), AddURL: quiz.NewQuestionURL(p.Path, s.ID)})
		}
	}
	return out
}

// sectionOptions lists the page's sections for the "pinned to" picker.
func sectionOptions(p *wiki.Page, selected string) []sectionOption {
	out := []sectionOption{{ID: "", Label: "The page as a whole", Selected: selected == ""}}
	for _, s := range p.Sections {
		if s.ID == "" {
			continue
		}
		label := strings.Repeat("· ", max(s.Level-2, 0)) + s.Heading
		out = append(out, sectionOption{ID: s.ID, Label: label, Critical: p.IsCritical(s.ID), Selected: s.ID == selected})
	}
	return out
}

var typeHelp = map[quiz.Type]string{
	quiz.SingleChoice:   "One answer is right; others may give partial credit.",
	quiz.MultipleChoice: "Several answers may be ticked; their credits add up, wrong ones may subtract.",
	quiz.TrueFalse:      "A statement that is true or false.",
	quiz.ShortAnswer:    "A word or phrase typed in; * matches anything.",
	quiz.Numerical:      "A number, with a margin or a range.",
	quiz.Matching:       "Pair each item with its match.",
	quiz.Essay:          "Explain in your own words; you grade it with a comment.",
}

func typeOptions(p *wiki.Page, section string, selected quiz.Type) []typeOption {
	out := make([]typeOption, 0, len(quiz.TypeNames))
	for _, t := range quiz.TypeNames {
		u := quiz.NewQuestionURL(p.Path, section) + "&type=" + string(t.Type)
		out = append(out, typeOption{Type: t.Type, Label: t.Label, Selected: t.Type == selected, URL: u,
			Description: typeHelp[t.Type]})
	}
	return out
}

func (h *handlers) saveSettings(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.editablePage(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxSettingsForm); err != nil {
		return err
	}
	st, err := parseSettings(r)
	if err == nil {
		_, err = h.Store.SaveSettings(p.ID, user(r), st)
	}
	if wikiweb.ErrorKind(err) == wiki.Invalid {
		data, derr := h.editorData(r, p, qz)
		if derr != nil {
			return derr
		}
		data.Settings, data.Error = st, wikiweb.ErrorMessage(err)
		return h.Views.Render(w, r, http.StatusBadRequest, "quiz_edit.html", data)
	} else if err != nil {
		return err
	}
	h.Views.Flash(w, r, "Quiz settings saved.")
	http.Redirect(w, r, quiz.EditURL(p.Path), http.StatusSeeOther)
	return nil
}

func parseSettings(r *http.Request) (quiz.Settings, error) {
	st := quiz.Settings{Shuffle: r.PostForm.Get("shuffle") == "on", AskConfidence: r.PostForm.Get("ask_confidence") == "on"}
	fields := []struct {
		name, label string
		dst         *int
	}{
		{"pass_mark", "pass mark", &st.PassMark}, {"max_attempts", "attempts allowed", &st.MaxAttempts},
		{"cooldown", "cooldown", &st.CooldownMinutes}, {"time_limit", "time limit", &st.TimeLimitMinutes},
	}
	for _, f := range fields {
		s := strings.TrimSpace(r.PostForm.Get(f.name))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return st, wiki.Errorf(wiki.Invalid, "the %s is a whole number", f.label)
		}
		*f.dst = n
	}
	return st, nil
}

// questionOfRequest loads the question of the request's {id}, its page and
// quiz, and checks that the user may author it.
func (h *handlers) questionOfRequest(r *http.Request) (*quiz.Question, *wiki.Page, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, nil, err
	}
	q, err := h.Store.Question(id)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.Wiki.PageByID(q.PageID)
	if err != nil || p.Deleted {
		return nil, nil, wiki.Errorf(wiki.NotFound, "the page of this question is gone")
	}
	qz, err := h.Store.Quiz(p.ID)
	if err != nil {
		return nil, nil, err
	}
	if err := h.Store.CheckQuizEdit(p, qz, user(r)); err != nil {
		return nil, nil, err
	}
	return q, p, nil
}

func (h *handlers) confirmQuestion(w http.ResponseWriter, r *http.Request) error {
	return h.questionAction(w, r, "Question confirmed: answers to it count again.", func(q *quiz.Question, p *wiki.Page) error {
		return h.Store.ConfirmQuestion(p, user(r), q.ID)
	})
}

func (h *handlers) deleteQuestion(w http.ResponseWriter, r *http.Request) error {
	return h.questionAction(w, r, "Question deleted.", func(q *quiz.Question, p *wiki.Page) error {
		return h.Store.DeleteQuestion(p, user(r), q.ID)
	})
}

func (h *handlers) moveQuestion(w http.ResponseWriter, r *http.Request) error {
	return h.questionAction(w, r, "", func(q *quiz.Question, p *wiki.Page) error {
		delta := 1
		if r.PostForm.Get("dir") == "up" {
			delta = -1
		}
		return h.Store.MoveQuestion(p, user(r), q.ID, delta)
	})
}

// questionAction runs a one-button change on a question, then goes back to
// the form's "next" (a quiz page) or to the quiz editor.
func (h *handlers) questionAction(w http.ResponseWriter, r *http.Request, done string, fn func(*quiz.Question, *wiki.Page) error) error {
	q, p, err := h.questionOfRequest(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxSettingsForm); err != nil {
		return err
	}
	if err := fn(q, p); err != nil {
		return err
	}
	if done != "" {
		h.Views.Flash(w, r, done)
	}
	http.Redirect(w, r, nextURL(r, quiz.EditURL(p.Path)+"#questions"), http.StatusSeeOther)
	return nil
}

// nextURL returns the form's "next" when it is a quiz page of this site,
// else def.
func nextURL(r *http.Request, def string) string {
	next := r.PostForm.Get("next")
	if strings.HasPrefix(next, "/quiz/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n") {
		return next
	}
	return def
}
