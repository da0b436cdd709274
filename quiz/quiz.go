package quiz

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/handover/handover/wiki"
)

// Quiz holds the settings of a page's knowledge check and the order of its
// questions.
type Quiz struct {
	V                int       `json:"v"`
	PageID           uint64    `json:"page_id"`
	Author           string    `json:"author"`
	PassMark         int       `json:"pass_mark"`    // percent
	MaxAttempts      int       `json:"max_attempts"` // 0 = unlimited
	CooldownMinutes  int       `json:"cooldown_minutes"`
	TimeLimitMinutes int       `json:"time_limit_minutes"` // 0 = none
	Shuffle          bool      `json:"shuffle"`
	AskConfidence    bool      `json:"ask_confidence"`
	Order            []uint64  `json:"order"`
	Created          time.Time `json:"created"`
	Updated          time.Time `json:"updated"`
}

// Settings are the editable fields of a quiz.
type Settings struct {
	PassMark, MaxAttempts, CooldownMinutes, TimeLimitMinutes int
	Shuffle, AskConfidence                                   bool
}

// DefaultSettings are a new quiz's settings.
var DefaultSettings = Settings{PassMark: 80, CooldownMinutes: 10, Shuffle: true, AskConfidence: true}

func (st Settings) validate() error {
	switch {
	case st.PassMark < 0 || st.PassMark > 100:
		return wiki.Errorf(wiki.Invalid, "the pass mark is a percentage from 0 to 100")
	case st.MaxAttempts < 0 || st.MaxAttempts > 100:
		return wiki.Errorf(wiki.Invalid, "attempts allowed: 0 (unlimited) to 100")
	case st.CooldownMinutes < 0 || st.CooldownMinutes > 60*24*30:
		return wiki.Errorf(wiki.Invalid, "the cooldown is 0 to 43200 minutes (30 days)")
	case st.TimeLimitMinutes < 0 || st.TimeLimitMinutes > 24*60:
		return wiki.Errorf(wiki.Invalid, "the time limit is 0 (none) to 1440 minutes")
	}
	return nil
}

// Settings returns the quiz's editable fields.
func (q *Quiz) Settings() Settings {
	return Settings{PassMark: q.PassMark, MaxAttempts: q.MaxAttempts, CooldownMinutes: q.CooldownMinutes,
		TimeLimitMinutes: q.TimeLimitMinutes, Shuffle: q.Shuffle, AskConfidence: q.AskConfidence}
}

// CanEdit reports whether u is the quiz's author or an admin. On a page in
// the scope of an open handover that is not the whole rule: use
// Store.CanEditQuiz (quiz_access.go).
func (q *Quiz) CanEdit(u *wiki.User) bool {
	return u != nil && (u.IsAdmin() || u.Is(q.Author))
}

// Quiz returns the quiz of a page, or wiki.ErrNotFound.
func (s *Store) Quiz(pageID uint64) (*Quiz, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Quiz, error) { return getJSON[Quiz](tx, bucketQuizzes, key(pageID)) })
}

// quizForEdit returns the page's quiz, creating it with u as author when
// there is none, and checks that u may create or edit it.
func quizForEdit(tx *wiki.Tx, pageID uint64, u *wiki.User) (*Quiz, error) {
	q, err := getJSON[Quiz](tx, bucketQuizzes, key(pageID))
	if errors.Is(err, wiki.ErrNotFound) {
		q, err = nil, nil
	} else if err != nil {
		return nil, err
	}
	ac, err := quizAccessTx(tx, pageID)
	if err != nil {
		return nil, err
	}
	if err := ac.check(q, u); err != nil {
		return nil, err
	}
	if q == nil {
		st := DefaultSettings
		now := tx.Now()
		q = &Quiz{V: 1, PageID: pageID, Author: u.Name, PassMark: st.PassMark, CooldownMinutes: st.CooldownMinutes,
			Shuffle: st.Shuffle, AskConfidence: st.AskConfidence, Created: now, Updated: now}
	}
	return q, nil
}

// SaveSettings changes a page's quiz settings, creating the quiz if needed.
func (s *Store) SaveSettings(pageID uint64, u *wiki.User, st Settings) (*Quiz, error) {
	if err := st.validate(); err != nil {
		return nil, err
	}
	var q *Quiz
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if q, err = quizForEdit(tx, pageID, u); err != nil {
			return err
		}
		q.PassMark, q.MaxAttempts, q.CooldownMinutes = st.PassMark, st.MaxAttempts, st.CooldownMinutes
		q.TimeLimitMinutes, q.Shuffle, q.AskConfidence = st.TimeLimitMinutes, st.Shuffle, st.AskConfidence
		q.Updated = tx.Now()
		return tx.PutJSON(bucketQuizzes, key(pageID), q)
	})
	return q, err
}

