package web

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
)

// handoverTimeline is a handover's schedule drawn as an SVG on the server, with
// the same events as a list for screen readers and printing.
type handoverTimeline struct {
	Width, Height, Y, X1, X2 int
	// Split is where the due date sits: the axis is dashed after it.
	Split int
	// Marks are the labelled milestones; Steps the checklist items (dots).
	Marks, Steps []handoverTimelineMark
	Today        handoverTimelineMark
	Events       []handoverTimelineEvent
}

// handoverTimelineMark is one point on the drawn axis.
type handoverTimelineMark struct {
	X, LabelY     int
	Label, Anchor string
	Class         string
}

// handoverTimelineEvent is one entry of the list, in date order.
type handoverTimelineEvent struct {
	Date                time.Time
	Label, Kind, Owner  string
	Done, Overdue, Past bool
}

// Geometry of the drawing, in SVG user units.
const (
	tlWidth  = 800
	tlHeight = 120
	tlPad    = 40
	tlAxisY  = 58
	tlLabelY = 84
	tlGap    = 96 // labels closer than this go on a second line
)

// checkInDays are the follow-up days after the due date.
var checkInDays = []int{30, 60, 90}

func buildHandoverTimeline(ho *quiz.Handover, now time.Time) handoverTimeline {
	tl := handoverTimeline{Width: tlWidth, Height: tlHeight, Y: tlAxisY, X1: tlPad, X2: tlWidth - tlPad}
	events := handoverTimelineEvents(ho, now)
	lo, hi := now, now
	for _, e := range events {
		if e.Date.Before(lo) {
			lo = e.Date
		}
		hi = quiz.MaxTime(hi, e.Date)
	}
	// The handover itself gets most of the width; the follow-up months
	// after the last day are drawn compressed, on a dashed axis.
	tl.Split = tl.X1 + (tl.X2-tl.X1)*3/5
	x := func(t time.Time) int {
		if !t.After(ho.Due) {
			return timelineScale(t, lo, ho.Due, tl.X1, tl.Split)
		}
		return timelineScale(t, ho.Due, hi, tl.Split, tl.X2)
	}
	for _, e := range events {
		if e.Kind == "step" {
			tl.Steps = append(tl.Steps, handoverTimelineMark{X: x(e.Date), Label: e.Label + ", due " + e.Date.Format("2 Jan"), Class: timelineStepClass(e)})
		}
	}
	tl.Marks = handoverMilestones(ho, x)
	tl.Today = handoverTimelineMark{X: x(now), Label: "Today", Anchor: timelineAnchor(x(now)), Class: "today"}
	tl.Events = events
	return tl
}

// handoverMilestones labels the start, the due date and the check-ins, moving
// a label down a line when it would collide with the one before.
func handoverMilestones(ho *quiz.Handover, x func(time.Time) int) []handoverTimelineMark {
	marks := []handoverTimelineMark{
		{X: x(ho.Start), Label: "Start " + ho.Start.Format("2 Jan"), Class: "start"},
		{X: x(ho.Due), Label: "Last day " + ho.Due.Format("2 Jan"), Class: "due"},
	}
	for _, d := range checkInDays {
		marks = append(marks, handoverTimelineMark{X: x(ho.Due.AddDate(0, 0, d)), Label: fmt.Sprintf("+%d days", d), Class: "checkin"})
	}
	last := -tlGap
	for i := range marks {
		marks[i].Anchor, marks[i].LabelY = timelineAnchor(marks[i].X), tlLabelY
		if marks[i].X-last < tlGap {
			marks[i].LabelY += 18
		}
		last = marks[i].X
	}
	return marks
}

// handoverTimelineEvents lists the start, checklist items, due date and check-ins
// (a check-in already on the checklist is not repeated), by date.
func handoverTimelineEvents(ho *quiz.Handover, now time.Time) []handoverTimelineEvent {
	events := []handoverTimelineEvent{
		{Date: ho.Start, Label: "Handover starts", Kind: "start"},
		{Date: ho.Due, Label: "Due date: the outgoing owner's last day", Kind: "due"},
	}
	for _, c := range ho.Checklist {
		if !c.Due.IsZero() {
			events = append(events, handoverTimelineEvent{Date: c.Due, Label: c.Text, Kind: "step", Owner: c.Owner, Done: c.Done, Overdue: c.Overdue(now)})
		}
	}
	for _, d := range checkInDays {
		day := ho.Due.AddDate(0, 0, d)
		if !hasCheckInItem(ho, day) {
			events = append(events, handoverTimelineEvent{Date: day, Label: fmt.Sprintf("Check-in %d days after the handover", d), Kind: "checkin"})
		}
	}
	for i := range events {
		events[i].Past = calendarDays(events[i].Date, now) > 0
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Date.Before(events[j].Date) })
	return events
}

func hasCheckInItem(ho *quiz.Handover, day time.Time) bool {
	for _, c := range ho.Checklist {
		if calendarDays(c.Due, day) == 0 && strings.Contains(strings.ToLower(c.Text), "check-in") {
			return true
		}
	}
	return false
}

func timelineStepClass(e handoverTimelineEvent) string {
	switch {
	case e.Done:
		return "step-done"
	case e.Overdue:
		return "step-overdue"
	}
	return "step-open"
}

// timelineAnchor keeps labels near the edges inside the drawing.
func timelineAnchor(x int) string {
	switch {
	case x < tlPad+60:
		return "start"
	case x > tlWidth-tlPad-60:
		return "end"
	}
	return "middle"
}

// timelineScale maps t in [a, b] linearly onto [x0, x1].
func timelineScale(t, a, b time.Time, x0, x1 int) int {
	if !b.After(a) {
		return x0
	}
	return x0 + int(float64(t.Sub(a))/float64(b.Sub(a))*float64(x1-x0))
}
