package quiz

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki"
)

// MaxGIFTBytes is the largest GIFT file an import reads (1 MiB holds
// thousands of questions).
const MaxGIFTBytes = 1 << 20

// ImportReport says what a GIFT import did.
type ImportReport struct {
	Added, Updated, Unchanged int
	// Skipped are questions that were not imported, with their lines.
	Skipped []gift.ParseError
	// Warnings are questions imported with a change, e.g. pinned to the
	// whole page because their section is not on it.
	Warnings []gift.ParseError
}

// Imported is the number of questions of the file now in the quiz.
func (r *ImportReport) Imported() int { return r.Added + r.Updated + r.Unchanged }

// ImportGIFT reads GIFT from r into the page's quiz, creating the quiz with
// u as its author if there is none. A question whose id matches one of the
// quiz's questions (see exportID) replaces it, and one identical to a
// question of the quiz is left alone, so importing a file again changes
// nothing; the rest are added. Malformed questions are skipped and
// reported with their line; a file that is not UTF-8 is refused whole with
// an Invalid error naming the reason.
func (s *Store) ImportGIFT(p *wiki.Page, u *wiki.User, r io.Reader) (*ImportReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxGIFTBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read gift: %w", err)
	}
	if len(data) > MaxGIFTBytes {
		return nil, wiki.Errorf(wiki.TooLarge, "the GIFT file is larger than the limit of 1 MiB")
	}
	parsed, perrs, err := gift.Parse(bytes.NewReader(data))
	var encErr *gift.EncodingError
	if errors.As(err, &encErr) {
		return nil, wiki.Errorf(wiki.Invalid, "the file is %s", encErr.Error())
	} else if err != nil {
		return nil, err
	}
	rep := &ImportReport{Skipped: perrs}
	qs := prepareImport(p, parsed, rep)
	head := readHeader(data)
	err = s.w.Update(func(tx *wiki.Tx) error {
		rep.Added, rep.Updated, rep.Unchanged = 0, 0, 0
		if err := head.createQuiz(tx, p, u); err != nil {
			return err
		}
		return importQuestions(tx, p, u, qs, rep)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// prepareImport converts parsed questions, pinning each to its section (or
// to the page as a whole when the page has no such section).
func prepareImport(p *wiki.Page, parsed []gift.Question, rep *ImportReport) []*Question {
	var out []*Question
	for _, g := range parsed {
		q, err := FromGIFT(g)
		if err != nil {
			rep.Skipped = append(rep.Skipped, gift.ParseError{Line: g.Line, Msg: "a description is not a question"})
			continue
		}
		if _, ok := p.Section(q.Section); !ok {
			rep.Warnings = append(rep.Warnings, gift.ParseError{Line: g.Line, Msg: fmt.Sprintf(
				"the page has no section %q; the question is pinned to the page as a whole", q.Section)})
			q.Section = ""
		}
		if err := Pin(p, q); err != nil {
			rep.Skipped = append(rep.Skipped, gift.ParseError{Line: g.Line, Msg: wiki.ErrorMessage(err)})
			continue
		}
		if err := q.Validate(); err != nil {
			rep.Skipped = append(rep.Skipped, gift.ParseError{Line: g.Line, Msg: wiki.ErrorMessage(err)})
			continue
		}
		out = append(out, q)
	}
	return out
}

func importQuestions(tx *wiki.Tx, p *wiki.Page, u *wiki.User, qs []*Question, rep *ImportReport) error {
	if _, err := quizForEdit(tx, p.ID, u); err != nil {
		return err
	}
	existing, err := pageQuestions(tx, p.ID)
	if err != nil {
		return err
	}
	byID := map[string]*Question{}
	for _, q := range existing {
		byID[exportID(q)] = q
	}
	for _, q := range qs {
		old := byID[q.GIFTID]
		if old == nil && sameAsAny(existing, q) {
			rep.Unchanged++ // a question without an id, imported before
			continue
		}
		switch {
		case old == nil:
			if err := addQuestion(tx, p, u, q); err != nil {
				return err
			}
			rep.Added++
		case SameQuestion(old, q):
			rep.Unchanged++
			continue
		default:
			q.ID, q.GIFTID = old.ID, old.GIFTID
			if err := updateQuestion(tx, p, u, q); err != nil {
				return err
			}
			rep.Updated++
		}
		byID[exportID(q)] = q
	}
	return nil
}

func sameAsAny(qs []*Question, q *Question) bool {
	for _, e := range qs {
		if SameQuestion(e, q) {
			return true
		}
	}
	return false
}

// exportID is the id a question carries in GIFT: the one it was imported
// with, or one made from its number in this wiki.
func exportID(q *Question) string {
	if q.GIFTID != "" {
		return q.GIFTID
	}
	return fmt.Sprintf("handover-%d", q.ID)
}

// sameQuestion reports whether an imported question says exactly what a
// stored one says.
func SameQuestion(old, q *Question) bool {
	a, b := old.toGIFT(), q.toGIFT()
	a.ID, b.ID = "", ""
	var wa, wb bytes.Buffer
	return gift.Write(&wa, []gift.Question{a}) == nil && gift.Write(&wb, []gift.Question{b}) == nil &&
		bytes.Equal(wa.Bytes(), wb.Bytes())
}

// ExportGIFT writes the page's quiz as GIFT, in the quiz's order, and
// returns the number of questions. The pinned section and the critical flag
// travel as tags. GIFT cannot return to "no category" once one is set, so a
// question without a category that follows one with a category is written
// in that category.
func (s *Store) ExportGIFT(pageID uint64, w io.Writer) (int, error) {
	qs, err := s.Questions(pageID)
	if err != nil {
		return 0, err
	}
	out := make([]gift.Question, 0, len(qs))
	category := ""
	for _, q := range qs {
		g := q.toGIFT()
		g.ID = exportID(q)
		if g.Category == "" {
			g.Category = category
		}
		category = g.Category
		out = append(out, g)
	}
	qz, err := s.Quiz(pageID)
	if err != nil {
		return 0, err
	}
	var b bytes.Buffer
	b.WriteString(headerLine(qz))
	if err := gift.Write(&b, out); err != nil {
		return 0, err
	}
	if _, err := b.WriteTo(w); err != nil {
		return 0, fmt.Errorf("write gift: %w", err)
	}
	return len(out), nil
}
