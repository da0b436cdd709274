package quiz

import (
	"time"

	"github.com/handover/handover/wiki"
)

// maxTrendDays bounds how far back the trend chart reaches.
const maxTrendDays = 180

// TrendPoint is a person's readiness at the end of one day.
type TrendPoint struct {
	Day    time.Time
	Score  int
	Status Status
	// Source is "recorded" (a stored snapshot), "reconstructed" (evaluated
	// from the answer records), "now" or "projected" (the current inputs
	// evaluated at a later date).
	Source string
}

// Trend is one person's readiness over time.
type Trend struct {
	User, Label string
	Points      []TrendPoint
}

// personRecords is what a person had answered and acknowledged, loaded once
// so that readiness can be evaluated at any past day without a database
// read per day.
type personRecords struct {
	answers map[uint64][]*AnswerRecord // question ID → answers, oldest first
	acks    map[uint64]*Ack            // page ID → acknowledgement
}

// Trends returns each person's daily readiness from the handover's start
// (at most maxTrendDays back) to now, then projected to the due date when
// that is still ahead. A day with a stored snapshot shows it; other days
// are reconstructed by evaluating DESIGN.md's formula at the end of that
// day over the answers given until then, with today's questions and pages:
// an approximation, since a question edited later makes earlier answers to
// it count as stale, and an acknowledgement counts from when it was last
// given.
func (s *Store) Trends(rep *ReadinessReport) ([]Trend, error) {
	h, now := rep.Handover, rep.At
	d, err := s.loadScope(h)
	if err != nil {
		return nil, err
	}
	snaps, err := s.Snapshots(h.ID)
	if err != nil {
		return nil, err
	}
	from := trendStart(h, now)
	out := make([]Trend, 0, len(rep.People))
	for _, p := range rep.People {
		recs, err := s.personRecords(h, d, p.User)
		if err != nil {
			return nil, err
		}
		t := Trend{User: p.User, Label: p.Label}
		for day := from; day.Before(UTCDay(now)); day = day.AddDate(0, 0, 1) {
			t.Points = append(t.Points, pastPoint(h, d, recs, snaps[p.User], day))
		}
		t.Points = append(t.Points, TrendPoint{Day: UTCDay(now), Score: p.Result.Score, Status: p.Result.Status, Source: "now"})
		t.Points = append(t.Points, projection(h, p.Result, now)...)
		out = append(out, t)
	}
	return out, nil
}

// trendStart is the first day of the chart.
func trendStart(h *Handover, now time.Time) time.Time {
	from := UTCDay(h.Start)
	if earliest := UTCDay(now).AddDate(0, 0, -maxTrendDays); h.Start.IsZero() || from.Before(earliest) {
		from = earliest
	}
	return from
}

func pastPoint(h *Handover, d *scopeData, recs personRecords, snaps map[uint64]Snapshot, day time.Time) TrendPoint {
	if snap, ok := snaps[dayNumber(day)]; ok {
		return TrendPoint{Day: day, Score: snap.Score, Status: snap.Status, Source: "recorded"}
	}
	end := day.Add(24*time.Hour - time.Second)
	items, pages := recs.inputsAt(d, end)
	res := Evaluate(end, h.Due, h.PassMark, items, pages)
	return TrendPoint{Day: day, Score: res.Score, Status: res.Status, Source: "reconstructed"}
}

// projection evaluates the current inputs at each day after now up to the
// due date (weekly when that is far), as the forecast does.
func projection(h *Handover, res Result, now time.Time) []TrendPoint {
	due := UTCDay(h.Due)
	if !due.After(UTCDay(now)) {
		return nil
	}
	step := max(1, int(due.Sub(UTCDay(now)).Hours()/24/30))
	items := inputsOf(res.Items)
	var out []TrendPoint
	for day := UTCDay(now).AddDate(0, 0, step); !day.After(due); day = day.AddDate(0, 0, step) {
		r := Evaluate(day.Add(24*time.Hour-time.Second), h.Due, h.PassMark, items, res.Pages)
		out = append(out, TrendPoint{Day: day, Score: r.Score, Status: r.Status, Source: "projected"})
	}
	return out
}

func inputsOf(items []ItemResult) []ItemInput {
	out := make([]ItemInput, len(items))
	for i, it := range items {
		out[i] = it.ItemInput
	}
	return out
}

// personRecords loads a person's answers to the scope's questions and
// acknowledgements of its pages, those handover h holds (lifetime.go).
func (s *Store) personRecords(h *Handover, d *scopeData, name string) (personRecords, error) {
	recs := personRecords{answers: map[uint64][]*AnswerRecord{}, acks: map[uint64]*Ack{}}
	u, err := s.w.UserByName(name)
	if err != nil {
		return recs, err
	}
	err = s.w.View(func(tx *wiki.Tx) error {
		for _, p := range d.pages {
			ack, err := ackOf(tx, u.ID, p.ID)
			if err != nil {
				return err
			}
			recs.acks[p.ID] = h.AckFor(ack)
			for _, q := range d.questions[p.ID] {
				history, err := answerHistory(tx, u.ID, q.ID)
				if err != nil {
					return err
				}
				recs.answers[q.ID] = h.answersFrom(history)
			}
		}
		return nil
	})
	return recs, err
}

// inputsAt is the readiness input as of end: answers given and
// acknowledgements made until then.
func (recs personRecords) inputsAt(d *scopeData, end time.Time) ([]ItemInput, []PageInput) {
	var items []ItemInput
	var pages []PageInput
	for _, p := range d.pages {
		ack := recs.acks[p.ID]
		if ack != nil && ack.Time.After(end) {
			ack = nil
		}
		pages = append(pages, pageInputFrom(p, ack, nil, nil, end))
		for _, q := range d.questions[p.ID] {
			items = append(items, itemInputFrom(p, q, answersUntil(recs.answers[q.ID], end)))
		}
	}
	return items, pages
}

// answersUntil returns the answers given at or before end (h is sorted by
// time).
func answersUntil(h []*AnswerRecord, end time.Time) []*AnswerRecord {
	n := 0
	for n < len(h) && !h[n].Time.After(end) {
		n++
	}
	return h[:n]
}
