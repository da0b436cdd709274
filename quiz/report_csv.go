package quiz

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvHeader is the readiness export's header: one row per person and
// question, with the person's totals repeated on each row, and for each
// answer when it was graded and its age in days, so that the recency
// 2^(−days/half_life_days) can be recomputed from the file.
var csvHeader = []string{"handover", "due", "user", "score", "status", "K", "A", "forecast_due",
	"forecast_due+30", "forecast_due+90", "question", "label", "page", "section", "critical", "weight",
	"credit", "valid", "answered", "days", "recency", "half_life_days", "k", "contribution", "state", "reasons"}

// WriteCSV writes the report as CSV, one row per person and question
// (csvHeader), so that a spreadsheet can recompute every score.
func (rep *ReadinessReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	h := rep.Handover
	for _, p := range rep.People {
		res := p.Result
		person := []string{h.Title, APIDate(h.Due), p.User, fmt.Sprint(res.Score), string(res.Status), fmt3(res.K), fmt3(res.A),
			string(p.ForecastDue), string(p.Forecast30), string(p.Forecast90)}
		reasons := strings.Join(ReasonStrings(res.Reasons), "; ")
		if len(res.Items) == 0 {
			row := append(append([]string{}, person...), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", reasons)
			if err := cw.Write(csvSafe(row)); err != nil {
				return err
			}
		}
		for _, it := range res.Items {
			valid := "0"
			if it.Valid && it.Attempted && !it.Pending {
				valid = "1"
			}
			answered, age := "", ""
			if it.Attempted {
				answered, age = it.Answered.UTC().Format(time.RFC3339), fmt3(answerAge(res.At, it))
			}
			row := append(append([]string{}, person...), fmt.Sprint(it.QuestionID), it.Label, it.PagePath, it.Section,
				fmt.Sprint(it.Critical), fmt.Sprintf("%g", it.Weight), fmt3(it.Credit), valid, answered, age, fmt3(it.Recency),
				fmt.Sprintf("%g", it.HalfLife), fmt.Sprint(it.K), fmt3(it.Value), it.State, reasons)
			if err := cw.Write(csvSafe(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func ReasonStrings(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text
	}
	return out
}

// apiDate formats a due date the way the API and the CSV give it.
func APIDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// csvSafe keeps a spreadsheet from reading a text cell as a formula.
func csvSafe(row []string) []string {
	for i, s := range row {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				row[i] = "'" + s
			}
		}
	}
	return row
}
