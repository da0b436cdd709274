package quiz

import (
	"time"

	"github.com/handover/handover/wiki"
)

// PersonReadiness is one incoming owner's readiness for a handover, with
// its forecast.
type PersonReadiness struct {
	User   string
	Label  string
	Result Result
	// Forecast holds the projected status on the due date and 30 and 90
	// days after it: for someone ready, if they take their re-checks when
	// they open; for anyone else, if nothing new is answered or
	// acknowledged.
	ForecastDue, Forecast30, Forecast90 Status
	// Rechecks are the person's re-checks, open or to come, soonest first.
	Rechecks []Recheck
}

// scopeData is everything readiness reads about a handover's scope, loaded
// once per evaluation.
type scopeData struct {
	pages     []*wiki.Page
	questions map[uint64][]*Question // page ID → questions
	quizzes   map[uint64]*Quiz
}

func (s *Store) loadScope(h *Handover) (*scopeData, error) {
	pages, err := s.ScopePages(h)
	if err != nil {
		return nil, err
	}
	d := &scopeData{pages: pages, questions: map[uint64][]*Question{}, quizzes: map[uint64]*Quiz{}}
	err = s.w.View(func(tx *wiki.Tx) error {
		for _, p := range pages {
			qs, err := pageQuestions(tx, p.ID)
			if err != nil {
				return err
			}
			d.questions[p.ID] = qs
			if qz, err := getJSON[Quiz](tx, bucketQuizzes, key(p.ID)); err == nil {
				d.quizzes[p.ID] = qz
			}
		}
		return nil
	})
	return d, err
}

