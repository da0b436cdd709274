package web

import (
	"fmt"
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// statsPage is the data of stats_questions.html.
type statsPage struct {
	wikiweb.Base
	Heading  string
	Back     string // where the page came from
	BackText string
	Rows     []statsRow
	Weakest  []statsRow
	MinN     int
}

// statsRow is one question's statistics formatted for the table.
type statsRow struct {
	quiz.QuestionStats
	Facility, Discrimination, ConfidentWrong string
	LowFacility                              bool
}

func newStatsRow(st quiz.QuestionStats) statsRow {
	row := statsRow{QuestionStats: st, Facility: "—", Discrimination: "—", ConfidentWrong: "not asked"}
	if st.N > 0 {
		row.Facility = fmt.Sprintf("%.0f%%", 100*st.ItemNumbers.Facility)
		row.LowFacility = st.ItemNumbers.Facility < quiz.WeakFacility
	}
	if st.HasDiscrimination {
		row.Discrimination = fmt.Sprintf("%.1f", st.ItemNumbers.Discrimination)
	}
	if st.ConfidenceN > 0 {
		row.ConfidentWrong = fmt.Sprintf("%.0f%% (%d of %d)", 100*st.ConfidentWrongRate(), st.ConfidentWrong, st.ConfidenceN)
	}
	return row
}

// handoverStats analyses the questions of a handover's scope for the
// manager, admins and the outgoing owners (who write the questions).
func (h *handlers) handoverStats(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.handoverFor(r, managerOrOutgoing,
		"question statistics are for the outgoing owners, the manager and administrators")
	if err != nil {
		return err
	}
	pages, err := h.Store.ScopePages(ho)
	if err != nil {
		return err
	}
	return h.renderStats(w, r, pages, "Question statistics: "+ho.Title, fmt.Sprintf("/handovers/%d", ho.ID), "Back to the handover")
}

// pageStats analyses one page's quiz for its author, admins, and the
// managers and outgoing owners of handovers that cover the page.
func (h *handlers) pageStats(w http.ResponseWriter, r *http.Request) error {
	p, err := h.livePage(r)
	if err != nil {
		return err
	}
	if ok, err := h.maySeeStats(user(r), p); err != nil {
		return err
	} else if !ok {
		return wiki.Errorf(wiki.Forbidden, "question statistics are for the quiz's author, the handover's manager and administrators")
	}
	return h.renderStats(w, r, []*wiki.Page{p}, "Question statistics: "+p.Title, p.URL(), "Back to the page")
}

func (h *handlers) maySeeStats(u *wiki.User, p *wiki.Page) (bool, error) {
	if u.IsAdmin() {
		return true, nil
	}
	if qz, err := h.Store.Quiz(p.ID); err == nil {
		if ok, err := h.Store.CanEditQuiz(p, qz, u); ok || err != nil {
			return ok, err
		}
	}
	hos, err := h.Store.Handovers(u)
	if err != nil {
		return false, err
	}
	for _, ho := range hos {
		if ho.InScope(p.Path) && (ho.CanManage(u) || ho.IsOutgoing(u.Name)) {
			return true, nil
		}
	}
	return false, nil
}

func (h *handlers) renderStats(w http.ResponseWriter, r *http.Request, pages []*wiki.Page, heading, back, backText string) error {
	stats, err := h.Store.QuestionStats(pages)
	if err != nil {
		return err
	}
	data := &statsPage{Base: wikiweb.Base{Title: heading, Nav: "handovers"}, Heading: heading, Back: back,
		BackText: backText, MinN: quiz.MinStatsAttempts}
	for _, st := range stats {
		data.Rows = append(data.Rows, newStatsRow(st))
	}
	for _, st := range quiz.Weakest(stats, 10) {
		data.Weakest = append(data.Weakest, newStatsRow(st))
	}
	return h.Views.Render(w, r, http.StatusOK, "stats_questions.html", data)
}
