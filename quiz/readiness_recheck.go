package quiz

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// Re-checks keep a ready person ready, and say so in advance (DESIGN.md):
// let F be the first time, up to the +90 check-in, at which the person
// would stop being READY if nothing else happened; the re-checks of the
// questions whose decay causes it open a lead time before F (7 days unless
// the handover says otherwise), and in any case when a critical question's
// R falls below 0.6. Taken when they open, they keep the person ready, so
// the forecast of a ready person assumes they are, and says by when.

// DefaultRecheckLeadDays is how long before a ready person would stop
// being ready their re-checks open, unless the handover sets it.
const DefaultRecheckLeadDays = 7

// Recheck is a re-check of one question, open or to come.
type Recheck struct {
	QuestionID                          uint64
	Label, PagePath, PageTitle, Section string
	// Opens is when the re-check is offered.
	Opens time.Time
	// By is when the person stops being ready without it; zero when only
	// the question's recency (below 0.6) opens it.
	By time.Time
	// Answered is when the answer it checks again was given.
	Answered time.Time
}

// OpenAt reports whether the re-check is offered at t.
func (r Recheck) OpenAt(t time.Time) bool { return !r.Opens.After(t) }

// Due is the date to show as "re-check due by": By when there is one,
// else when it opened.
func (r Recheck) Due() time.Time {
	if r.By.IsZero() {
		return r.Opens
	}
	return r.By
}

// minRecheckGap keeps a re-check from opening right after the answer it
// checks: with a pass mark near 100 any decay fails the score within
// hours, and a re-check an hour after answering would help no one.
const minRecheckGap = 24 * time.Hour

// PlanRechecks lists, soonest first, the re-checks of a person evaluated
// at now, up to horizon (the last check-in).
func PlanRechecks(now, horizon time.Time, lead time.Duration, passMark int, items []ItemInput, pages []PageInput) []Recheck {
	res := Evaluate(now, time.Time{}, passMark, items, pages)
	plan := map[uint64]Recheck{}
	for _, it := range res.Items {
		if !it.RecheckDate.IsZero() && !it.RecheckDate.After(horizon) {
			plan[it.QuestionID] = recheckOf(it.ItemInput, it.RecheckDate, time.Time{})
		}
	}
	if res.Ready {
		if f, ok := firstNotReady(now, horizon, passMark, items, pages); ok {
			for _, in := range decayCauses(now, f, MinTime(f.Add(2*lead), horizon), passMark, items, pages) {
				opens := MaxTime(MaxTime(f.Add(-lead), now), in.Answered.Add(minRecheckGap))
				r, planned := plan[in.QuestionID]
				if !planned || opens.Before(r.Opens) {
					r = recheckOf(in, opens, f)
				}
				r.By = f
				plan[in.QuestionID] = r
			}
		}
	}
	out := make([]Recheck, 0, len(plan))
	for _, r := range plan {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Opens.Equal(out[j].Opens) {
			return out[i].Opens.Before(out[j].Opens)
		}
		return out[i].QuestionID < out[j].QuestionID
	})
	return out
}

func recheckOf(in ItemInput, opens, by time.Time) Recheck {
	return Recheck{QuestionID: in.QuestionID, Label: in.Label, PagePath: in.PagePath, PageTitle: in.PageTitle,
		Section: in.Section, Opens: opens, By: by, Answered: in.Answered}
}