// Readiness evaluates every incoming owner of h at now.
func (s *Store) Readiness(h *Handover, now time.Time) ([]PersonReadiness, error) {
	d, err := s.loadScope(h)
	if err != nil {
		return nil, err
	}
	out := make([]PersonReadiness, 0, len(h.Incoming))
	for _, name := range h.Incoming {
		pr, err := s.personReadiness(h, d, name, now)
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}

// PersonReadiness evaluates one incoming owner of h at now.
func (s *Store) PersonReadiness(h *Handover, name string, now time.Time) (PersonReadiness, error) {
	d, err := s.loadScope(h)
	if err != nil {
		return PersonReadiness{}, err
	}
	return s.personReadiness(h, d, name, now)
}

func (s *Store) personReadiness(h *Handover, d *scopeData, name string, now time.Time) (PersonReadiness, error) {
	u, err := s.w.UserByName(name)
	if err != nil {
		return PersonReadiness{}, err
	}
	items, pages, err := s.inputs(h, d, u, now)
	if err != nil {
		return PersonReadiness{}, err
	}
	return evaluatePerson(h, u, now, items, pages), nil
}

// evaluatePerson is u's readiness for h at now from its inputs: the
// result, the re-checks and the forecast, which agree with one another.
func evaluatePerson(h *Handover, u *wiki.User, now time.Time, items []ItemInput, pages []PageInput) PersonReadiness {
	pr := PersonReadiness{User: u.Name, Label: u.Label(), Result: Evaluate(now, h.Due, h.PassMark, items, pages)}
	horizon, lead := MaxTime(now, h.LastCheckIn()), h.RecheckLead()
	pr.Rechecks = PlanRechecks(now, horizon, lead, h.PassMark, items, pages)
	pr.Result.Reasons = append(pr.Result.Reasons, recheckReasons(pr.Result, pr.Rechecks)...)
	at := []time.Time{MaxTime(now, h.Due), MaxTime(now, h.Due.AddDate(0, 0, 30)), horizon}
	inputs := [][]ItemInput{items, items, items}
	if pr.Result.Ready {
		inputs = followingRechecks(now, horizon, lead, h.PassMark, items, pages, at...)
	}
	fc := make([]Status, len(at))
	for i, t := range at {
		fc[i] = Evaluate(t, h.Due, h.PassMark, inputs[i], pages).Status
	}
	pr.ForecastDue, pr.Forecast30, pr.Forecast90 = fc[0], fc[1], fc[2]
	return pr
}

// MinTime returns the earlier of a and b.
func MinTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func MaxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// inputs gathers the readiness inputs of user u over the scope, from the
// records handover h holds (lifetime.go).
func (s *Store) inputs(h *Handover, d *scopeData, u *wiki.User, now time.Time) ([]ItemInput, []PageInput, error) {
	var items []ItemInput
	var pages []PageInput
	err := s.w.View(func(tx *wiki.Tx) error {
		for _, p := range d.pages {
			pin, err := pageInput(tx, h, p, u, d.quizzes[p.ID], now)
			if err != nil {
				return err
			}
			pages = append(pages, pin)
			for _, q := range d.questions[p.ID] {
				in, err := itemInput(tx, h, p, q, u.ID)
				if err != nil {
					return err
				}
				items = append(items, in)
			}
		}
		return nil
	})
	return items, pages, err
}

func pageInput(tx *wiki.Tx, h *Handover, p *wiki.Page, u *wiki.User, qz *Quiz, now time.Time) (PageInput, error) {
	ack, err := ackOf(tx, u.ID, p.ID)
	if err != nil {
		return PageInput{}, err
	}
	var attempts []*Attempt
	if qz != nil && qz.CooldownMinutes > 0 {
		if attempts, err = userAttempts(tx, u.ID, p.ID); err != nil {
			return PageInput{}, err
		}
	}
	return pageInputFrom(p, h.AckFor(ack), qz, h.attemptsFrom(attempts), now), nil
}

// pageInputFrom is a page's readiness input from the person's
// acknowledgement (nil if none) and attempts at its quiz, as of now.
func pageInputFrom(p *wiki.Page, ack *Ack, qz *Quiz, attempts []*Attempt, now time.Time) PageInput {
	in := PageInput{Path: p.Path, Title: p.Title}
	in.Acked = ack.Current(p)
	in.Outdated = ack != nil && !in.Acked
	if qz == nil || qz.CooldownMinutes == 0 {
		return in
	}
	// The quiz's own rule: after any attempt, passed or not, a retake waits
	// for the cooldown.
	if retry := cooldownEnd(qz, attempts, now); now.Before(retry) {
		in.RetryAt = retry
	}
	return in
}

// itemInput reads a person's answers to q: credit and time of the most
// recent graded one, its validity, and k.
func itemInput(tx *wiki.Tx, h *Handover, p *wiki.Page, q *Question, userID uint64) (ItemInput, error) {
	history, err := answerHistory(tx, userID, q.ID)
	if err != nil {
		return ItemInput{}, err
	}
	return itemInputFrom(p, q, h.answersFrom(history)), nil
}

// itemInputFrom is q's readiness input from a person's answers to it,
// oldest first.
func itemInputFrom(p *wiki.Page, q *Question, history []*AnswerRecord) ItemInput {
	in := ItemInput{QuestionID: q.ID, Label: q.Label(), PagePath: p.Path, PageTitle: p.Title,
		Section: q.Section, Critical: q.Critical}
	if s, ok := p.Section(q.Section); ok {
		in.Heading = s.Heading
	}
	if len(history) == 0 {
		return in
	}
	in.Attempted = true
	counted := countedAnswer(history, q.Version)
	in.Pending = counted.Pending
	in.Credit, in.Answered = counted.Credit, counted.Time
	in.Valid = counted.Version == q.Version && !q.Stale(p)
	in.K = spacedCorrect(history, counted, q.Version)
	return in
}

// countedAnswer picks the answer readiness counts from a non-empty history:
// the most recent graded one, unless it is to an earlier version of the
// question and a newer answer to the current version waits for grading;
// then that one, pending (a teach-back answered again after the question
// was edited waits for its grade, it is not stale).
func countedAnswer(history []*AnswerRecord, version int) *AnswerRecord {
	latest := history[len(history)-1]
	graded := latestGraded(history)
	switch {
	case graded != nil && graded.Version == version:
		return graded
	case latest.Pending && latest.Version == version:
		return latest
	case graded != nil:
		return graded
	}
	return latest
}

// latestGraded returns the most recent answer that has been graded.
func latestGraded(h []*AnswerRecord) *AnswerRecord {
	for i := len(h) - 1; i >= 0; i-- {
		if !h[i].Pending {
			return h[i]
		}
	}
	return nil
}

// spacedCorrect counts correct answers to the same version before latest,
// each at least 24 hours after the previous one counted and before latest.
func spacedCorrect(h []*AnswerRecord, latest *AnswerRecord, version int) int {
	k := 0
	var last time.Time
	for _, r := range h {
		if r == latest || !r.Correct() || r.Version != version {
			continue
		}
		if latest.Time.Sub(r.Time) < 24*time.Hour {
			continue
		}
		if last.IsZero() || r.Time.Sub(last) >= 24*time.Hour {
			k++
			last = r.Time
		}
	}
	return k
}