// Question returns a question by ID, or wiki.ErrNotFound.
func (s *Store) Question(id uint64) (*Question, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Question, error) { return getJSON[Question](tx, bucketQuestions, key(id)) })
}

// Questions returns a page's questions in the quiz's order.
func (s *Store) Questions(pageID uint64) ([]*Question, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]*Question, error) { return pageQuestions(tx, pageID) })
}

func pageQuestions(tx *wiki.Tx, pageID uint64) ([]*Question, error) {
	qz, err := getJSON[Quiz](tx, bucketQuizzes, key(pageID))
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]*Question, 0, len(qz.Order))
	for _, id := range qz.Order {
		q, err := getJSON[Question](tx, bucketQuestions, key(id))
		if err != nil {
			return nil, fmt.Errorf("question %d of page %d: %w", id, pageID, err)
		}
		out = append(out, q)
	}
	return out, nil
}

// AddQuestion adds q to the page's quiz, pinned to q.Section of the page's
// current revision.
func (s *Store) AddQuestion(p *wiki.Page, u *wiki.User, q *Question) error {
	if err := Pin(p, q); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return err
	}
	return s.w.Update(func(tx *wiki.Tx) error { return addQuestion(tx, p, u, q) })
}

// MaxQuestions is the most questions a quiz may have: more is no longer a
// knowledge check, and an import of that many is a long write.
const MaxQuestions = 2000

func tooManyQuestions(n int) error {
	return wiki.Errorf(wiki.Invalid, "a quiz may have at most %d questions; this one would have %d", MaxQuestions, n)
}

func addQuestion(tx *wiki.Tx, p *wiki.Page, u *wiki.User, q *Question) error {
	qz, err := quizForEdit(tx, p.ID, u)
	if err != nil {
		return err
	}
	if len(qz.Order) >= MaxQuestions {
		return tooManyQuestions(len(qz.Order) + 1)
	}
	if err := appendQuestion(tx, qz, p, u, q); err != nil {
		return err
	}
	return tx.PutJSON(bucketQuizzes, key(p.ID), qz)
}

// appendQuestion stores q as a new question at the end of qz; the caller
// stores qz, once however many questions it appends.
func appendQuestion(tx *wiki.Tx, qz *Quiz, p *wiki.Page, u *wiki.User, q *Question) error {
	id, err := tx.NextID(bucketQuestions)
	if err != nil {
		return err
	}
	now := tx.Now()
	q.V, q.ID, q.PageID, q.Version, q.Author, q.Created, q.Updated = 1, id, p.ID, 1, u.Name, now, now
	qz.Order = append(qz.Order, id)
	qz.Updated = now
	if err := tx.PutJSON(bucketQuestions, key(id), q); err != nil {
		return err
	}
	return recordQuestion(tx, p, u, q, "added")
}

// pin checks that q's section exists on the page and records its hash.
func Pin(p *wiki.Page, q *Question) error {
	sec, ok := p.Section(q.Section)
	if !ok {
		return wiki.Errorf(wiki.Invalid, "the page %q has no section %q to pin the question to", p.Path, q.Section)
	}
	q.SectionHash = sec.Hash
	return nil
}

// EditResult says what EditQuestion did with an edited question.
type EditResult int

// What EditQuestion did.
const (
	EditUnchanged EditResult = iota // nothing changed, nothing saved
	EditSaved                       // saved as a new version
	EditConfirmed                   // nothing changed; the stale question is confirmed
)

// EditQuestion saves q, the edited form of old, as a new version, unless
// nothing changed: then a stale question is confirmed instead, so takers'
// answers keep counting.
func (s *Store) EditQuestion(p *wiki.Page, u *wiki.User, old, q *Question) (EditResult, error) {
	if err := Pin(p, q); err != nil {
		return EditUnchanged, err
	}
	switch {
	case !SameQuestion(old, q):
		return EditSaved, s.UpdateQuestion(p, u, q)
	case old.Stale(p):
		return EditConfirmed, s.ConfirmQuestion(p, u, old.ID)
	}
	return EditUnchanged, nil
}

