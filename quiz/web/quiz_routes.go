package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// registerQuizRoutes adds authoring, taking and GIFT routes. The page path
// comes last in a route because a ServeMux pattern ends at {path...}.
func (h *handlers) registerQuizRoutes(handle func(string, wikiweb.HandlerFunc)) {
	u := wikiweb.RequireUser
	// Authoring (the quiz's author or an admin, anyone for a new quiz; on a
	// page a handover covers, see quiz_access.go).
	handle("GET /quiz/edit/{path...}", u(h.quizEditor))
	handle("POST /quiz/settings/{path...}", u(h.saveSettings))
	handle("GET /quiz/new/{path...}", u(h.newQuestion))
	handle("POST /quiz/new/{path...}", u(h.createQuestion))
	handle("GET /quiz/question/{id}", u(h.editQuestion))
	handle("POST /quiz/question/{id}", u(h.saveQuestion))
	handle("POST /quiz/question/{id}/confirm", u(h.confirmQuestion))
	handle("POST /quiz/question/{id}/delete", u(h.deleteQuestion))
	handle("POST /quiz/question/{id}/move", u(h.moveQuestion))
	handle("GET /quiz/preview/{path...}", u(h.previewQuiz))
	handle("POST /quiz/import/{path...}", u(h.importQuiz))
	handle("GET /quiz/export/{path...}", u(h.exportQuiz))
	handle("GET /quiz/mine", u(h.myQuizzes))
	handle("GET /quiz/grading", u(h.gradingList))
	handle("POST /quiz/flags/{id}/resolve", u(h.resolveFlag))
	handle("GET /quiz/attempts/{path...}", u(h.quizAttempts))
	// Taking (any signed-in account).
	handle("GET /quiz/take/{path...}", u(h.takeOverview))
	handle("POST /quiz/start/{path...}", u(h.startQuiz))
	handle("GET /quiz/attempt/{id}", u(h.showAttempt))
	handle("POST /quiz/attempt/{id}", u(h.submitQuiz))
	handle("POST /quiz/attempt/{id}/flag", u(h.flagQuestion))
	handle("POST /quiz/attempt/{id}/grade", u(h.gradeEssay))
}

// sectionHeading names a section for people; "" is the page as a whole.
func sectionHeading(p *wiki.Page, section string) string {
	if section == "" {
		return "The page as a whole"
	}
	if s, ok := p.Section(section); ok {
		return s.Heading
	}
	return section + " (no longer on the page)"
}

// quizAddons adds the "Knowledge check" panel and, per section, a badge
// with its question count and, for whoever may author, a one-click "add
// question" badge. Anonymous readers see neither: quizzes need an account.
func (h *handlers) quizAddons(r *http.Request, p *wiki.Page) (wikiweb.PageAddons, error) {
	u := user(r)
	add := wikiweb.PageAddons{SectionBadges: map[string][]wikiweb.Badge{}}
	if u == nil || r.URL.Query().Get("rev") != "" {
		return add, nil
	}
	qz, err := h.Store.Quiz(p.ID)
	if errors.Is(err, wiki.ErrNotFound) {
		qz = nil
	} else if err != nil {
		return add, err
	}
	// An incoming owner of a handover covering the page is offered no
	// authoring: they do not write their own test.
	canEdit, err := h.Store.CanEditQuiz(p, qz, u)
	if err != nil {
		return add, err
	}
	if qz == nil {
		return noQuizAddons(u, p, canEdit, add), nil
	}
	qs, err := h.Store.Questions(p.ID)
	if err != nil {
		return add, err
	}
	add.Panels = append(add.Panels, h.quizPanel(u, p, qz, qs, canEdit))
	sectionBadges(p, qs, canEdit, add.SectionBadges)
	return add, nil
}

