package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	"golang.org/x/net/html"
)

// readinessApp is a test app with a handover in progress: alex hands the
// database role to sam and jo, morgan manages it, pat manages nothing of
// it. sam answered the critical question wrongly and acknowledged nothing;
// jo is ready.
type readinessApp struct {
	*testApp
	qs    *quiz.Store
	h     *quiz.Handover
	page  *wiki.Page
	crit  *quiz.Question
	plain *quiz.Question
	users map[string]*wiki.User
}

const readinessPageMD = `# Database failover

## Steps

1. Fence the old primary.
2. Promote db-02.

## Contacts

The DBA on call.
`

func newReadinessApp(t *testing.T) *readinessApp {
	t.Helper()
	a := &readinessApp{testApp: newTestApp(t), users: map[string]*wiki.User{}}
	a.qs = a.Quiz
	for name, role := range map[string]wiki.Role{"alex": wiki.RoleMember, "sam": wiki.RoleMember, "jo": wiki.RoleMember,
		"member": wiki.RoleMember, "morgan": wiki.RoleManager, "pat": wiki.RoleManager, "admin": wiki.RoleAdmin} {
		a.users[name] = a.AddUser(name, role)
	}
	p, err := a.Main.Store.SavePage(wiki.SaveRequest{Path: "ops/failover", Markdown: readinessPageMD, Author: "alex",
		Owner: "alex", Critical: []string{"steps"}})
	if err != nil {
		t.Fatal(err)
	}
	a.page = p
	a.crit = a.question("steps", "Fence the old primary before promoting db-02.", true)
	a.plain = a.question("contacts", "The DBA on call is the first contact.", false)
	a.h = &quiz.Handover{Title: "Database operations", Outgoing: []string{"alex"}, Incoming: []string{"sam", "jo"},
		Start: time.Now().AddDate(0, 0, -10), Due: time.Now().AddDate(0, 0, 20), Scope: []string{"ops/"}}
	if err := a.qs.CreateHandover(a.h, a.users["morgan"]); err != nil {
		t.Fatal(err)
	}
	a.answer("sam", false)
	a.answer("jo", true)
	if _, err := a.qs.Acknowledge(p, a.users["jo"]); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *readinessApp) question(section, text string, critical bool) *quiz.Question {
	a.t.Helper()
	q := &quiz.Question{Type: quiz.TrueFalse, Text: text, Truth: true, Section: section, Critical: critical}
	if err := a.qs.AddQuestion(a.page, a.users["alex"], q); err != nil {
		a.t.Fatal(err)
	}
	return q
}

// answer has name answer the quiz: the critical question right or wrong,
// the other one right.
func (a *readinessApp) answer(name string, critRight bool) {
	a.t.Helper()
	u := a.users[name]
	at, err := a.qs.StartAttempt(a.page, u)
	if err != nil {
		a.t.Fatal(err)
	}
	res := make([]quiz.Response, len(at.Items))
	for i, it := range at.Items {
		v := it.QuestionID != a.crit.ID || critRight
		res[i] = quiz.Response{Bool: &v}
	}
	if _, err := a.qs.SubmitAttempt(at.ID, u, res); err != nil {
		a.t.Fatal(err)
	}
}

func (a *readinessApp) url(format string) string { return fmt.Sprintf(format, a.h.ID) }

