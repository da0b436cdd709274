package quiz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/handover/handover/wiki"
)

// lateGrace is how long after the time limit a submission is still
// accepted, for the round trip of the submit button.
const lateGrace = time.Minute

// Attempt is one sitting of a page's quiz by one person.
type Attempt struct {
	V      int    `json:"v"`
	ID     uint64 `json:"id"`
	PageID uint64 `json:"page_id"`
	UserID uint64 `json:"user_id"`
	User   string `json:"user"`
	// Deadline is when the time limit ends (zero without a limit).
	Deadline  time.Time `json:"deadline,omitzero"`
	Started   time.Time `json:"started"`
	Submitted time.Time `json:"submitted,omitzero"`
	Late      bool      `json:"late,omitempty"`
	// Recheck marks a spaced re-check after the handover, which does not
	// count against the quiz's attempt limit.
	Recheck   bool       `json:"recheck,omitempty"`
	Items     []Item     `json:"items"`
	Responses []Response `json:"responses,omitempty"`
	Outcomes  []Outcome  `json:"outcomes,omitempty"`
	// Score is the weighted percentage of credit (critical questions count
	// three times); pending essays count as zero until graded.
	Score  float64 `json:"score"`
	Passed bool    `json:"passed"`
}

// Open reports whether the attempt has not been submitted.
func (a *Attempt) Open() bool { return a.Submitted.IsZero() }

// Pending reports whether an essay in the attempt awaits grading.
func (a *Attempt) Pending() bool {
	for _, o := range a.Outcomes {
		if o.Pending {
			return true
		}
	}
	return false
}

// AnswerRecord is one graded answer of one person to one question, the unit
// readiness is computed from.
type AnswerRecord struct {
	V           int       `json:"v"`
	AttemptID   uint64    `json:"attempt_id"`
	Time        time.Time `json:"time"`
	Credit      float64   `json:"credit"`
	Pending     bool      `json:"pending,omitempty"`
	Version     int       `json:"version"`
	SectionHash string    `json:"section_hash"`
	Confidence  int       `json:"confidence,omitempty"`
}

// Correct reports full credit on a graded answer.
func (r *AnswerRecord) Correct() bool { return !r.Pending && r.Credit >= 0.9999 }

// errNoQuestions is returned when a page has no quiz to take.
var errNoQuestions = wiki.Errorf(wiki.NotFound, "this page has no quiz yet")

// StartAttempt returns the user's open attempt at the page's quiz, or
// starts one when attempts and cooldown allow. An open attempt past its
// time limit is closed first, and stays closed even when the new start is
// refused.
func (s *Store) StartAttempt(p *wiki.Page, u *wiki.User) (*Attempt, error) {
	return s.start(p, u, false)
}

// start runs startAttempt in one transaction. A refusal is returned after
// the transaction commits rather than from it, so that closing an expired
// attempt is kept: rolled back, it would stay open and the cooldown would
// be counted from each new try.
func (s *Store) start(p *wiki.Page, u *wiki.User, recheck bool) (*Attempt, error) {
	var a *Attempt
	var refused error
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		a, refused, err = startAttempt(tx, p, u, recheck)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, refused
}

// startAttempt returns u's open attempt or starts a new one; a re-check
// ignores the attempt limit. refused says why no attempt may start now.
func startAttempt(tx *wiki.Tx, p *wiki.Page, u *wiki.User, recheck bool) (a *Attempt, refused, err error) {
	qz, err := getJSON[Quiz](tx, bucketQuizzes, key(p.ID))
	if errors.Is(err, wiki.ErrNotFound) || (err == nil && len(qz.Order) == 0) {
		return nil, nil, errNoQuestions
	} else if err != nil {
		return nil, nil, err
	}
	past, err := userAttempts(tx, u.ID, p.ID)
	if err != nil {
		return nil, nil, err
	}
	now := tx.Now()
	if open := lastOpen(past); open != nil && !open.Expired(now) {
		return open, nil, nil
	} else if open != nil {
		if err := submit(tx, open, nil, now); err != nil {
			return nil, nil, err
		}
	}
	limits := *qz
	if recheck {
		limits.MaxAttempts = 0
	}
	if refused := mayStart(&limits, past, now); refused != nil {
		return nil, refused, nil
	}
	a, err = newAttempt(tx, qz, p, u, now, recheck)
	return a, nil, err
}

// mayStart checks the attempt limit (re-checks left out) and the cooldown.
func mayStart(qz *Quiz, past []*Attempt, now time.Time) error {
	if qz.MaxAttempts > 0 && countedAttempts(past) >= qz.MaxAttempts {
		return wiki.Errorf(wiki.Forbidden, "you have %s at this quiz", UsedAll(qz.MaxAttempts))
	}
	if next := cooldownEnd(qz, past, now); now.Before(next) {
		return &Cooldown{Wait: next.Sub(now).Round(time.Minute), At: next}
	}
	return nil
}

