package quiz

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// scoreExplanation is "the formula explained" for one person: every number that
// goes into the score, formatted as the page, the CSV and the API show it.
type ScoreExplanation struct {
	Items          []explainedItem
	Sum, TotalW    string
	K, A, Score    string
	Acked, Pages   int
	Formula        string // score = round(100·(0.8·K + 0.2·A)) with the numbers
	Gate           []string
	PassMark       int
	ScoreValue     int
	NoChecks       bool // no questions in scope: no K, the score is 100·A
	HasNonCritical bool
}

// explainedItem is one question's row: w, f, v, R (from the days since the
// answer and h = h0·2^min(k,3)), and w·f·v·R.
type explainedItem struct {
	QuestionID             uint64
	Label, URL, Where      string
	Critical               bool
	W, F, V, R, H, K, Days string
	Contribution           string
	State                  string
}

// fmt3 formats a number of the formula with three decimals, the precision
// used everywhere the numbers are shown or exported.
func fmt3(x float64) string { return fmt.Sprintf("%.3f", x) }

// round3 rounds to three decimals, for the JSON API.
func Round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func ExplainScore(res Result, passMark int) ScoreExplanation {
	ex := ScoreExplanation{K: fmt3(res.K), A: fmt3(res.A), PassMark: passMark, ScoreValue: res.Score,
		Pages: len(res.Pages), NoChecks: res.NoChecks}
	var sum, total float64
	for _, it := range res.Items {
		sum += it.Value
		total += it.Weight
		ex.Items = append(ex.Items, explainItem(it, res))
		ex.HasNonCritical = ex.HasNonCritical || !it.Critical
	}
	for _, p := range res.Pages {
		if p.Acked {
			ex.Acked++
		}
	}
	ex.Sum, ex.TotalW = fmt3(sum), fmt3(total)
	ex.Score = fmt.Sprint(res.Score)
	ex.Formula = fmt.Sprintf("score = round(100 × (0.8 × %s + 0.2 × %s)) = round(%s) = %d",
		ex.K, ex.A, unrounded(100*(weightKnowledge*res.K+weightAcks*res.A), res.Score), res.Score)
	if res.NoChecks {
		ex.K = "none"
		ex.Formula = fmt.Sprintf("no knowledge checks yet, so score = round(100 × A) = round(%s) = %d",
			unrounded(100*res.A, res.Score), res.Score)
	}
	ex.Gate = gateChecks(res, passMark)
	return ex
}

// unrounded shows x, the score before rounding, with two decimals so that
// rounding what is shown gives the score: 79.46 is "79.46", not "79.5"
// (which reads as rounding to 80), and 79.496 is "79.49", not "79.50".
func unrounded(x float64, score int) string {
	s := fmt.Sprintf("%.2f", x)
	if shown, err := strconv.ParseFloat(s, 64); err == nil && int(math.Round(shown)) != score {
		if float64(score) < x {
			return fmt.Sprintf("%.2f", math.Floor(x*100)/100)
		}
		return fmt.Sprintf("%.2f", math.Ceil(x*100)/100)
	}
	return s
}

func explainItem(it ItemResult, res Result) explainedItem {
	e := explainedItem{QuestionID: it.QuestionID, Label: it.Label, URL: SectionLink(it.PagePath, it.Section), Critical: it.Critical,
		W: fmt.Sprintf("%g", it.Weight), F: fmt3(it.Credit), V: "0", R: fmt3(it.Recency),
		H: fmt.Sprintf("%g", it.HalfLife), K: fmt.Sprint(it.K), Contribution: fmt3(it.Value), State: MatrixStateWords[it.State]}
	e.Where = it.PageTitle
	if it.Heading != "" {
		e.Where += " › " + it.Heading
	}
	if it.Valid && it.Attempted && !it.Pending {
		e.V = "1"
	}
	if it.Attempted {
		e.Days = fmt.Sprintf("%.1f", answerAge(res.At, it))
	} else {
		e.Days, e.F = "—", "0.000"
	}
	return e
}

// answerAge is how many days before at the item's answer was graded: the
// age that its recency decays with.
func answerAge(at time.Time, it ItemResult) float64 { return max(at.Sub(it.Answered).Hours()/24, 0) }

// gateChecks spells out the READY gate's conditions and whether each holds.
func gateChecks(res Result, passMark int) []string {
	critOK, critN := 0, 0
	for _, it := range res.Items {
		if !it.Critical {
			continue
		}
		critN++
		if it.Attempted && it.Credit >= 1 && it.Valid && !it.Pending && it.Recency >= GateRecency {
			critOK++
		}
	}
	return []string{
		fmt.Sprintf("%d of %d critical questions have f = 1, v = 1 and R ≥ 0.5 %s", critOK, critN, checkMark(critOK == critN)),
		fmt.Sprintf("score: needs %d, has %d %s", passMark, res.Score, checkMark(res.Score >= passMark)),
		fmt.Sprintf("A = %s = 1 %s", fmt3(res.A), checkMark(res.A == 1)),
	}
}

func checkMark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

type ForecastStep struct {
	Name   string
	Date   time.Time
	Status Status
	// Note says what keeps a ready person's status: "if re-checked by 12 Jan".
	Note string
}

// forecastSteps labels the forecast. A date whose day is over was
// evaluated now (Forecast never looks back), so the steps that are over
// become one "now" step dated today, ahead of those still to come.
func ForecastSteps(h *Handover, p PersonReadiness) []ForecastStep {
	steps := []ForecastStep{
		{Name: "On the due date", Date: h.Due, Status: p.ForecastDue},
		{Name: "30 days after", Date: h.Due.AddDate(0, 0, 30), Status: p.Forecast30},
		{Name: "90 days after", Date: h.LastCheckIn(), Status: p.Forecast90},
	}
	now := p.Result.At
	var out []ForecastStep
	for _, st := range steps {
		if !now.After(st.Date.Add(24 * time.Hour)) {
			st.Note = recheckNote(p, st.Date.Add(24*time.Hour))
			out = append(out, st)
		} else if len(out) == 0 {
			out = append(out, ForecastStep{Name: "Now, after the due date", Date: now, Status: p.Result.Status})
		}
	}
	return out
}

// recheckNote says, for someone ready, which re-check their forecast at
// t counts on: the first one due before t.
func recheckNote(p PersonReadiness, t time.Time) string {
	if !p.Result.Ready {
		return ""
	}
	for _, r := range p.Rechecks {
		if r.Due().Before(t) {
			return "if re-checked by " + r.Due().Format("2 Jan")
		}
	}
	return ""
}

// matrixStateWords are the matrix states in words.
var MatrixStateWords = map[string]string{
	"correct": "correct", "wrong": "wrong", "partial": "partly wrong", "stale": "stale",
	"not_tried": "not tried", "pending": "pending grading", "expiring": "expiring", "expired": "expired",
}
