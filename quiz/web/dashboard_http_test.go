package web_test

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
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
	"golang.org/x/net/html"
)

// readinessApp is quiztest's readiness fixture on the handlers.
type readinessApp struct {
	*quiztest.App
	*quiztest.Readiness
}

func newReadinessApp(t *testing.T) *readinessApp {
	t.Helper()
	a := quiztest.New(t)
	return &readinessApp{App: a, Readiness: a.SeedReadiness()}
}

// TestDashboardCSVAndJSONMatchThePage: the three views of one report give
// the same numbers.
func TestDashboardCSVAndJSONMatchThePage(t *testing.T) {
	app := newReadinessApp(t)
	c := app.Login("morgan")
	page := c.Get(app.URL("/handovers/%d/dashboard"))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("dashboard = %d: %s", page.StatusCode, page.Body)
	}
	for _, want := range []string{"critical question answered wrongly", "is not acknowledged yet", "The formula, with these numbers", `<svg class="trend-chart"`} {
		if !strings.Contains(page.Body, html.EscapeString(want)) && !strings.Contains(page.Body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	api := c.Get(app.URL("/api/handovers/%d/readiness"))
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
	if doc.Handover.ID != app.H.ID || doc.Handover.Due != app.H.Due.Format(time.DateOnly) || len(doc.People) != 2 {
		t.Fatalf("API handover = %+v with %d people", doc.Handover, len(doc.People))
	}
	rows := parseCSV(t, c.Get(app.URL("/handovers/%d/readiness.csv")).Body)
	dom := webtest.ParseHTML(t, page.Body)
	for _, p := range doc.People {
		row := webtest.FindByAttr(dom, "data-user", p.User)
		if row == nil {
			t.Fatalf("no page row for %s", p.User)
		}
		score := webtest.FindByAttr(row, "data-score", strconv.Itoa(p.Score))
		status := webtest.FindByAttr(row, "data-status", p.Status)
		if score == nil || status == nil {
			t.Errorf("%s: page lacks score %d / status %s of the API", p.User, p.Score, p.Status)
		}
		if len(p.Forecast) != 3 || p.Forecast["due+90"] == "" {
			t.Errorf("%s: forecast = %v", p.User, p.Forecast)
		}
		explain := webtest.FindByAttr(dom, "id", "explain-"+p.User)
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
			cell := webtest.FindByAttr(explain, "data-question", strconv.FormatUint(it.Question, 10))
			if got := webtest.TextOf(webtest.FindByAttr(cell, "class", "num recency")); got != wantR {
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

// TestDashboardExpiringShowsTheRecheck: a person who is ready but whose
// critical answer is fading shows the re-check due in "What blocks them",
// the CSV and the JSON, not "nothing: ready".
func TestDashboardExpiringShowsTheRecheck(t *testing.T) {
	app := newReadinessApp(t)
	if _, err := app.Quiz.UpdateHandover(app.H.ID, app.Users["morgan"], func(h *quiz.Handover) (string, error) {
		h.PassMark = 50
		return "lowered the pass mark", nil
	}); err != nil {
		t.Fatal(err)
	}
	later := time.Now().AddDate(0, 0, 25) // jo's critical answer: R = 2^(−25/30) ≈ 0.56
	app.Store.SetClock(func() time.Time { return later })
	c := app.Login("morgan")
	page := c.Get(app.URL("/handovers/%d/dashboard"))
	row := webtest.FindByAttr(webtest.ParseHTML(t, page.Body), "id", "person-jo")
	if got := webtest.FindByAttr(row, "data-status", "expiring"); got == nil {
		t.Fatalf("jo's row is not expiring: %q", webtest.TextOf(row))
	}
	reasons := webtest.TextOf(webtest.FindByAttr(row, "class", "reasons"))
	if !strings.Contains(reasons, "re-check due by ") || !strings.Contains(reasons, "“Fence the old primary") || !strings.Contains(reasons, "answered 25 days ago") || strings.Contains(reasons, "nothing: ready") {
		t.Errorf("jo's reasons column = %q, want the re-check due with the answer's age", reasons)
	}
	// The due date (20 days on) is over: the forecast speaks of now.
	if fc := webtest.TextOf(webtest.FindByAttr(row, "class", "forecast")); strings.Contains(fc, "On the due date") || !strings.Contains(fc, "Now, after the due date") {
		t.Errorf("jo's forecast after the due date = %q, want a \"now\" step and no \"on the due date\"", fc)
	}
	var doc struct {
		People []struct {
			User    string   `json:"user"`
			Reasons []string `json:"reasons"`
		} `json:"people"`
	}
	if err := json.Unmarshal([]byte(c.Get(app.URL("/api/handovers/%d/readiness")).Body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.People {
		if p.User == "jo" && (len(p.Reasons) != 1 || !strings.HasPrefix(p.Reasons[0], "re-check due by ")) {
			t.Errorf("API reasons of jo = %q, want the re-check", p.Reasons)
		}
	}
	rows := parseCSV(t, c.Get(app.URL("/handovers/%d/readiness.csv")).Body)
	if got := rows["jo/"+strconv.FormatUint(app.Crit.ID, 10)]["reasons"]; !strings.HasPrefix(got, "re-check due by ") {
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
