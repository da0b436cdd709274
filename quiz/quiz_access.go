package quiz

import (
	"errors"
	"fmt"
	"slices"

	"github.com/handover/handover/wiki"
)

// Who may author a quiz. Outside any handover: its author and admins, and
// anyone may start a quiz on a page that has none. On a page in the scope
// of an open handover the handover decides as well: its incoming owners
// may neither create nor change the quiz, nor grade its teach-back answers
// (they would write or mark the test of their own readiness), even when
// they wrote it earlier or are admins; its outgoing owners and the page's
// owner may, besides the quiz's author and admins. Nobody grades their own
// answers.

// quizAccess is what the open handovers covering one page say about who
// may author its quiz.
type quizAccess struct {
	page    *wiki.Page // nil when the page is gone
	covered []*Handover
}

// check returns nil when u may create (qz nil) or change the quiz, else an
// error of kind Forbidden that says who may.
func (ac quizAccess) check(qz *Quiz, u *wiki.User) error {
	if u == nil {
		return wiki.Errorf(wiki.Forbidden, "sign in to write a knowledge check")
	}
	for _, h := range ac.covered {
		if err := refuseIncoming(h, u.Name, "write or grade this page's knowledge check", ac.owner()); err != nil {
			return err
		}
	}
	switch {
	case qz == nil, u.IsAdmin(), u.Is(qz.Author):
		return nil
	case len(ac.covered) == 0:
		return wiki.Errorf(wiki.Forbidden, "only the quiz's author (%s) or an administrator may change it", qz.Author)
	case ac.page != nil && u.Is(ac.page.Owner):
		return nil
	}
	if slices.ContainsFunc(ac.covered, func(h *Handover) bool { return h.IsOutgoing(u.Name) }) {
		return nil
	}
	return wiki.Errorf(wiki.Forbidden, "only the quiz's author (%s), the page's owner, the outgoing owner of the handover "+
		"covering the page or an administrator may change it", qz.Author)
}

func (ac quizAccess) owner() string {
	if ac.page == nil {
		return ""
	}
	return ac.page.Owner
}

// accessOf picks, from the open handovers hs, those covering page p.
func accessOf(hs []*Handover, p *wiki.Page) quizAccess {
	ac := quizAccess{page: p}
	if p == nil {
		return ac
	}
	for _, h := range hs {
		if h.InScope(p.Path) {
			ac.covered = append(ac.covered, h)
		}
	}
	return ac
}

// openHandoversTx returns the handovers that are not closed.
func openHandoversTx(tx *wiki.Tx) ([]*Handover, error) {
	var out []*Handover
	err := tx.ForEach(bucketHandovers, nil, func(_, v []byte) error {
		var h Handover
		if err := jsonDecode(v, &h); err != nil {
			return err
		}
		if !h.Closed {
			out = append(out, &h)
		}
		return nil
	})
	return out, err
}

// quizAccessTx reads the access rules of the page with the given ID.
func quizAccessTx(tx *wiki.Tx, pageID uint64) (quizAccess, error) {
	p, err := tx.PageByID(pageID)
	if errors.Is(err, wiki.ErrNotFound) {
		return quizAccess{}, nil
	} else if err != nil {
		return quizAccess{}, err
	}
	hs, err := openHandoversTx(tx)
	return accessOf(hs, p), err
}

// CheckQuizEdit returns nil when u may create (qz nil) or change the quiz
// of page p, else an error of kind Forbidden saying who may.
func (s *Store) CheckQuizEdit(p *wiki.Page, qz *Quiz, u *wiki.User) error {
	var hs []*Handover
	err := s.w.View(func(tx *wiki.Tx) error {
		var err error
		hs, err = openHandoversTx(tx)
		return err
	})
	if err != nil {
		return err
	}
	return accessOf(hs, p).check(qz, u)
}

// CanEditQuiz reports whether u may create (qz nil) or change the quiz of
// page p, for what the pages offer.
func (s *Store) CanEditQuiz(p *wiki.Page, qz *Quiz, u *wiki.User) (bool, error) {
	err := s.CheckQuizEdit(p, qz, u)
	if wiki.ErrorKind(err) == wiki.Forbidden {
		return false, nil
	}
	return err == nil, err
}