// firstNotReady finds, to the minute, the first time after now and up to
// horizon at which the person stops being ready if nothing else happens.
// Time only lowers recency, so readiness can only be lost, once: a binary
// search finds the moment.
func firstNotReady(now, horizon time.Time, passMark int, items []ItemInput, pages []PageInput) (time.Time, bool) {
	ready := func(t time.Time) bool { return Evaluate(t, time.Time{}, passMark, items, pages).Ready }
	if !horizon.After(now) || ready(horizon) {
		return time.Time{}, false
	}
	lo, hi := now, horizon
	for hi.Sub(lo) > time.Minute {
		mid := lo.Add(hi.Sub(lo) / 2)
		if ready(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, true
}

// decayCauses returns the answers whose decay makes the person not ready
// at f: the critical ones that fell below the gate, then those that lost
// most of their value since now, until answering them again at f would
// keep the person ready until hold. Holding beyond f (by twice the lead
// time) matters: refreshing only the heaviest answer would hold at f, but
// a lighter one left decaying would bring the next re-check ever sooner.
func decayCauses(now, f, hold time.Time, passMark int, items []ItemInput, pages []PageInput) []ItemInput {
	before := Evaluate(now, time.Time{}, passMark, items, pages)
	after := Evaluate(f, time.Time{}, passMark, items, pages)
	var causes, rest []ItemInput
	loss := map[uint64]float64{}
	for i, it := range after.Items {
		if !it.Attempted || it.Pending || !it.Valid || it.Credit <= 0 {
			continue
		}
		if it.Critical && it.Recency < GateRecency {
			causes = append(causes, it.ItemInput)
			continue
		}
		loss[it.QuestionID] = before.Items[i].Value - it.Value
		rest = append(rest, it.ItemInput)
	}
	sort.SliceStable(rest, func(i, j int) bool { return loss[rest[i].QuestionID] > loss[rest[j].QuestionID] })
	holds := func() bool {
		again := answeredAgain(items, causes, f)
		return Evaluate(f, time.Time{}, passMark, again, pages).Ready && Evaluate(hold, time.Time{}, passMark, again, pages).Ready
	}
	for len(rest) > 0 && (len(causes) == 0 || !holds()) {
		causes, rest = append(causes, rest[0]), rest[1:]
	}
	return causes
}

// answeredAgain returns items as they would be if the questions of again
// were answered as before at t: recency starts over, and an answer a day
// or more after the last correct one counts as spaced (k + 1).
func answeredAgain(items, again []ItemInput, t time.Time) []ItemInput {
	out := slices.Clone(items)
	for i := range out {
		if !slices.ContainsFunc(again, func(a ItemInput) bool { return a.QuestionID == out[i].QuestionID }) {
			continue
		}
		if out[i].Credit >= 1 && t.Sub(out[i].Answered) >= 24*time.Hour {
			out[i].K++
		}
		out[i].Answered = t
	}
	return out
}

// followingRechecks returns items as they would be at each of the times
// at (in order) if the person took every re-check when it opened and
// answered as before.
func followingRechecks(now, horizon time.Time, lead time.Duration, passMark int, items []ItemInput, pages []PageInput, at ...time.Time) [][]ItemInput {
	out := make([][]ItemInput, 0, len(at))
	t := now
	// Each round moves at least minRecheckGap on; the bound only guards
	// against a mistake looping for ever.
	for range 1000 {
		plan := PlanRechecks(t, horizon, lead, passMark, items, pages)
		for len(out) < len(at) && (len(plan) == 0 || plan[0].Opens.After(at[len(out)])) {
			out = append(out, items)
		}
		if len(out) == len(at) {
			break
		}
		t = MaxTime(t, plan[0].Opens) // one that opened earlier is taken now
		var due []ItemInput
		for _, r := range plan {
			if r.OpenAt(t) {
				due = append(due, ItemInput{QuestionID: r.QuestionID})
			}
		}
		items = answeredAgain(items, due, t)
	}
	for len(out) < len(at) {
		out = append(out, items)
	}
	return out
}

// recheckReasons says what each re-check asks, for the reasons beside the
// score: those open now, and those to come with the day they open. A
// question that already has a reason (an expired answer) is not named
// twice.
func recheckReasons(res Result, plan []Recheck) []Reason {
	reasoned := map[uint64]bool{}
	for _, it := range res.Items {
		if _, ok := itemReason(it); ok {
			reasoned[it.QuestionID] = true
		}
	}
	var out []Reason
	for _, r := range plan {
		if reasoned[r.QuestionID] {
			continue
		}
		name := "“" + r.Label + "” (" + r.PageTitle + ")"
		text := fmt.Sprintf("re-check %s: %s, answered %s", r.dueWords(), name, agoInWords(r.Answered, res.At))
		if !r.OpenAt(res.At) {
			text = fmt.Sprintf("re-check of %s opens %s", name, r.Opens.Format("2 Jan"))
			if !r.By.IsZero() {
				text += ", due by " + r.By.Format("2 Jan")
			}
		}
		out = append(out, Reason{Kind: "recheck", Path: r.PagePath, Text: text})
	}
	return out
}

// agoInWords says how long before now t was, in days: "today", "1 day ago",
// "25 days ago".
func agoInWords(t, now time.Time) string {
	switch n := int(now.Sub(t).Hours() / 24); n {
	case 0:
		return "today"
	case 1:
		return "1 day ago"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}

// dueWords says by when an open re-check is due: "due by 12 Jan" when
// the person stops being ready then, else "due since" the day it opened.
func (r Recheck) dueWords() string {
	if r.By.IsZero() {
		return "due since " + r.Opens.Format("2 Jan")
	}
	return "due by " + r.By.Format("2 Jan")
}

// URL is the section the re-checked question is pinned to.
func (r Recheck) URL() string { return SectionLink(r.PagePath, r.Section) }
