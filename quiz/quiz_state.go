package quiz

import (
	"errors"
	"slices"
	"sort"
	"time"

	"github.com/handover/handover/wiki"
)

// TakeState is where a person stands with a page's quiz: what the quiz
// overview shows before an attempt is started or resumed.
type TakeState struct {
	Quiz *Quiz
	// Open is the attempt in progress, if any.
	Open *Attempt
	// Submitted are the person's finished attempts, newest first.
	Submitted []*Attempt
	// Used counts every attempt started; Left is what remains of the
	// attempt limit, which re-checks do not count against (-1: unlimited).
	Used, Left int
	// RetryAt is when the cooldown ends; zero when the person may start.
	RetryAt time.Time
}

// TakeState returns u's standing with the page's quiz; wiki.ErrNotFound
// when the page has no quiz.
func (s *Store) TakeState(p *wiki.Page, u *wiki.User) (*TakeState, error) {
	st := &TakeState{}
	err := s.w.View(func(tx *wiki.Tx) error {
		var err error
		if st.Quiz, err = getJSON[Quiz](tx, bucketQuizzes, key(p.ID)); err != nil {
			return err
		}
		past, err := userAttempts(tx, u.ID, p.ID)
		if err != nil {
			return err
		}
		st.fill(past, tx.Now())
		return nil
	})
	return st, err
}

func (st *TakeState) fill(past []*Attempt, now time.Time) {
	st.Used, st.Left = len(past), -1
	if st.Quiz.MaxAttempts > 0 {
		st.Left = max(st.Quiz.MaxAttempts-countedAttempts(past), 0)
	}
	for i := len(past) - 1; i >= 0; i-- {
		if past[i].Open() {
			st.Open = past[i]
		} else {
			st.Submitted = append(st.Submitted, past[i])
		}
	}
	sort.SliceStable(st.Submitted, func(i, j int) bool { return st.Submitted[i].Submitted.After(st.Submitted[j].Submitted) })
	if end := cooldownEnd(st.Quiz, past, now); now.Before(end) {
		st.RetryAt = end
	}
}

// QuizAttempts returns every attempt at a page's quiz, newest first.
func (s *Store) QuizAttempts(pageID uint64) ([]*Attempt, error) {
	return s.attemptsWhere(func(a *Attempt) bool { return a.PageID == pageID })
}

func (s *Store) attemptsWhere(keep func(*Attempt) bool) ([]*Attempt, error) {
	var out []*Attempt
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketAttempts, nil, func(_, v []byte) error {
			var a Attempt
			if err := jsonDecode(v, &a); err != nil {
				return err
			}
			if keep(&a) {
				out = append(out, &a)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started.After(out[j].Started) })
	return out, err
}

// QuizzesBy returns the quizzes u may edit (an admin's: all of them but
// those of the handovers the admin takes over), as CanEditQuiz decides.
func (s *Store) QuizzesBy(u *wiki.User) ([]*Quiz, error) {
	var out []*Quiz
	err := s.w.View(func(tx *wiki.Tx) error {
		hs, err := openHandoversTx(tx)
		if err != nil {
			return err
		}
		return tx.ForEach(bucketQuizzes, nil, func(_, v []byte) error {
			var q Quiz
			if err := jsonDecode(v, &q); err != nil {
				return err
			}
			var p *wiki.Page
			if len(hs) > 0 { // only a covering handover makes the page matter
				if p, err = tx.PageByID(q.PageID); errors.Is(err, wiki.ErrNotFound) {
					p = nil
				} else if err != nil {
					return err
				}
			}
			if accessOf(hs, p).check(&q, u) == nil {
				out = append(out, &q)
			}
			return nil
		})
	})
	return out, err
}

// PendingEssay is a teach-back answer waiting for the quiz author's grade.
type PendingEssay struct {
	Attempt *Attempt
	Index   int // of the item in the attempt
}