// Cooldown refuses an attempt until At, when the quiz's cooldown ends. It
// is a wiki.Error of kind TooMany whose message tells At in UTC; a page
// tells it in its reader's zone with Message.
type Cooldown struct {
	Wait time.Duration
	At   time.Time
}

func (c *Cooldown) Error() string { return c.Message(wiki.UTC) }

// Message says when the next attempt may start, told in z.
func (c *Cooldown) Message(z wiki.Zone) string {
	return fmt.Sprintf("re-read the page first: you can try again in %s (at %s)", c.Wait, z.DayTime(c.At))
}

// Unwrap makes c a wiki.Error of kind TooMany.
func (c *Cooldown) Unwrap() error { return &wiki.Error{Kind: wiki.TooMany, Msg: c.Error()} }

// cooldownEnd is when the cooldown after the last finished attempt ends
// (zero when there is none). An open attempt past its time limit counts as
// finished when its time ran out, before anything closes it.
func cooldownEnd(qz *Quiz, past []*Attempt, now time.Time) time.Time {
	if qz.CooldownMinutes <= 0 {
		return time.Time{}
	}
	var last time.Time
	for _, a := range past {
		if end := a.endedAt(now); end.After(last) {
			last = end
		}
	}
	if last.IsZero() {
		return last
	}
	return last.Add(time.Duration(qz.CooldownMinutes) * time.Minute)
}

// closesAt is when an attempt with a time limit stops taking answers.
func (a *Attempt) closesAt() time.Time { return a.Deadline.Add(lateGrace) }

// expired reports whether the attempt is open past its time limit and the
// grace.
func (a *Attempt) Expired(now time.Time) bool {
	return a.Open() && !a.Deadline.IsZero() && now.After(a.closesAt())
}

// endedAt is when the attempt was submitted or, open past its time limit,
// when its time ran out; zero while it runs.
func (a *Attempt) endedAt(now time.Time) time.Time {
	switch {
	case !a.Open():
		return a.Submitted
	case a.Expired(now):
		return a.closesAt()
	}
	return time.Time{}
}

// usedAll says that the n attempts a quiz allows are used.
func UsedAll(n int) string {
	if n == 1 {
		return "used your one attempt"
	}
	return fmt.Sprintf("used all %d attempts", n)
}

// countedAttempts is how many of the attempts count against the attempt
// limit: all but re-checks.
func countedAttempts(as []*Attempt) int {
	n := 0
	for _, a := range as {
		if !a.Recheck {
			n++
		}
	}
	return n
}

func newAttempt(tx *wiki.Tx, qz *Quiz, p *wiki.Page, u *wiki.User, now time.Time, recheck bool) (*Attempt, error) {
	id, err := tx.NextID(bucketAttempts)
	if err != nil {
		return nil, err
	}
	a := &Attempt{V: 1, ID: id, PageID: p.ID, UserID: u.ID, User: u.Name, Started: now, Recheck: recheck}
	if qz.TimeLimitMinutes > 0 {
		a.Deadline = now.Add(time.Duration(qz.TimeLimitMinutes) * time.Minute)
	}
	rng := rand.New(rand.NewPCG(id, uint64(now.UnixNano())))
	order := append([]uint64(nil), qz.Order...)
	if qz.Shuffle {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	for _, qid := range order {
		q, err := getJSON[Question](tx, bucketQuestions, key(qid))
		if err != nil {
			return nil, err
		}
		a.Items = append(a.Items, NewItem(q, qz.Shuffle, rng))
	}
	if err := tx.Put(bucketUserAttempts, key(u.ID, p.ID, id), nil); err != nil {
		return nil, err
	}
	return a, tx.PutJSON(bucketAttempts, key(id), a)
}

// SubmitAttempt grades the responses (one per item, in item order). A
// second submission of the same attempt changes nothing and returns it as
// graded the first time; a submission after the time limit keeps the
// responses but earns no credit.
func (s *Store) SubmitAttempt(id uint64, u *wiki.User, responses []Response) (*Attempt, error) {
	var a *Attempt
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		a, err = getJSON[Attempt](tx, bucketAttempts, key(id))
		if errors.Is(err, wiki.ErrNotFound) || (err == nil && a.UserID != u.ID) {
			return wiki.Errorf(wiki.NotFound, "no such attempt")
		} else if err != nil || !a.Open() {
			return err
		}
		if err := submit(tx, a, responses, tx.Now()); err != nil {
			return err
		}
		p, err := tx.PageByID(a.PageID)
		if errors.Is(err, wiki.ErrNotFound) {
			return nil // the page is gone; no handover to tell
		} else if err != nil {
			return err
		}
		kind := RecordAttempt
		if a.Recheck {
			kind = RecordRecheck
		}
		if err := recordCovering(tx, p.Path, RecordEntry{Actor: u.Name, Person: u.Name, Private: true, Kind: kind, Page: p.Path,
			What: fmt.Sprintf("submitted the quiz on “%s”", p.Title), After: attemptOutcome(a)}); err != nil {
			return err
		}
		return notifyProgress(tx, p.Path, u, attemptNews(a, p))
	})
	return a, err
}

