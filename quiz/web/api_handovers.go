package web

import (
	"net/http"
	"time"

	"github.com/handover/handover/quiz"
	wikiweb "github.com/handover/handover/wiki/web"
)

// The JSON API of DESIGN.md (a contract: outside tools rely on it).

type apiHandoverList struct {
	Handovers []apiHandover `json:"handovers"`
}

// apiHandover is one handover in the list. Status is "closed" for a closed
// handover, otherwise the worst status of the people whose readiness the
// caller may see (overdue, not_ready, expiring, ready).
type apiHandover struct {
	ID     uint64 `json:"id"`
	Title  string `json:"title"`
	Due    string `json:"due"`
	Status string `json:"status,omitempty"`
}

type apiReadiness struct {
	Handover apiHandover `json:"handover"`
	People   []apiPerson `json:"people"`
}

type apiPerson struct {
	User     string                 `json:"user"`
	Score    int                    `json:"score"`
	Status   quiz.Status            `json:"status"`
	Reasons  []string               `json:"reasons"`
	Forecast map[string]quiz.Status `json:"forecast"`
	Items    []apiItem              `json:"items"`
	Rechecks []apiRecheck           `json:"rechecks"`
}

// apiRecheck is a re-check, open or to come: opens is when it is offered
// (RFC 3339; in the past for an open one).
type apiRecheck struct {
	Question uint64 `json:"question"`
	Page     string `json:"page"`
	Section  string `json:"section"`
	Opens    string `json:"opens"`
}

// apiItem is one question's part in a person's readiness: f, v and R of
// the formula, rounded to three decimals as on the dashboard.
type apiItem struct {
	Question uint64  `json:"question"`
	Page     string  `json:"page"`
	Section  string  `json:"section"`
	Critical bool    `json:"critical"`
	Credit   float64 `json:"credit"`
	Valid    bool    `json:"valid"`
	Recency  float64 `json:"recency"`
}

// apiHandovers lists the handovers whose readiness the caller may see (as
// manager, admin or incoming owner), soonest due first.
func (h *handlers) apiHandovers(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	all, err := h.Store.Handovers(u)
	if err != nil {
		return err
	}
	out := apiHandoverList{Handovers: []apiHandover{}}
	for _, ho := range all {
		if _, err := quiz.ReadinessViewers(ho, u); err != nil {
			continue
		}
		rep, err := h.Store.Report(ho, u, h.Store.Now())
		if err != nil {
			return err
		}
		out.Handovers = append(out.Handovers, apiHandover{ID: ho.ID, Title: ho.Title, Due: quiz.APIDate(ho.Due), Status: string(rep.Status())})
	}
	return wikiweb.WriteJSON(w, http.StatusOK, out)
}

// apiReadiness is one handover's readiness as the caller may see it.
func (h *handlers) apiReadiness(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.report(r)
	if err != nil {
		return err
	}
	return wikiweb.WriteJSON(w, http.StatusOK, newAPIReadiness(rep))
}

func newAPIReadiness(rep *quiz.ReadinessReport) apiReadiness {
	ho := rep.Handover
	out := apiReadiness{Handover: apiHandover{ID: ho.ID, Title: ho.Title, Due: quiz.APIDate(ho.Due)}, People: []apiPerson{}}
	for _, p := range rep.People {
		out.People = append(out.People, newAPIPerson(p))
	}
	return out
}

func newAPIPerson(p quiz.PersonReadiness) apiPerson {
	res := p.Result
	ap := apiPerson{User: p.User, Score: res.Score, Status: res.Status, Reasons: quiz.ReasonStrings(res.Reasons),
		Forecast: map[string]quiz.Status{"due": p.ForecastDue, "due+30": p.Forecast30, "due+90": p.Forecast90},
		Items:    []apiItem{}, Rechecks: []apiRecheck{}}
	for _, it := range res.Items {
		ap.Items = append(ap.Items, apiItem{Question: it.QuestionID, Page: it.PagePath, Section: it.Section,
			Critical: it.Critical, Credit: quiz.Round3(it.Credit), Valid: it.Valid && it.Attempted && !it.Pending,
			Recency: quiz.Round3(it.Recency)})
	}
	for _, r := range p.Rechecks {
		ap.Rechecks = append(ap.Rechecks, apiRecheck{Question: r.QuestionID, Page: r.PagePath, Section: r.Section,
			Opens: r.Opens.UTC().Format(time.RFC3339)})
	}
	return ap
}
