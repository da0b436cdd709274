package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// handoverView is the data of handover_view.html.
type handoverView struct {
	wikiweb.Base
	H                  *quiz.Handover
	CanManage          bool
	IsOutgoing         bool
	IsIncoming         bool
	Watching           bool // the viewer watches this handover
	State              handoverState
	Countdown          string
	Outgoing, Incoming []personRef
	Manager            personRef
	Progress           []personProgress
	DashboardURL       string
	Scope              []scopePageRow
	Checklist          []checklistRow
	Timeline           handoverTimeline
	// Stale lists questions needing review; only for the quizzes' owners.
	Stale []reviewRow
	// Threads are the open questions to the owner; Resolved counts the rest.
	Threads  []threadRow
	Resolved int
	Users    []*wiki.User
	Today    string
	// Changes is the handover's record: what changed an input of
	// readiness, when, by whom.
	Changes recordView
}

// scopePageRow is a page in scope with each incoming owner's acknowledgement.
type scopePageRow struct {
	Page *wiki.Page
	Acks []ackCell
}

// ackCell is one incoming owner's acknowledgement of one page.
type ackCell struct {
	quiz.AckState
	Person  personRef
	DiffURL string
}

// checklistRow is a checklist item as the viewer sees it.
type checklistRow struct {
	quiz.ChecklistItem
	OwnerLabel, DoneByLabel string
	Overdue, CanTick        bool
	DueValue                string
}

// reviewRow is a question whose pinned section changed.
type reviewRow struct {
	Q               *quiz.Question
	Page            *wiki.Page
	Heading         string
	URL, SectionURL string
}

func (h *handlers) handoverPage(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.viewableHandover(r)
	if err != nil {
		return err
	}
	u, now := user(r), h.Store.Now()
	labels, err := h.userLabels()
	if err != nil {
		return err
	}
	data := &handoverView{Base: wikiweb.Base{Title: ho.Title, Nav: "handovers"}, H: ho, CanManage: ho.CanManage(u),
		IsOutgoing: ho.IsOutgoing(u.Name), IsIncoming: ho.IsIncoming(u.Name), Countdown: handoverCountdown(ho, now), Outgoing: labelPeople(ho.Outgoing, labels),
		Incoming: labelPeople(ho.Incoming, labels), Manager: labelPeople([]string{ho.Manager}, labels)[0],
		DashboardURL: handoverDashboardURL(ho.ID), Today: now.Format(htmlDateLayout)}
	ready, err := h.Store.Readiness(ho, now)
	if err != nil {
		return err
	}
	if data.Watching, err = h.Wiki.Watching(u.ID, wiki.WatchHandover, ho.ID); err != nil {
		return err
	}
	data.State = viewerState(u, ho, ready, now)
	data.Progress = progressRowsIn(visibleProgress(u, ho, ready, labels), wikiweb.ReaderZone(r))
	data.Checklist = checklistRows(u, ho, labels, now)
	data.Timeline = buildHandoverTimeline(ho, now)
	if err := h.fillScope(data, u, labels); err != nil {
		return err
	}
	if data.Changes, err = h.recordOf(r, ho, u, labels); err != nil {
		return err
	}
	if data.CanManage {
		if data.Users, err = h.Wiki.Users(); err != nil {
			return err
		}
	}
	return h.Views.Render(w, r, http.StatusOK, "handover_view.html", data)
}

// fillScope adds the pages in scope with their acknowledgements, the
// questions needing review and the open threads.
func (h *handlers) fillScope(data *handoverView, u *wiki.User, labels map[string]string) error {
	pages, err := h.Store.ScopePages(data.H)
	if err != nil {
		return err
	}
	if data.Scope, err = h.scopeRows(data.H, pages, labels); err != nil {
		return err
	}
	if data.IsOutgoing || data.CanManage {
		if data.Stale, err = h.reviewRows(u, pages); err != nil {
			return err
		}
	}
	threads, err := h.scopeThreads(data.H, pages, labels)
	if err != nil {
		return err
	}
	for _, t := range threads {
		if t.Resolved {
			data.Resolved++
		} else {
			data.Threads = append(data.Threads, t)
		}
	}
	return nil
}

func (h *handlers) scopeRows(ho *quiz.Handover, pages []*wiki.Page, labels map[string]string) ([]scopePageRow, error) {
	var users []*wiki.User
	for _, name := range ho.Incoming {
		if u, err := h.Wiki.UserByName(name); err == nil {
			users = append(users, u)
		}
	}
	acks, err := h.Store.Acks(users, pages)
	if err != nil {
		return nil, err
	}
	rows := make([]scopePageRow, 0, len(pages))
	for _, p := range pages {
		row := scopePageRow{Page: p}
		for _, u := range users {
			a := ho.AckFor(acks[quiz.AckKey{UserID: u.ID, PageID: p.ID}])
			cell := ackCell{AckState: quiz.StateOf(a, p), Person: labelPeople([]string{u.Name}, labels)[0]}
			if cell.Outdated {
				cell.DiffURL = revisionDiffURL(p.Path, a.Rev, p.Revision)
			}
			row.Acks = append(row.Acks, cell)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// reviewRows lists the questions of quizzes in scope whose pinned section
// changed since they were written or confirmed. Their link opens the
// question for whoever may edit the quiz, else the section.
func (h *handlers) reviewRows(u *wiki.User, pages []*wiki.Page) ([]reviewRow, error) {
	stale, err := h.Store.StaleQuestions(pages, u)
	if err != nil {
		return nil, err
	}
	out := make([]reviewRow, 0, len(stale))
	for _, sq := range stale {
		q, p := sq.Q, sq.Page
		row := reviewRow{Q: q, Page: p, Heading: sectionHeading(p, q.Section), SectionURL: quiz.SectionURL(p, q.Section)}
		row.URL = row.SectionURL
		if sq.CanEdit {
			row.URL = quiz.QuestionURL(q.ID)
		}
		out = append(out, row)
	}
	return out, nil
}

func checklistRows(u *wiki.User, ho *quiz.Handover, labels map[string]string, now time.Time) []checklistRow {
	rows := make([]checklistRow, 0, len(ho.Checklist))
	for i := range ho.Checklist {
		c := &ho.Checklist[i]
		row := checklistRow{ChecklistItem: *c, Overdue: c.Overdue(now), CanTick: ho.CanTick(u, c), DueValue: htmlDateValue(c.Due)}
		if c.Owner != "" {
			row.OwnerLabel = labelPeople([]string{c.Owner}, labels)[0].Label
		}
		if c.DoneBy != "" {
			row.DoneByLabel = labelPeople([]string{c.DoneBy}, labels)[0].Label
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Due.Before(rows[j].Due) })
	return rows
}
