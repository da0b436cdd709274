package quiz

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki"
)

// Type is a question type. The names are GIFT's, so import and export map
// one to one.
type Type = gift.Type

// Question types.
const (
	SingleChoice   = gift.TypeMultichoice
	MultipleChoice = gift.TypeMultianswer
	TrueFalse      = gift.TypeTrueFalse
	ShortAnswer    = gift.TypeShortAnswer
	Numerical      = gift.TypeNumerical
	Matching       = gift.TypeMatching
	Essay          = gift.TypeEssay
)

// TypeNames are the types an author can choose, with readable labels.
var TypeNames = []struct {
	Type  Type
	Label string
}{
	{SingleChoice, "Single choice"},
	{MultipleChoice, "Multiple choice (weights)"},
	{TrueFalse, "True / false"},
	{ShortAnswer, "Short answer"},
	{Numerical, "Numerical"},
	{Matching, "Matching"},
	{Essay, "Teach-back (essay, graded by you)"},
}

// Question is a knowledge check pinned to one section of a page.
type Question struct {
	V       int    `json:"v"`
	ID      uint64 `json:"id"`
	PageID  uint64 `json:"page_id"`
	Section string `json:"section"`
	// SectionHash is the section's text hash when the question was written
	// or last confirmed; a different current hash makes it stale.
	SectionHash string `json:"section_hash"`
	Type        Type   `json:"type"`
	Name        string `json:"name,omitempty"`
	Text        string `json:"text"`
	// Answers are choices (single/multiple choice) or accepted answers
	// (short answer), with weights in percent.
	Answers       []gift.Answer    `json:"answers,omitempty"`
	Pairs         []gift.Pair      `json:"pairs,omitempty"`
	Numbers       []gift.NumAnswer `json:"numbers,omitempty"`
	Truth         bool             `json:"truth,omitempty"`
	TrueFeedback  string           `json:"true_feedback,omitempty"`
	FalseFeedback string           `json:"false_feedback,omitempty"`
	// Explanation is shown after answering (GIFT's general feedback).
	Explanation string    `json:"explanation,omitempty"`
	Critical    bool      `json:"critical,omitempty"`
	Category    string    `json:"category,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	GIFTID      string    `json:"gift_id,omitempty"`
	Version     int       `json:"version"`
	Author      string    `json:"author"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	// Confirmed is when the author last confirmed the question after its
	// section changed.
	Confirmed time.Time `json:"confirmed,omitzero"`
}

// Weight is the question's weight in readiness: 3 if critical, else 1.
func (q *Question) Weight() float64 {
	if q.Critical {
		return 3
	}
	return 1
}

// Stale reports whether the pinned section changed since the question was
// written or confirmed (or the section is gone).
func (q *Question) Stale(p *wiki.Page) bool {
	s, ok := p.Section(q.Section)
	return !ok || s.Hash != q.SectionHash
}

// TypeLabel returns the readable name of the question's type.
func (q *Question) TypeLabel() string {
	for _, t := range TypeNames {
		if t.Type == q.Type {
			return t.Label
		}
	}
	return string(q.Type)
}

// Label is a short description of the question for lists.
func (q *Question) Label() string {
	if q.Name != "" {
		return q.Name
	}
	text := strings.Join(strings.Fields(q.Text), " ")
	if utf8.RuneCountInString(text) > 80 {
		r := []rune(text)
		text = string(r[:77]) + "…"
	}
	return text
}

// Validate checks a question the way GIFT's writer does (so every stored
// question can be exported) plus the limits of the wiki.
func (q *Question) Validate() error {
	q.Text = strings.TrimSpace(q.Text)
	switch {
	case q.Text == "":
		return wiki.Errorf(wiki.Invalid, "the question needs a text")
	case len(q.Text) > 10_000 || len(q.Explanation) > 10_000:
		return wiki.Errorf(wiki.Invalid, "the question text and explanation are limited to 10,000 characters each")
	case !KnownType(q.Type):
		return wiki.Errorf(wiki.Invalid, "unknown question type %q", q.Type)
	}
	if err := gift.Write(discard{}, []gift.Question{q.toGIFT()}); err != nil {
		return wiki.Errorf(wiki.Invalid, "%s", strings.TrimPrefix(err.Error(), "gift: "))
	}
	return nil
}

func KnownType(t Type) bool {
	for _, n := range TypeNames {
		if n.Type == t {
			return true
		}
	}
	return false
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Tags that carry handover's own fields through GIFT.
const (
	tagCritical      = "critical"
	tagSectionPrefix = "section:"
)

// toGIFT converts q for export.
func (q *Question) toGIFT() gift.Question {
	tags := append([]string(nil), q.Tags...)
	if q.Critical {
		tags = append(tags, tagCritical)
	}
	if q.Section != "" {
		tags = append(tags, tagSectionPrefix+q.Section)
	}
	return gift.Question{Category: q.Category, ID: q.GIFTID, Tags: tags, Name: q.Name,
		Format: gift.FormatMarkdown, Text: q.Text, Type: q.Type, Answers: q.Answers, Pairs: q.Pairs,
		Numbers: q.Numbers, Truth: q.Truth, TrueFeedback: q.TrueFeedback,
		FalseFeedback: q.FalseFeedback, GeneralFeedback: q.Explanation}
}

// FromGIFT converts an imported question; the section and critical flag
// come from its tags.
func FromGIFT(g gift.Question) (*Question, error) {
	if g.Type == gift.TypeDescription {
		return nil, fmt.Errorf("line %d: a description is not a question; skipped", g.Line)
	}
	q := &Question{V: 1, Type: g.Type, Name: g.Name, Text: g.Text, Answers: g.Answers, Pairs: g.Pairs,
		Numbers: g.Numbers, Truth: g.Truth, TrueFeedback: g.TrueFeedback, FalseFeedback: g.FalseFeedback,
		Explanation: g.GeneralFeedback, Category: g.Category, GIFTID: g.ID}
	toMarkdown(q, g.Format)
	for _, t := range g.Tags {
		switch {
		case t == tagCritical:
			q.Critical = true
		case strings.HasPrefix(t, tagSectionPrefix):
			q.Section = strings.TrimPrefix(t, tagSectionPrefix)
		default:
			q.Tags = append(q.Tags, t)
		}
	}
	return q, nil
}
