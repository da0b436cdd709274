package quiz

import (
	"fmt"
	"math"
	"time"

	"github.com/handover/handover/wiki"
)

// Status is a person's readiness status.
type Status string

// Statuses, as the JSON API names them.
const (
	Ready    Status = "ready"
	NotReady Status = "not_ready"
	Expiring Status = "expiring"
	Overdue  Status = "overdue"
	// Closed is a handover's status once it is closed; a person's
	// readiness never has it.
	Closed Status = "closed"
)

// Words returns the status as the pages write it.
func (s Status) Words() string {
	if s == NotReady {
		return "not ready"
	}
	return string(s)
}

// Readiness constants from DESIGN.md.
const (
	halfLifeCritical = 30.0 // days
	halfLifeNormal   = 90.0
	weightCritical   = 3.0
	weightNormal     = 1.0
	GateRecency      = 0.5 // a critical item below this fails the gate
	expiringRecency  = 0.6 // a critical item below this is expiring
	weightKnowledge  = 0.8
	weightAcks       = 0.2
)

// ItemInput is what readiness needs to know of one question for one
// person.
type ItemInput struct {
	QuestionID uint64
	Label      string
	PagePath   string
	PageTitle  string
	Section    string
	Heading    string
	Critical   bool
	// Attempted is false when the person never had this question graded.
	Attempted bool
	// Credit is f_q, from the most recent graded answer.
	Credit float64
	// Valid is v_q: the question and its section are unchanged since.
	Valid bool
	// Answered is when that answer was graded.
	Answered time.Time
	// K counts earlier correct answers at least 24 hours apart.
	K int
	// Pending is set when an essay answer waits for grading.
	Pending bool
}

// PageInput is what readiness needs to know of one required page.
type PageInput struct {
	Path, Title string
	// Acked: acknowledged since its last significant change. Outdated:
	// acknowledged, but before that change.
	Acked, Outdated bool
	// RetryAt is when the quiz on the page may be taken again after the
	// last attempt, passed or not (zero when no cooldown is running).
	RetryAt time.Time
}

// ItemResult is one question's part in the score.
type ItemResult struct {
	ItemInput
	Weight   float64
	HalfLife float64 // days
	Recency  float64 // R_q at the time evaluated
	// Value is w·f·v·R, the item's contribution to the knowledge sum.
	Value float64
	// State is "correct", "wrong", "partial", "stale", "not_tried",
	// "pending" or "expiring".
	State string
	// GateDate is when R_q falls below the gate (critical, correct, valid
	// items only).
	GateDate time.Time
	// RecheckDate is when R_q falls below 0.6 and a re-check is offered
	// (critical, correct, valid items only).
	RecheckDate time.Time
}

// Reason explains one thing that keeps a person from being ready, or, of
// kind recheck, informs that a critical answer is fading (expiring) and a
// re-check is due although it does not block yet.
type Reason struct {
	Kind string // stale, missing_ack, reack, failed_critical, not_tried, expired, essay_pending, below_pass, cooldown, recheck
	Text string
	Path string // page to go to, when there is one
	// At is the moment Text names ("can be retaken after 2 Jan 14:10
	// UTC"), told in UTC; zero when it names none. See In.
	At time.Time
}

// In returns r with its moment, if any, told in z: the reader's zone.
func (r Reason) In(z wiki.Zone) Reason {
	r.Text = z.Retell(r.Text, r.At)
	return r
}

// ReasonsIn returns rs told in z (a new slice; rs is left as it is).
func ReasonsIn(rs []Reason, z wiki.Zone) []Reason {
	out := make([]Reason, len(rs))
	for i, r := range rs {
		out[i] = r.In(z)
	}
	return out
}

// Result is a person's readiness at one moment.
type Result struct {
	At     time.Time
	K, A   float64
	Score  int
	Status Status
	Ready  bool // the READY gate passed (Ready or Expiring)
	// NoChecks: the scope has no questions, so there is no K and the score
	// is 100·A ("no knowledge checks yet").
	NoChecks bool
	Reasons  []Reason
	Items    []ItemResult
	Pages    []PageInput
}

// Evaluate computes readiness at now, with DESIGN.md's formula:
// R = 2^(−days/h), h = h0·2^min(k,3); K = Σ w·f·v·R / Σ w;
// score = round(100·(0.8K + 0.2A)), or round(100·A) without questions;
// READY when every critical question has
// f=1, v=1, R≥0.5, score ≥ pass mark and A = 1.
func Evaluate(now, due time.Time, passMark int, items []ItemInput, pages []PageInput) Result {
	res := Result{At: now, Pages: pages}
	var sum, total float64
	gate := true
	for _, in := range items {
		it := evaluateItem(now, in)
		sum += it.Value
		total += it.Weight
		if in.Critical && !(in.Attempted && in.Credit >= 1 && in.Valid && it.Recency >= GateRecency && !in.Pending) {
			gate = false
		}
		res.Items = append(res.Items, it)
	}
	res.A = ackShare(pages)
	if total > 0 {
		res.K = sum / total
		res.Score = int(math.Round(100 * (weightKnowledge*res.K + weightAcks*res.A)))
	} else {
		// No questions: K is undefined, not "all known"; the score is
		// the acknowledgements alone.
		res.NoChecks = true
		res.Score = int(math.Round(100 * res.A))
	}
	res.Ready = gate && res.Score >= passMark && res.A == 1
	res.Status = status(now, due, res)
	res.Reasons = reasons(res, passMark)
	return res
}

