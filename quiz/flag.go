package quiz

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover/handover/wiki"
)

// FlagKind is what a taker says is wrong with a question.
type FlagKind string

// Flag kinds.
const (
	FlagAmbiguous FlagKind = "ambiguous"
	FlagOutdated  FlagKind = "outdated"
	FlagWrongKey  FlagKind = "wrong-key"
)

// FlagKinds are the kinds a taker can choose, with readable labels.
var FlagKinds = []struct {
	Kind  FlagKind
	Label string
}{
	{FlagAmbiguous, "Ambiguous: it can be read more than one way"},
	{FlagOutdated, "Outdated: the page or the practice has changed"},
	{FlagWrongKey, "Wrong key: my answer should count as right"},
}

// maxFlagComment bounds a flag's comment.
const maxFlagComment = 2000

// Flag is a taker's report that a question is ambiguous, outdated or has a
// wrong key, routed to the quiz's author until resolved.
type Flag struct {
	V          int       `json:"v"`
	ID         uint64    `json:"id"`
	PageID     uint64    `json:"page_id"`
	QuestionID uint64    `json:"question_id"`
	Version    int       `json:"version"` // of the question when flagged
	AttemptID  uint64    `json:"attempt_id"`
	User       string    `json:"user"`
	Kind       FlagKind  `json:"kind"`
	Comment    string    `json:"comment,omitempty"`
	Created    time.Time `json:"created"`
	Resolved   time.Time `json:"resolved,omitzero"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
}

// Open reports whether the author has not resolved the flag yet.
func (f *Flag) Open() bool { return f.Resolved.IsZero() }

// KindLabel returns the readable name of the flag's kind.
func (f *Flag) KindLabel() string {
	for _, k := range FlagKinds {
		if k.Kind == f.Kind {
			label, _, _ := strings.Cut(k.Label, ":")
			return label
		}
	}
	return string(f.Kind)
}

func validFlagKind(k FlagKind) bool {
	for _, x := range FlagKinds {
		if x.Kind == k {
			return true
		}
	}
	return false
}

// AddFlag records u's flag on a question of u's submitted attempt.
func (s *Store) AddFlag(attemptID, questionID uint64, u *wiki.User, kind FlagKind, comment string) (*Flag, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case !validFlagKind(kind):
		return nil, wiki.Errorf(wiki.Invalid, "choose what is wrong with the question")
	case utf8.RuneCountInString(comment) > maxFlagComment:
		return nil, wiki.Errorf(wiki.Invalid, "the comment is limited to %d characters", maxFlagComment)
	}
	var f *Flag
	err := s.w.Update(func(tx *wiki.Tx) error {
		a, err := getJSON[Attempt](tx, bucketAttempts, key(attemptID))
		if err != nil || a.UserID != u.ID || a.Open() || a.itemIndex(questionID) < 0 {
			return wiki.Errorf(wiki.NotFound, "you have no submitted answer to that question")
		}
		id, err := tx.NextID(bucketFlags)
		if err != nil {
			return err
		}
		f = &Flag{V: 1, ID: id, PageID: a.PageID, QuestionID: questionID, AttemptID: a.ID,
			Version: a.Items[a.itemIndex(questionID)].Version, User: u.Name, Kind: kind,
			Comment: comment, Created: tx.Now()}
		if err := tx.PutJSON(bucketFlags, key(id), f); err != nil {
			return err
		}
		return flagEvent(tx, f, u.Name, false)
	})
	return f, err
}

// ResolveFlag marks a flag as dealt with; whoever may edit the quiz may
// (see quiz_access.go).
func (s *Store) ResolveFlag(id uint64, u *wiki.User) (*Flag, error) {
	var f *Flag
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if f, err = getJSON[Flag](tx, bucketFlags, key(id)); err != nil {
			return err
		}
		qz, err := getJSON[Quiz](tx, bucketQuizzes, key(f.PageID))
		if err != nil {
			return wiki.Errorf(wiki.Forbidden, "only the quiz's author or an administrator resolves its flags")
		}
		if ac, err := quizAccessTx(tx, f.PageID); err != nil {
			return err
		} else if err := ac.check(qz, u); err != nil {
			return err
		}
		if !f.Open() {
			return nil
		}
		f.Resolved, f.ResolvedBy = tx.Now(), u.Name
		if err := tx.PutJSON(bucketFlags, key(id), f); err != nil {
			return err
		}
		return flagEvent(tx, f, u.Name, true)
	})
	return f, err
}

// Flags returns the flags matching keep, newest first.
func (s *Store) Flags(keep func(*Flag) bool) ([]*Flag, error) {
	var out []*Flag
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketFlags, nil, func(_, v []byte) error {
			var f Flag
			if err := jsonDecode(v, &f); err != nil {
				return err
			}
			if keep == nil || keep(&f) {
				out = append(out, &f)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, err
}

// PageFlags returns the flags on a page's questions, open and resolved,
// newest first (item analysis counts them per question).
func (s *Store) PageFlags(pageID uint64) ([]*Flag, error) {
	return s.Flags(func(f *Flag) bool { return f.PageID == pageID })
}