// UpdateQuestion replaces a question's content. It becomes a new version:
// earlier answers no longer count, and it is pinned to the section as it is
// now.
func (s *Store) UpdateQuestion(p *wiki.Page, u *wiki.User, q *Question) error {
	if err := Pin(p, q); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return err
	}
	return s.w.Update(func(tx *wiki.Tx) error { return updateQuestion(tx, p, u, q) })
}

func updateQuestion(tx *wiki.Tx, p *wiki.Page, u *wiki.User, q *Question) error {
	if _, err := quizForEdit(tx, p.ID, u); err != nil {
		return err
	}
	old, err := getJSON[Question](tx, bucketQuestions, key(q.ID))
	if err != nil || old.PageID != p.ID {
		return wiki.Errorf(wiki.NotFound, "no question %d on this page", q.ID)
	}
	if err := replaceQuestion(tx, old, q); err != nil {
		return err
	}
	return recordQuestion(tx, p, u, q, fmt.Sprintf("edited (version %d)", q.Version))
}

// replaceQuestion stores q as the next version of old, keeping old.
func replaceQuestion(tx *wiki.Tx, old, q *Question) error {
	q.V, q.PageID, q.Author, q.Created = 1, old.PageID, old.Author, old.Created
	q.Version, q.Updated, q.Confirmed = old.Version+1, tx.Now(), time.Time{}
	if err := tx.PutJSON(bucketQuestionVersions, key(q.ID, uint64(old.Version)), old); err != nil {
		return err
	}
	return tx.PutJSON(bucketQuestions, key(q.ID), q)
}

// ConfirmQuestion records that a change of the pinned section does not
// affect the question: it is pinned to the current text again, and earlier
// answers count again.
func (s *Store) ConfirmQuestion(p *wiki.Page, u *wiki.User, id uint64) error {
	return s.changeQuestion(p, u, id, func(tx *wiki.Tx, q *Question) error {
		if err := Pin(p, q); err != nil {
			return wiki.Errorf(wiki.Invalid, "its section is gone from the page: edit the question to pin it to another section")
		}
		q.Confirmed = tx.Now()
		return recordQuestion(tx, p, u, q, "confirmed after its section changed")
	})
}

func (s *Store) changeQuestion(p *wiki.Page, u *wiki.User, id uint64, fn func(*wiki.Tx, *Question) error) error {
	return s.w.Update(func(tx *wiki.Tx) error {
		if _, err := quizForEdit(tx, p.ID, u); err != nil {
			return err
		}
		q, err := getJSON[Question](tx, bucketQuestions, key(id))
		if err != nil || q.PageID != p.ID {
			return wiki.Errorf(wiki.NotFound, "no question %d on this page", id)
		}
		if err := fn(tx, q); err != nil {
			return err
		}
		return tx.PutJSON(bucketQuestions, key(id), q)
	})
}

// DeleteQuestion removes a question from the page's quiz. Answers given to
// it stay in attempts' history but no longer count.
func (s *Store) DeleteQuestion(p *wiki.Page, u *wiki.User, id uint64) error {
	return s.w.Update(func(tx *wiki.Tx) error {
		qz, err := quizForEdit(tx, p.ID, u)
		if err != nil {
			return err
		}
		if !slices.Contains(qz.Order, id) {
			return wiki.Errorf(wiki.NotFound, "no question %d on this page", id)
		}
		qz.Order = slices.DeleteFunc(qz.Order, func(x uint64) bool { return x == id })
		if q, err := getJSON[Question](tx, bucketQuestions, key(id)); err == nil {
			if err := recordQuestion(tx, p, u, q, "retired"); err != nil {
				return err
			}
		}
		if err := tx.Delete(bucketQuestions, key(id)); err != nil {
			return err
		}
		if err := deleteVersions(tx, id); err != nil {
			return err
		}
		return tx.PutJSON(bucketQuizzes, key(p.ID), qz)
	})
}

// MoveQuestion moves a question one place up (delta -1) or down (+1).
func (s *Store) MoveQuestion(p *wiki.Page, u *wiki.User, id uint64, delta int) error {
	return s.w.Update(func(tx *wiki.Tx) error {
		qz, err := quizForEdit(tx, p.ID, u)
		if err != nil {
			return err
		}
		i := slices.Index(qz.Order, id)
		j := i + delta
		if i < 0 || j < 0 || j >= len(qz.Order) {
			return nil
		}
		qz.Order[i], qz.Order[j] = qz.Order[j], qz.Order[i]
		return tx.PutJSON(bucketQuizzes, key(p.ID), qz)
	})
}