// PendingEssays returns the ungraded essay answers in quizzes u may edit,
// oldest first, but not u's own.
func (s *Store) PendingEssays(u *wiki.User) ([]PendingEssay, error) {
	quizzes, err := s.QuizzesBy(u)
	if err != nil {
		return nil, err
	}
	mine := map[uint64]bool{}
	for _, q := range quizzes {
		mine[q.PageID] = true
	}
	as, err := s.attemptsWhere(func(a *Attempt) bool {
		return mine[a.PageID] && a.UserID != u.ID && !a.Open() && a.Pending()
	})
	if err != nil {
		return nil, err
	}
	var out []PendingEssay
	for i := len(as) - 1; i >= 0; i-- {
		for j, o := range as[i].Outcomes {
			if o.Pending {
				out = append(out, PendingEssay{Attempt: as[i], Index: j})
			}
		}
	}
	return out, nil
}

// AttemptsSeen returns which attempts at the page's quiz u may see besides
// their own: every one for admins and whoever may edit the quiz
// (CanEditQuiz: not an incoming owner of a handover covering the page);
// for the manager of a handover whose scope includes the page, those made
// within that handover's lifetime (lifetime.go). It returns nil when u
// sees none.
func (s *Store) AttemptsSeen(u *wiki.User, qz *Quiz, p *wiki.Page) (func(*Attempt) bool, error) {
	if u == nil {
		return nil, nil
	}
	if u.IsAdmin() {
		return func(*Attempt) bool { return true }, nil
	}
	if ok, err := s.CanEditQuiz(p, qz, u); ok || err != nil {
		return func(*Attempt) bool { return ok }, err
	}
	hs, err := s.Handovers(u)
	if err != nil {
		return nil, err
	}
	hs = slices.DeleteFunc(hs, func(h *Handover) bool { return !u.Is(h.Manager) || !h.InScope(p.Path) })
	if len(hs) == 0 {
		return nil, nil
	}
	return func(a *Attempt) bool {
		return slices.ContainsFunc(hs, func(h *Handover) bool { return h.Holds(p.Path, AttemptTime(a)) })
	}, nil
}

// CanSeeAllAttempts reports whether u may see the list of attempts at the
// page's quiz, all of them or those AttemptsSeen keeps.
func (s *Store) CanSeeAllAttempts(u *wiki.User, qz *Quiz, p *wiki.Page) (bool, error) {
	seen, err := s.AttemptsSeen(u, qz, p)
	return seen != nil, err
}

// CanSeeAttempt reports whether u may see attempt a: the taker, or anyone
// AttemptsSeen lets see it.
func (s *Store) CanSeeAttempt(u *wiki.User, a *Attempt, p *wiki.Page) (bool, error) {
	if u == nil {
		return false, nil
	}
	if a.UserID == u.ID {
		return true, nil
	}
	qz, err := s.Quiz(p.ID)
	if errors.Is(err, wiki.ErrNotFound) {
		return u.IsAdmin(), nil
	} else if err != nil {
		return false, err
	}
	seen, err := s.AttemptsSeen(u, qz, p)
	return seen != nil && seen(a), err
}

// StaleQuestion is a question whose pinned section changed since it was
// written or confirmed, with whether the reader may edit its quiz.
type StaleQuestion struct {
	Q       *Question
	Page    *wiki.Page
	CanEdit bool
}

// StaleQuestions lists the stale questions of the quizzes on pages, in
// the pages' order, as u sees them: one read for all the pages.
func (s *Store) StaleQuestions(pages []*wiki.Page, u *wiki.User) ([]StaleQuestion, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]StaleQuestion, error) {
		hs, err := openHandoversTx(tx)
		if err != nil {
			return nil, err
		}
		var out []StaleQuestion
		for _, p := range pages {
			qs, err := pageQuestions(tx, p.ID)
			if err != nil {
				return nil, err
			}
			if len(qs) == 0 {
				continue
			}
			qz, err := getJSON[Quiz](tx, bucketQuizzes, key(p.ID))
			if err != nil {
				return nil, err
			}
			canEdit := accessOf(hs, p).check(qz, u) == nil
			for _, q := range qs {
				if q.Stale(p) {
					out = append(out, StaleQuestion{Q: q, Page: p, CanEdit: canEdit})
				}
			}
		}
		return out, nil
	})
}