func evaluateItem(now time.Time, in ItemInput) ItemResult {
	it := ItemResult{ItemInput: in, Weight: weightNormal, HalfLife: halfLifeNormal}
	if in.Critical {
		it.Weight, it.HalfLife = weightCritical, halfLifeCritical
	}
	it.HalfLife *= math.Pow(2, float64(min(in.K, 3)))
	if in.Attempted {
		days := max(now.Sub(in.Answered).Hours()/24, 0)
		it.Recency = math.Pow(2, -days/it.HalfLife)
	}
	valid := 0.0
	if in.Valid && in.Attempted && !in.Pending {
		valid = 1
	}
	it.Value = it.Weight * in.Credit * valid * it.Recency
	it.State = itemState(it)
	if in.Critical && in.Valid && in.Credit >= 1 {
		it.GateDate = in.Answered.Add(daysDuration(it.HalfLife))
		// R = 2^(−t/h) < 0.6 ⇔ t > h·log2(1/0.6).
		it.RecheckDate = in.Answered.Add(daysDuration(it.HalfLife * math.Log2(1/expiringRecency)))
	}
	return it
}

func daysDuration(days float64) time.Duration {
	return time.Duration(days * 24 * float64(time.Hour))
}

func itemState(it ItemResult) string {
	switch {
	case !it.Attempted:
		return "not_tried"
	case it.Pending:
		return "pending"
	case !it.Valid:
		return "stale"
	case it.Credit < 1 && it.Credit > 0:
		return "partial"
	case it.Credit < 1:
		return "wrong"
	case it.Critical && it.Recency < expiringRecency:
		return "expiring"
	}
	return "correct"
}

func ackShare(pages []PageInput) float64 {
	if len(pages) == 0 {
		return 1
	}
	n := 0
	for _, p := range pages {
		if p.Acked {
			n++
		}
	}
	return float64(n) / float64(len(pages))
}

// status applies the statuses' order: not ready after the end of the due
// day is overdue; ready with a critical item below 0.6 is expiring.
func status(now, due time.Time, res Result) Status {
	if !res.Ready {
		if !due.IsZero() && now.After(due.Add(24*time.Hour)) {
			return Overdue
		}
		return NotReady
	}
	for _, it := range res.Items {
		if it.Critical && it.Recency < expiringRecency {
			return Expiring
		}
	}
	return Ready
}

func reasons(res Result, passMark int) []Reason {
	var out []Reason
	for _, it := range res.Items {
		if r, ok := itemReason(it); ok {
			out = append(out, r)
		}
	}
	for _, p := range res.Pages {
		switch {
		case p.Outdated:
			out = append(out, Reason{Kind: "reack", Path: p.Path, Text: fmt.Sprintf("“%s” changed significantly since it was acknowledged: page needs re-acknowledgement", p.Title)})
		case !p.Acked:
			out = append(out, Reason{Kind: "missing_ack", Path: p.Path, Text: fmt.Sprintf("“%s” is not acknowledged yet", p.Title)})
		}
		if p.RetryAt.After(res.At) && retakeHelps(res.Items, p.Path) {
			out = append(out, Reason{Kind: "cooldown", Path: p.Path, At: p.RetryAt,
				Text: fmt.Sprintf("the quiz on “%s” can be retaken after %s", p.Title, wiki.UTC.DayTime(p.RetryAt))})
		}
	}
	if res.Score < passMark {
		out = append(out, Reason{Kind: "below_pass", Text: fmt.Sprintf("score %d is below the pass mark of %d", res.Score, passMark)})
	}
	return out
}

// retakeHelps reports whether taking the quiz of the page at path again
// could improve one of its questions: one not tried, not fully right,
// stale, or critical and due for a re-check. A pending teach-back waits
// for its grade, not for a retake; without such a question the cooldown
// holds no one back and is no reason.
func retakeHelps(items []ItemResult, path string) bool {
	for _, it := range items {
		if it.PagePath == path && it.State != "correct" && it.State != "pending" {
			return true
		}
	}
	return false
}

// itemReason describes why an item holds a person back, if it does.
func itemReason(it ItemResult) (Reason, bool) {
	name := fmt.Sprintf("“%s” (%s)", it.Label, it.PageTitle)
	switch {
	case it.State == "stale":
		return Reason{Kind: "stale", Path: it.PagePath, Text: name + " is stale: its section changed after it was answered, or the question needs the author's review"}, true
	case it.State == "pending":
		return Reason{Kind: "essay_pending", Path: it.PagePath, Text: name + ": teach-back answer waiting for grading"}, true
	case !it.Critical:
		return Reason{}, false
	case it.State == "not_tried":
		return Reason{Kind: "not_tried", Path: it.PagePath, Text: name + ": critical question not answered yet"}, true
	case it.State == "wrong" || it.State == "partial":
		return Reason{Kind: "failed_critical", Path: it.PagePath, Text: name + ": critical question answered wrongly"}, true
	case it.Recency < GateRecency:
		return Reason{Kind: "expired", Path: it.PagePath, Text: name + ": answered too long ago, needs a re-check"}, true
	}
	return Reason{}, false
}

// Forecast projects the status at later dates if nothing new is answered
// or acknowledged.
func Forecast(due time.Time, passMark int, items []ItemInput, pages []PageInput, at ...time.Time) []Status {
	out := make([]Status, len(at))
	for i, t := range at {
		out[i] = Evaluate(t, due, passMark, items, pages).Status
	}
	return out
}

// statusRank orders statuses from best to worst.
var statusRank = map[Status]int{Ready: 0, Expiring: 1, NotReady: 2, Overdue: 3}

// WorstStatus returns the worst of the statuses (overdue, then not ready,
// then expiring, then ready); Ready when there are none.
func WorstStatus(statuses ...Status) Status {
	worst := Ready
	for _, s := range statuses {
		if statusRank[s] > statusRank[worst] {
			worst = s
		}
	}
	return worst
}
