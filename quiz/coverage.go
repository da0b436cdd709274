package quiz

import (
	"net/url"
	"time"

	"github.com/handover/handover/wiki"
)

// Coverage is the outgoing owner's map of a handover's scope: per page and
// section, whether it is critical, how many questions check it, and how far
// each incoming owner has got with it.
type Coverage struct {
	Handover *Handover
	People   []string // incoming owners' labels, the columns
	Pages    []CoveragePage
	// Gaps are the critical sections no question checks yet.
	Gaps                        []CoverageSection
	Sections, Critical, Checked int // sections in scope, critical ones, critical ones with a question
}

// CoveragePage is one page in scope.
type CoveragePage struct {
	Path, Title string
	Acks        []string // per person: "acknowledged", "outdated" or "not yet"
	Sections    []CoverageSection
}

// CoverageSection is one section of a page in scope ("" is questions
// pinned to the page as a whole).
type CoverageSection struct {
	Path, PageTitle   string
	ID, Heading       string
	Level             int
	Critical          bool
	Questions         int
	Gap               bool
	URL, NewQuestion  string
	Answers           []CoverageAnswers // per person
	CriticalQuestions int
}

// CoverageAnswers is one person's answers to a section's questions.
type CoverageAnswers struct {
	Answered, Correct, Total int
}

// State is "yes" when every question is answered correctly, "partly",
// "no", or "" without questions.
func (a CoverageAnswers) State() string {
	switch {
	case a.Total == 0:
		return ""
	case a.Correct == a.Total:
		return "yes"
	case a.Answered > 0:
		return "partly"
	}
	return "no"
}

// Coverage maps handover h's scope at now.
func (s *Store) Coverage(h *Handover, now time.Time) (*Coverage, error) {
	d, err := s.loadScope(h)
	if err != nil {
		return nil, err
	}
	cov := &Coverage{Handover: h}
	var people []PersonReadiness
	for _, name := range h.Incoming {
		pr, err := s.personReadiness(h, d, name, now)
		if err != nil {
			return nil, err
		}
		people = append(people, pr)
		cov.People = append(cov.People, pr.Label)
	}
	for i, p := range d.pages {
		cp := coveragePage(p, d.questions[p.ID], people, i)
		cov.Pages = append(cov.Pages, cp)
		cov.count(cp)
	}
	return cov, nil
}

func (cov *Coverage) count(cp CoveragePage) {
	for _, sec := range cp.Sections {
		if sec.ID == "" {
			continue
		}
		cov.Sections++
		if sec.Critical {
			cov.Critical++
			if sec.Questions > 0 {
				cov.Checked++
			}
		}
		if sec.Gap {
			cov.Gaps = append(cov.Gaps, sec)
		}
	}
}

// coveragePage lays out page p (the i-th page of the scope, as in every
// person's readiness inputs).
func coveragePage(p *wiki.Page, qs []*Question, people []PersonReadiness, i int) CoveragePage {
	cp := CoveragePage{Path: p.Path, Title: p.Title}
	for _, pr := range people {
		cp.Acks = append(cp.Acks, ackWord(pr.Result.Pages[i]))
	}
	pinned := map[string][]*Question{}
	for _, q := range qs {
		pinned[q.Section] = append(pinned[q.Section], q)
	}
	if len(pinned[""]) > 0 {
		cp.Sections = append(cp.Sections, coverageSection(p, wiki.SectionInfo{Heading: "The page as a whole"}, pinned[""], people))
	}
	for _, sec := range p.Sections {
		// The page title's section (the text before the first subheading)
		// is shown only when it is critical or checked.
		if sec.ID == "" || sec.Level == 1 && len(pinned[sec.ID]) == 0 && !p.IsCritical(sec.ID) {
			continue
		}
		cp.Sections = append(cp.Sections, coverageSection(p, sec, pinned[sec.ID], people))
	}
	return cp
}

func coverageSection(p *wiki.Page, sec wiki.SectionInfo, qs []*Question, people []PersonReadiness) CoverageSection {
	cs := CoverageSection{Path: p.Path, PageTitle: p.Title, ID: sec.ID, Heading: sec.Heading, Level: sec.Level,
		Critical: sec.ID != "" && p.IsCritical(sec.ID), Questions: len(qs), URL: SectionLink(p.Path, sec.ID),
		NewQuestion: "/quiz/new/" + p.Path + "?section=" + url.QueryEscape(sec.ID)}
	cs.Gap = cs.Critical && len(qs) == 0
	ids := map[uint64]bool{}
	for _, q := range qs {
		ids[q.ID] = true
		if q.Critical {
			cs.CriticalQuestions++
		}
	}
	for _, pr := range people {
		cs.Answers = append(cs.Answers, answersOn(pr.Result.Items, ids))
	}
	return cs
}

func answersOn(items []ItemResult, ids map[uint64]bool) CoverageAnswers {
	var a CoverageAnswers
	for _, it := range items {
		if !ids[it.QuestionID] {
			continue
		}
		a.Total++
		if it.Attempted && !it.Pending {
			a.Answered++
		}
		if it.State == "correct" || it.State == "expiring" {
			a.Correct++
		}
	}
	return a
}

func ackWord(p PageInput) string {
	switch {
	case p.Acked:
		return "acknowledged"
	case p.Outdated:
		return "outdated"
	}
	return "not yet"
}