func noQuizAddons(u *wiki.User, p *wiki.Page, canEdit bool, add wikiweb.PageAddons) wikiweb.PageAddons {
	panel := wikiweb.Panel{Title: "Knowledge check", Items: []wikiweb.PanelItem{{Text: "No questions yet."}}}
	if canEdit {
		panel.Items[0].Text += " A few questions on the critical sections show whether a successor has understood them."
		panel.Actions = []wikiweb.Action{{Label: "Write a knowledge check", URL: quiz.EditURL(p.Path)}}
	}
	add.Panels = append(add.Panels, panel)
	if canEdit && (u.IsAdmin() || u.Is(p.Owner)) {
		for _, s := range p.Sections {
			if s.ID != "" {
				add.SectionBadges[s.ID] = []wikiweb.Badge{{Label: "+ question", URL: quiz.NewQuestionURL(p.Path, s.ID)}}
			}
		}
	}
	return add
}

func (h *handlers) quizPanel(u *wiki.User, p *wiki.Page, qz *quiz.Quiz, qs []*quiz.Question, canEdit bool) wikiweb.Panel {
	critical, stale := 0, 0
	for _, q := range qs {
		if q.Critical {
			critical++
		}
		if q.Stale(p) {
			stale++
		}
	}
	panel := wikiweb.Panel{Title: "Knowledge check", Items: []wikiweb.PanelItem{
		{Text: plural(len(qs), "question"), Note: fmt.Sprintf("%d critical · pass mark %d%%", critical, qz.PassMark)}}}
	if canEdit && stale > 0 {
		panel.Tone = "warn"
		need := " need"
		if stale == 1 {
			need = " needs"
		}
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: plural(stale, "question") + need + " review: the section changed", URL: quiz.EditURL(p.Path) + "#stale"})
	}
	if last := h.lastResult(u, p); last != nil {
		panel.Items = append(panel.Items, *last)
	}
	if len(qs) > 0 {
		panel.Actions = append(panel.Actions, wikiweb.Action{Label: "Take the quiz", URL: quiz.TakeURL(p.Path), Primary: true})
	}
	if canEdit {
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: "Your knowledge checks", URL: "/quiz/mine",
			Note: "flags, reviews, answers to grade"})
		panel.Actions = append(panel.Actions, wikiweb.Action{Label: "Edit quiz", URL: quiz.EditURL(p.Path)})
	}
	return panel
}

// lastResult describes u's latest finished attempt, if any.
func (h *handlers) lastResult(u *wiki.User, p *wiki.Page) *wikiweb.PanelItem {
	as, err := h.Store.UserAttempts(u.ID, p.ID)
	if err != nil {
		return nil
	}
	last := quiz.LastSubmitted(as)
	if last == nil {
		return nil
	}
	return &wikiweb.PanelItem{Text: "Your last result: " + resultWord(last), URL: quiz.AttemptURL(last.ID)}
}

func sectionBadges(p *wiki.Page, qs []*quiz.Question, canEdit bool, badges map[string][]wikiweb.Badge) {
	count := map[string]int{}
	for _, q := range qs {
		count[q.Section]++
	}
	for _, s := range p.Sections {
		if s.ID == "" {
			continue
		}
		if n := count[s.ID]; n > 0 {
			b := wikiweb.Badge{Label: plural(n, "question"), Tone: "info"}
			if canEdit {
				b.URL = quiz.EditURL(p.Path) + "#section-" + s.ID
			}
			badges[s.ID] = append(badges[s.ID], b)
		}
		if canEdit {
			badges[s.ID] = append(badges[s.ID], wikiweb.Badge{Label: "+ question", URL: quiz.NewQuestionURL(p.Path, s.ID)})
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// resultWord summarises an attempt: "85% · passed".
func resultWord(a *quiz.Attempt) string {
	switch {
	case a.Open():
		return "in progress"
	case a.Pending():
		return fmt.Sprintf("%.0f%% so far · teach-back answer awaiting the author's grade", a.Score)
	case a.Passed:
		return fmt.Sprintf("%.0f%% · passed", a.Score)
	}
	return fmt.Sprintf("%.0f%% · not passed", a.Score)
}