// mayGrade returns nil when u may grade the answers of attempt a at
// quiz qz: whoever may change the quiz, never the taker.
func mayGrade(ac quizAccess, qz *Quiz, a *Attempt, u *wiki.User) error {
	if u != nil && u.ID == a.UserID {
		return wiki.Errorf(wiki.Forbidden, "nobody grades their own answers")
	}
	if err := ac.check(qz, u); err != nil {
		return wiki.Errorf(wiki.Forbidden, "%s (grading its teach-back answers included)", wiki.ErrorMessage(err))
	}
	return nil
}

// CanGrade reports whether u may grade the teach-back answers of attempt a.
func (s *Store) CanGrade(a *Attempt, qz *Quiz, u *wiki.User) (bool, error) {
	var err error
	verr := s.w.View(func(tx *wiki.Tx) error {
		ac, aerr := quizAccessTx(tx, a.PageID)
		if aerr != nil {
			return aerr
		}
		err = mayGrade(ac, qz, a, u)
		return nil
	})
	return verr == nil && err == nil, verr
}

// GradeEssay records a grade (credit 0..1) and comment for a teach-back
// answer, and tells the taker. Whoever may change the quiz grades it (see
// the rules above), the taker never.
func (s *Store) GradeEssay(attemptID, questionID uint64, grader *wiki.User, credit float64, comment string) (*Attempt, error) {
	if credit < 0 || credit > 1 {
		return nil, wiki.Errorf(wiki.Invalid, "the grade is between 0 and 100%%")
	}
	var a *Attempt
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if a, err = getJSON[Attempt](tx, bucketAttempts, key(attemptID)); err != nil {
			return err
		}
		qz, err := getJSON[Quiz](tx, bucketQuizzes, key(a.PageID))
		if err != nil {
			return err
		}
		ac, err := quizAccessTx(tx, a.PageID)
		if err != nil {
			return err
		}
		if err := mayGrade(ac, qz, a, grader); err != nil {
			return err
		}
		return gradeTx(tx, a, questionID, grader, credit, comment)
	})
	return a, err
}

// gradeTx records the grade of the answer to questionID in attempt a.
func gradeTx(tx *wiki.Tx, a *Attempt, questionID uint64, grader *wiki.User, credit float64, comment string) error {
	i := a.itemIndex(questionID)
	if i < 0 || a.Open() {
		return wiki.Errorf(wiki.NotFound, "no submitted answer to question %d in this attempt", questionID)
	}
	if a.Late {
		return wiki.Errorf(wiki.Invalid, "this attempt was submitted after the time limit: its answers earn no credit")
	}
	q, err := questionAt(tx, questionID, a.Items[i].Version)
	if err != nil || q.Type != Essay {
		return wiki.Errorf(wiki.Invalid, "only teach-back (essay) answers are graded by hand")
	}
	// A critical question counts towards readiness only when fully right
	// (the gate asks f = 1), so a 90% grade would silently fail it.
	if q.Critical && credit != 0 && credit != 1 {
		return wiki.Errorf(wiki.Invalid, "a teach-back answer on a critical question is graded Pass or Needs work, not a percentage")
	}
	before := "not graded"
	if old := a.Outcomes[i]; old.GradedBy != "" {
		before = fmt.Sprintf("%.0f%% by %s", 100*old.Credit, old.GradedBy)
	}
	a.Outcomes[i] = Outcome{Credit: credit, Comment: comment, GradedBy: grader.Name}
	if err := recordAnswer(tx, a, RecordEntry{Actor: grader.Name, Kind: RecordGrade, Before: before, After: fmt.Sprintf("%.0f%%", 100*credit),
		What: fmt.Sprintf("graded %s's teach-back answer to “%s”", a.User, questionLabel(q))}); err != nil {
		return err
	}
	if err := putRecord(tx, a, i); err != nil {
		return err
	}
	if err := scoreAndStore(tx, a); err != nil {
		return err
	}
	return gradeEvent(tx, a, grader.Name, credit)
}
