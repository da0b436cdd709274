package load

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

// loadAction is one thing a person does, with how often they do it
// relative to the others.
type loadAction struct {
	weight int
	do     func(p *person)
}

// takerMix is what an incoming owner does: mostly reading and searching,
// some editing, quizzes and acknowledgements. The weights are percentages.
var takerMix = []loadAction{
	{40, (*person).view},
	{15, (*person).search},
	{12, (*person).typeahead},
	{8, (*person).save},
	{8, (*person).takeQuiz},
	{8, (*person).acknowledge},
	{5, (*person).browseLists},
	{4, (*person).progress},
}

// managerMix is what the manager does: reading, and watching readiness.
var managerMix = []loadAction{
	{30, (*person).view},
	{15, (*person).search},
	{10, (*person).typeahead},
	{10, (*person).save},
	{20, (*person).dashboard},
	{10, (*person).readinessAPI},
	{5, (*person).browseLists},
}

// act does one action picked by weight.
func (p *person) act() {
	mix := takerMix
	if p.manager {
		mix = managerMix
	}
	total := 0
	for _, a := range mix {
		total += a.weight
	}
	n := p.rng.IntN(total)
	for _, a := range mix {
		if n -= a.weight; n < 0 {
			a.do(p)
			return
		}
	}
}

func (p *person) pick(list []string) string { return list[p.rng.IntN(len(list))] }

// pagePathURL is route (ending in "/") followed by the escaped page path.
func pagePathURL(route, path string) string {
	return route + strings.TrimPrefix(wiki.PageURL(path), "/wiki/")
}

// view reads a page: one in three from the handover's scope.
func (p *person) view() {
	path := p.pick(p.set.pages)
	if p.rng.IntN(3) == 0 {
		path = p.pick(p.set.scope)
	}
	p.send("view", http.MethodGet, wiki.PageURL(path), nil, http.StatusOK)
}

// search runs a query of the mix through the search page, or now and then
// through the JSON API.
func (p *person) search() {
	q := url.QueryEscape(p.pick(p.set.queries))
	if p.rng.IntN(4) == 0 {
		p.send("search_api", http.MethodGet, "/api/search?limit=10&q="+q, nil, http.StatusOK)
		return
	}
	p.send("search", http.MethodGet, "/search?q="+q, nil, http.StatusOK)
}

func (p *person) typeahead() {
	p.send("typeahead", http.MethodGet, "/api/suggest?q="+url.QueryEscape(p.pick(p.set.prefixes)), nil, http.StatusOK)
}

func (p *person) browseLists() {
	switch p.rng.IntN(3) {
	case 0:
		p.send("home", http.MethodGet, "/", nil, http.StatusOK)
	case 1:
		p.send("recent", http.MethodGet, "/recent", nil, http.StatusOK)
	default:
		p.send("history", http.MethodGet, pagePathURL("/history/", p.pick(p.set.hot)), nil, http.StatusOK)
	}
}

// maxSaveTries bounds the conflict retries of one edit.
const maxSaveTries = 4

// save edits a page as an editor does: read it with its revision, change
// it, and save against that revision; on a conflict (someone saved in
// between) read it again and redo the change.
func (p *person) save() {
	path := p.pick(p.set.hot)
	for try := range maxSaveTries {
		page, ok := p.readForEdit(path)
		if !ok {
			return
		}
		if try > 0 {
			p.tally.retries++
		}
		line := fmt.Sprintf("\n- %s checked this on %s (%d).\n", p.name, time.Now().UTC().Format(time.RFC3339Nano), p.rng.Uint32())
		body, _ := json.Marshal(map[string]any{"markdown": page.Markdown + line,
			"base_revision": page.Revision, "comment": "load test edit"})
		req, _ := http.NewRequest(http.MethodPut, p.base+pagePathURL("/api/pages/", path), strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		r, ok := p.do("save", req, http.StatusOK, http.StatusConflict)
		switch {
		case !ok:
			return
		case r.status == http.StatusOK:
			p.tally.saves++
			return
		}
		p.tally.conflicts++
	}
	p.tally.gaveUp++
}

// apiPageJSON is the part of GET /api/pages an editor needs.
type apiPageJSON struct {
	Markdown string `json:"markdown"`
	Revision int    `json:"revision"`
}

func (p *person) readForEdit(path string) (*apiPageJSON, bool) {
	r, ok := p.send("save_read", http.MethodGet, pagePathURL("/api/pages/", path), nil, http.StatusOK)
	if !ok {
		return nil, false
	}
	var page apiPageJSON
	if err := json.Unmarshal([]byte(r.body), &page); err != nil {
		p.failure("GET /api/pages/%s: %v", path, err)
		p.tally.unexpected++
		return nil, false
	}
	return &page, true
}

// takeQuiz starts (or resumes) the knowledge check of a quiz page, opens
// the form, answers it (mostly right) and reads the result.
func (p *person) takeQuiz() {
	path := p.pick(p.set.quizzes)
	r, ok := p.send("quiz_start", http.MethodPost, pagePathURL("/quiz/start/", path), url.Values{}, http.StatusSeeOther)
	if !ok {
		return
	}
	attempt := r.location
	if !strings.HasPrefix(attempt, "/quiz/attempt/") {
		p.tally.unexpected++
		p.failure("POST /quiz/start/%s as %s: redirected to %q, want an attempt", path, p.name, attempt)
		return
	}
	if _, ok := p.send("quiz_form", http.MethodGet, attempt, nil, http.StatusOK); !ok {
		return
	}
	if _, ok := p.send("quiz_submit", http.MethodPost, attempt, p.answers(), http.StatusSeeOther); !ok {
		return
	}
	p.tally.attempts++
	p.send("quiz_result", http.MethodGet, attempt, nil, http.StatusOK)
}

// answers fills loadQuizGIFT's three fields, each right four times in
// five.
func (p *person) answers() url.Values {
	right := func() bool { return p.rng.IntN(5) != 0 }
	v := url.Values{"q0": {strconv.FormatBool(right())}, "q1": {"1"}, "q2": {"not sure"}}
	if right() {
		v.Set("q1", "0")
	}
	if right() {
		v.Set("q2", "ready")
	}
	return v
}

// acknowledge says "I have read this" of a page in scope, after reading it.
func (p *person) acknowledge() {
	path := p.pick(p.set.scope)
	if _, ok := p.send("view", http.MethodGet, wiki.PageURL(path), nil, http.StatusOK); !ok {
		return
	}
	if _, ok := p.send("acknowledge", http.MethodPost, pagePathURL("/ack/", path), url.Values{}, http.StatusSeeOther); ok {
		p.tally.acks++
	}
}

func (p *person) progress() {
	p.send("progress", http.MethodGet, "/progress", nil, http.StatusOK)
}

func (p *person) handoverID() string {
	return strconv.FormatUint(p.set.handover[p.rng.IntN(len(p.set.handover))], 10)
}

func (p *person) dashboard() {
	p.send("dashboard", http.MethodGet, "/handovers/"+p.handoverID()+"/dashboard", nil, http.StatusOK)
}

func (p *person) readinessAPI() {
	p.send("readiness_api", http.MethodGet, "/api/handovers/"+p.handoverID()+"/readiness", nil, http.StatusOK)
}