// TestDashboardCSVAndJSONMatchThePage: the three views of one report give
// the same numbers.
func TestDashboardCSVAndJSONMatchThePage(t *testing.T) {
	app := newReadinessApp(t)
	c := app.Login("morgan")
	page := c.Get(app.url("/handovers/%d/dashboard"))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("dashboard = %d: %s", page.StatusCode, page.Body)
	}
	for _, want := range []string{"critical question answered wrongly", "is not acknowledged yet", "The formula, with these numbers", `<svg class="trend-chart"`} {
		if !strings.Contains(page.Body, html.EscapeString(want)) && !strings.Contains(page.Body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	api := c.Get(app.url("/api/handovers/%d/readiness"))
	var doc struct {
		Handover struct {
			ID    uint64 `json:"id"`
			Title string `json:"title"`
			Due   string `json:"due"`
		} `json:"handover"`
		People []struct {
			User     string            `json:"user"`
			Score    int               `json:"score"`
			Status   string            `json:"status"`
			Reasons  []string          `json:"reasons"`
			Forecast map[string]string `json:"forecast"`
			Items    []struct {
				Question uint64  `json:"question"`
				Page     string  `json:"page"`
				Section  string  `json:"section"`
				Critical bool    `json:"critical"`
				Credit   float64 `json:"credit"`
				Valid    bool    `json:"valid"`
				Recency  float64 `json:"recency"`
			} `json:"items"`
		} `json:"people"`
	}
	if err := json.Unmarshal([]byte(api.Body), &doc); err != nil || api.StatusCode != http.StatusOK {
		t.Fatalf("API = %d %v: %s", api.StatusCode, err, api.Body)
	}
	if doc.Handover.ID != app.h.ID || doc.Handover.Due != app.h.Due.Format(time.DateOnly) || len(doc.People) != 2 {
		t.Fatalf("API handover = %+v with %d people", doc.Handover, len(doc.People))
	}
	rows := parseCSV(t, c.Get(app.url("/handovers/%d/readiness.csv")).Body)
	dom := parseHTML(t, page.Body)
	for _, p := range doc.People {
		row := findByAttr(dom, "data-user", p.User)
		if row == nil {
			t.Fatalf("no page row for %s", p.User)
		}
		score := findByAttr(row, "data-score", strconv.Itoa(p.Score))
		status := findByAttr(row, "data-status", p.Status)
		if score == nil || status == nil {
			t.Errorf("%s: page lacks score %d / status %s of the API", p.User, p.Score, p.Status)
		}
		if len(p.Forecast) != 3 || p.Forecast["due+90"] == "" {
			t.Errorf("%s: forecast = %v", p.User, p.Forecast)
		}
		explain := findByAttr(dom, "id", "explain-"+p.User)
		for _, it := range p.Items {
			csvRow := rows[p.User+"/"+strconv.FormatUint(it.Question, 10)]
			if csvRow["score"] != strconv.Itoa(p.Score) || csvRow["status"] != p.Status {
				t.Errorf("%s q%d: CSV score/status %s/%s, API %d/%s", p.User, it.Question, csvRow["score"], csvRow["status"], p.Score, p.Status)
			}
			wantR := fmt.Sprintf("%.3f", it.Recency)
			if days, h, err := csvFloats(csvRow["days"], csvRow["half_life_days"]); err == nil {
				if r := math.Pow(2, -days/h); math.Abs(r-it.Recency) > 0.001 {
					t.Errorf("%s q%d: 2^(−%v/%v) = %.4f from the CSV, recency %.4f", p.User, it.Question, days, h, r, it.Recency)
				}
			} else if csvRow["answered"] != "" {
				t.Errorf("%s q%d: answered %q but days/half-life %q/%q", p.User, it.Question, csvRow["answered"], csvRow["days"], csvRow["half_life_days"])
			}
			if csvRow["recency"] != wantR || csvRow["credit"] != fmt.Sprintf("%.3f", it.Credit) {
				t.Errorf("%s q%d: CSV credit/recency %s/%s, API %v/%v", p.User, it.Question, csvRow["credit"], csvRow["recency"], it.Credit, it.Recency)
			}
			cell := findByAttr(explain, "data-question", strconv.FormatUint(it.Question, 10))
			if got := textOf(findByAttr(cell, "class", "num recency")); got != wantR {
				t.Errorf("%s q%d: page R %q, API %s", p.User, it.Question, got, wantR)
			}
		}
	}
	sam := doc.People[0]
	if sam.User != "sam" || sam.Status != "not_ready" || len(sam.Reasons) == 0 {
		t.Errorf("sam = %+v, want not_ready with reasons", sam)
	}
}

// parseCSV indexes the export's rows by user/question.
func parseCSV(t *testing.T, body string) map[string]map[string]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("CSV: %v (%d records)", err, len(records))
	}
	out := map[string]map[string]string{}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range records[0] {
			row[h] = rec[i]
		}
		out[row["user"]+"/"+row["question"]] = row
	}
	return out
}

func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// findByAttr returns the first element under n with attribute key = val.
func findByAttr(n *html.Node, key, val string) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == key && a.Val == val {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findByAttr(c, key, val); found != nil {
			return found
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// TestDashboardExpiringShowsTheRecheck: a person who is ready but whose
// critical answer is fading shows the re-check due in "What blocks them",
// the CSV and the JSON, not "nothing: ready".
func TestDashboardExpiringShowsTheRecheck(t *testing.T) {
	app := newReadinessApp(t)
	if _, err := app.qs.UpdateHandover(app.h.ID, app.users["morgan"], func(h *quiz.Handover) (string, error) {
		h.PassMark = 50
		return "lowered the pass mark", nil
	}); err != nil {
		t.Fatal(err)
	}
	later := time.Now().AddDate(0, 0, 25) // jo's critical answer: R = 2^(−25/30) ≈ 0.56
	app.Main.Store.SetClock(func() time.Time { return later })
	c := app.Login("morgan")
	page := c.Get(app.url("/handovers/%d/dashboard"))
	row := findByAttr(parseHTML(t, page.Body), "id", "person-jo")
	if got := findByAttr(row, "data-status", "expiring"); got == nil {
		t.Fatalf("jo's row is not expiring: %q", textOf(row))
	}
	reasons := textOf(findByAttr(row, "class", "reasons"))
	if !strings.Contains(reasons, "re-check due: “Fence the old primary") || !strings.Contains(reasons, "recency 0.5") || strings.Contains(reasons, "nothing: ready") {
		t.Errorf("jo's reasons column = %q, want the re-check due with its recency", reasons)
	}
	// The due date (20 days on) is over: the forecast speaks of now.
	if fc := textOf(findByAttr(row, "class", "forecast")); strings.Contains(fc, "On the due date") || !strings.Contains(fc, "Now, after the due date") {
		t.Errorf("jo's forecast after the due date = %q, want a \"now\" step and no \"on the due date\"", fc)
	}
	var doc struct {
		People []struct {
			User    string   `json:"user"`
			Reasons []string `json:"reasons"`
		} `json:"people"`
	}
	if err := json.Unmarshal([]byte(c.Get(app.url("/api/handovers/%d/readiness")).Body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.People {
		if p.User == "jo" && (len(p.Reasons) != 1 || !strings.HasPrefix(p.Reasons[0], "re-check due: ")) {
			t.Errorf("API reasons of jo = %q, want the re-check", p.Reasons)
		}
	}
	rows := parseCSV(t, c.Get(app.url("/handovers/%d/readiness.csv")).Body)
	if got := rows["jo/"+strconv.FormatUint(app.crit.ID, 10)]["reasons"]; !strings.HasPrefix(got, "re-check due: ") {
		t.Errorf("CSV reasons of jo = %q, want the re-check", got)
	}
}

// csvFloats parses CSV cells as numbers.
func csvFloats(cells ...string) (float64, float64, error) {
	a, err := strconv.ParseFloat(cells[0], 64)
	if err != nil {
		return 0, 0, err
	}
	b, err := strconv.ParseFloat(cells[1], 64)
	return a, b, err
}
