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
// nothing; the rest are added. Parsing and comparing happen before the
// one write transaction, which is linear in the quiz. A quiz that would
// have more than MaxQuestions is an Invalid error and nothing is imported.
// Malformed questions are skipped and reported with their line; a file that is not UTF-8 is refused whole with
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
	if len(qs) > MaxQuestions {
		return nil, tooManyQuestions(len(qs))
	}
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
func prepareImport(p *wiki.Page, parsed []gift.Question, rep *ImportReport) []imported {
	var out []imported
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
		out = append(out, imported{q, contentKey(q)})
	}
	return out
}

// imported is a question of a GIFT file with its contentKey, computed
// before the write transaction.
type imported struct {
	q   *Question
	key string
}

// stored is a question of the quiz with its contentKey.
type stored struct {
	q   *Question
	key string
}

// importQuestions adds and updates in one pass: the quiz's questions are
// indexed once by export ID and by content, and the quiz (its order) is
// written once at the end.
func importQuestions(tx *wiki.Tx, p *wiki.Page, u *wiki.User, qs []imported, rep *ImportReport) error {
	qz, err := quizForEdit(tx, p.ID, u)
	if err != nil {
		return err
	}
	existing, err := pageQuestions(tx, p.ID)
	if err != nil {
		return err
	}
	byID := make(map[string]stored, len(existing))
	byContent := make(map[string]bool, len(existing))
	for _, q := range existing {
		k := contentKey(q)
		byID[exportID(q)] = stored{q, k}
		byContent[k] = true
	}
	for _, iq := range qs {
		if err := importOne(tx, qz, p, u, iq, byID, byContent, rep); err != nil {
			return err
		}
	}
	if len(qz.Order) > MaxQuestions {
		return tooManyQuestions(len(qz.Order))
	}
	if rep.Added == 0 {
		return nil
	}
	return tx.PutJSON(bucketQuizzes, key(p.ID), qz)
}

func importOne(tx *wiki.Tx, qz *Quiz, p *wiki.Page, u *wiki.User, iq imported, byID map[string]stored, byContent map[string]bool, rep *ImportReport) error {
	q := iq.q
	old, found := byID[q.GIFTID]
	switch {
	case !found && byContent[iq.key]:
		rep.Unchanged++ // a question without an id, imported before
		return nil
	case !found:
		if err := appendQuestion(tx, qz, p, u, q); err != nil {
			return err
		}
		rep.Added++
	case old.key == iq.key:
		rep.Unchanged++
		return nil
	default:
		q.ID, q.GIFTID = old.q.ID, old.q.GIFTID
		if err := replaceQuestion(tx, old.q, q); err != nil {
			return err
		}
		rep.Updated++
	}
	byID[exportID(q)] = stored{q, iq.key}
	return nil
}

// exportID is the id a question carries in GIFT: the one it was imported
// with, or one made from its number in this wiki.
func exportID(q *Question) string {
	if q.GIFTID != "" {
		return q.GIFTID
	}
	return fmt.Sprintf("handover-%d", q.ID)
}

// SameQuestion reports whether an imported question says exactly what a
// stored one says.
func SameQuestion(old, q *Question) bool { return contentKey(old) == contentKey(q) }

// contentKey is what a question says, as GIFT without its id: equal keys
// are the same question.
func contentKey(q *Question) string {
	g := q.toGIFT()
	g.ID = ""
	var b bytes.Buffer
	if err := gift.Write(&b, []gift.Question{g}); err != nil {
		return fmt.Sprintf("unwritable %p", q) // equal to nothing else
	}
	return b.String()
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
