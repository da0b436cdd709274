package quiz

import (
	"sort"

	"github.com/handover/handover/wiki"
)

// QuestionStats is the item analysis of one question, with where it is
// pinned and what it suggests to the author.
type QuestionStats struct {
	Question            *Question
	PagePath, PageTitle string
	Heading, URL        string
	ItemNumbers
	Flags, OpenFlags int
	// TooFew is set below minStatsAttempts attempts: the numbers are
	// tentative.
	TooFew bool
	// Weak lists what makes the question (or its section) suspect.
	Weak []string
}

// Weakness thresholds.
const (
	WeakFacility       = 0.5  // fewer than half the credit earned
	weakDiscrimination = 20.0 // below 20 a question barely separates
	weakConfidentWrong = 0.25 // a quarter of sure answers are wrong
)

// QuestionStats analyses every question on the given pages, pooled over
// every submitted attempt at their quizzes, in page and quiz order.
func (s *Store) QuestionStats(pages []*wiki.Page) ([]QuestionStats, error) {
	byPage := map[uint64]*wiki.Page{}
	for _, p := range pages {
		byPage[p.ID] = p
	}
	questions := map[uint64]*Question{}
	var ordered []*Question
	var attempts [][]observation
	err := s.w.View(func(tx *wiki.Tx) error {
		for _, p := range pages {
			qs, err := pageQuestions(tx, p.ID)
			if err != nil {
				return err
			}
			for _, q := range qs {
				questions[q.ID] = q
			}
			ordered = append(ordered, qs...)
		}
		return tx.ForEach(bucketAttempts, nil, func(_, v []byte) error {
			var a Attempt
			if err := jsonDecode(v, &a); err != nil {
				return err
			}
			if byPage[a.PageID] != nil && !a.Open() {
				attempts = append(attempts, observations(&a, questions))
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	numbers := analyse(attempts)
	out := make([]QuestionStats, 0, len(ordered))
	for _, q := range ordered {
		out = append(out, newQuestionStats(byPage[q.PageID], q, numbers[q.ID]))
	}
	return out, s.addFlagCounts(pages, out)
}

// observations are an attempt's graded answers to questions that still
// exist.
func observations(a *Attempt, questions map[uint64]*Question) []observation {
	var obs []observation
	for i, it := range a.Items {
		q := questions[it.QuestionID]
		if q == nil || i >= len(a.Outcomes) || a.Outcomes[i].Pending {
			continue
		}
		o := observation{QuestionID: q.ID, Weight: q.Weight(), Credit: a.Outcomes[i].Credit, Counted: it.Version == q.Version}
		if i < len(a.Responses) {
			o.Confidence = a.Responses[i].Confidence
		}
		obs = append(obs, o)
	}
	return obs
}

func newQuestionStats(p *wiki.Page, q *Question, n ItemNumbers) QuestionStats {
	st := QuestionStats{Question: q, PagePath: p.Path, PageTitle: p.Title, URL: SectionLink(p.Path, q.Section),
		ItemNumbers: n, TooFew: n.N < MinStatsAttempts, Heading: "The page as a whole"}
	if sec, ok := p.Section(q.Section); ok {
		st.Heading = sec.Heading
	}
	return st
}

// addFlagCounts counts the takers' flags on each question and, with them
// known, what makes each question weak.
func (s *Store) addFlagCounts(pages []*wiki.Page, stats []QuestionStats) error {
	index := map[uint64]int{}
	for i, st := range stats {
		index[st.Question.ID] = i
	}
	for _, p := range pages {
		flags, err := s.PageFlags(p.ID)
		if err != nil {
			return err
		}
		for _, f := range flags {
			if i, ok := index[f.QuestionID]; ok {
				stats[i].Flags++
				if f.Open() {
					stats[i].OpenFlags++
				}
			}
		}
	}
	for i := range stats {
		stats[i].Weak = weaknesses(stats[i])
	}
	return nil
}

func weaknesses(st QuestionStats) []string {
	var out []string
	if st.N > 0 && st.Facility < WeakFacility {
		out = append(out, "hard: less than half the credit is earned — does the section explain it?")
	}
	if st.HasDiscrimination && st.Discrimination < weakDiscrimination {
		out = append(out, "does not separate: people who know the rest get it wrong as often — ambiguous or keyed wrongly?")
	}
	if st.ConfidenceN > 0 && st.ConfidentWrongRate() >= weakConfidentWrong {
		out = append(out, "confidently wrong: people are sure of a wrong answer — the page may mislead")
	}
	if st.OpenFlags > 0 {
		out = append(out, "flagged by takers as ambiguous, outdated or wrongly keyed")
	}
	return out
}

// Weakest returns the questions with something wrong, the most suspect
// first: most weaknesses, then lowest facility.
func Weakest(stats []QuestionStats, limit int) []QuestionStats {
	var out []QuestionStats
	for _, st := range stats {
		if len(st.Weak) > 0 {
			out = append(out, st)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Weak) != len(out[j].Weak) {
			return len(out[i].Weak) > len(out[j].Weak)
		}
		return out[i].Facility < out[j].Facility
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