// submit grades and closes an attempt and records each answer for
// readiness.
func submit(tx *wiki.Tx, a *Attempt, responses []Response, now time.Time) error {
	a.Late = a.Expired(now)
	a.Submitted = now
	if a.Late {
		// A late attempt ended when its time ran out, however much later it
		// is closed (by a late submission or by starting again): the
		// cooldown counts from there.
		a.Submitted = a.closesAt()
	}
	a.Responses = make([]Response, len(a.Items))
	copy(a.Responses, responses)
	a.Outcomes = make([]Outcome, len(a.Items))
	for i := range a.Items {
		q, err := questionAt(tx, a.Items[i].QuestionID, a.Items[i].Version)
		if errors.Is(err, wiki.ErrNotFound) {
			continue // deleted while the attempt was open
		} else if err != nil {
			return err
		}
		a.Outcomes[i] = Grade(q, &a.Items[i], a.Responses[i])
		if a.Late {
			a.Outcomes[i] = noCredit(a.Outcomes[i])
			// Without credit a confident right answer would count as
			// confidently wrong in the item analysis.
			a.Responses[i].Confidence = 0
		}
		if err := putRecord(tx, a, i); err != nil {
			return err
		}
	}
	return scoreAndStore(tx, a)
}

// noCredit is the outcome of an answer given after the time limit: the
// feedback on what was answered, no credit, and no essay left to grade.
func noCredit(o Outcome) Outcome { return Outcome{Feedback: o.Feedback} }

func putRecord(tx *wiki.Tx, a *Attempt, i int) error {
	it, o := a.Items[i], a.Outcomes[i]
	r := AnswerRecord{V: 1, AttemptID: a.ID, Time: a.Submitted, Credit: o.Credit, Pending: o.Pending,
		Version: it.Version, SectionHash: it.SectionHash, Confidence: a.Responses[i].Confidence}
	return tx.PutJSON(bucketAnswers, key(a.UserID, it.QuestionID, a.ID), r)
}

// scoreAndStore computes the attempt's score against its quiz's pass mark
// and stores it.
func scoreAndStore(tx *wiki.Tx, a *Attempt) error {
	var got, total float64
	for i, it := range a.Items {
		q, err := questionAt(tx, it.QuestionID, it.Version)
		if err != nil {
			continue
		}
		total += q.Weight()
		got += q.Weight() * a.Outcomes[i].Credit
	}
	a.Score = 0
	if total > 0 {
		a.Score = 100 * got / total
	}
	qz, err := getJSON[Quiz](tx, bucketQuizzes, key(a.PageID))
	if err != nil {
		return err
	}
	a.Passed = !a.Pending() && a.Score+1e-9 >= float64(qz.PassMark)
	return tx.PutJSON(bucketAttempts, key(a.ID), a)
}

func (a *Attempt) itemIndex(questionID uint64) int {
	for i, it := range a.Items {
		if it.QuestionID == questionID {
			return i
		}
	}
	return -1
}

// Attempt returns an attempt by ID, or wiki.ErrNotFound.
func (s *Store) Attempt(id uint64) (*Attempt, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Attempt, error) { return getJSON[Attempt](tx, bucketAttempts, key(id)) })
}

// UserAttempts returns a user's attempts at a page's quiz, oldest first.
func (s *Store) UserAttempts(userID, pageID uint64) ([]*Attempt, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]*Attempt, error) { return userAttempts(tx, userID, pageID) })
}

func userAttempts(tx *wiki.Tx, userID, pageID uint64) ([]*Attempt, error) {
	var out []*Attempt
	err := tx.ForEach(bucketUserAttempts, key(userID, pageID), func(k, _ []byte) error {
		a, err := getJSON[Attempt](tx, bucketAttempts, k[16:24])
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

func lastOpen(as []*Attempt) *Attempt {
	for i := len(as) - 1; i >= 0; i-- {
		if as[i].Open() {
			return as[i]
		}
	}
	return nil
}

func LastSubmitted(as []*Attempt) *Attempt {
	var last *Attempt
	for _, a := range as {
		if !a.Open() && (last == nil || a.Submitted.After(last.Submitted)) {
			last = a
		}
	}
	return last
}

// AnswerHistory returns a user's graded answers to a question, oldest
// first.
func (s *Store) AnswerHistory(userID, questionID uint64) ([]*AnswerRecord, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) ([]*AnswerRecord, error) { return answerHistory(tx, userID, questionID) })
}

func answerHistory(tx *wiki.Tx, userID, questionID uint64) ([]*AnswerRecord, error) {
	var out []*AnswerRecord
	err := tx.ForEach(bucketAnswers, key(userID, questionID), func(_, v []byte) error {
		var r AnswerRecord
		if err := jsonDecode(v, &r); err != nil {
			return err
		}
		out = append(out, &r)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, err
}
