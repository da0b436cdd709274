package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// ackPanel builds the "Handover: title" panel of one handover for u on page
// p: the acknowledgement state and button for an incoming owner, who has
// acknowledged for the outgoing owners and the manager. ok is false when
// the panel is not for u (not involved, or the handover is closed).
func (h *handlers) ackPanel(r *http.Request, u *wiki.User, ho *quiz.Handover, p *wiki.Page, threads []*quiz.Thread) (wikiweb.Panel, bool, error) {
	switch {
	case ho.Closed || !ho.Involves(u.Name):
		return wikiweb.Panel{}, false, nil
	case ho.IsIncoming(u.Name):
		panel, err := h.incomingPanel(r, u, ho, p, threads)
		return panel, true, err
	}
	panel, err := h.ownerPanel(wikiweb.ReaderZone(r), ho, p, threads)
	return panel, true, err
}

func (h *handlers) incomingPanel(r *http.Request, u *wiki.User, ho *quiz.Handover, p *wiki.Page, threads []*quiz.Thread) (wikiweb.Panel, error) {
	a, err := h.Store.Ack(u.ID, p.ID)
	if err != nil {
		return wikiweb.Panel{}, err
	}
	a = ho.AckFor(a)
	panel := wikiweb.Panel{Title: "Handover: " + ho.Title}
	st := quiz.StateOf(a, p)
	switch {
	case st.Current:
		panel.Tone = "ok"
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: acknowledgedText(a, wikiweb.ReaderZone(r)), Note: minorNote(a, p)})
	case st.Outdated:
		panel.Tone = "warn"
		panel.Items = append(panel.Items,
			wikiweb.PanelItem{Text: "Changed since you acknowledged it — read and acknowledge again",
				Note: fmt.Sprintf("You acknowledged revision %d; revision %d changed it significantly.", a.Rev, p.SignificantRev)},
			wikiweb.PanelItem{Text: fmt.Sprintf("What changed since revision %d", a.Rev), URL: revisionDiffURL(p.Path, a.Rev, p.Revision)})
	default:
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: "Not acknowledged yet",
			Note: "Read the page, then confirm that you have read this revision."})
	}
	if !st.Current {
		panel.Actions = append(panel.Actions, ackAction(r, p))
	}
	if n := countThreads(threads, func(t *quiz.Thread) bool { return u.Is(t.Author) && !t.Resolved }); n > 0 {
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: plural(n, "open question") + " of yours on this page", URL: pageThreadsURL(p.Path)})
	}
	panel.Actions = append(panel.Actions,
		wikiweb.Action{Label: "Ask the owner", URL: askURL(p.Path, "")},
		wikiweb.Action{Label: "Handover overview", URL: quiz.HandoverURL(ho.ID)})
	return panel, nil
}

// ackAction is the "I have read this revision" button, or a link to the
// current revision for someone reading an old one.
func ackAction(r *http.Request, p *wiki.Page) wikiweb.Action {
	if rev := r.URL.Query().Get("rev"); rev != "" && rev != strconv.Itoa(p.Revision) {
		return wikiweb.Action{Label: "Read the current revision to acknowledge it", URL: p.URL()}
	}
	return wikiweb.Action{Label: "I have read this revision", URL: "/ack/" + p.Path, Post: true, Primary: true,
		Fields: map[string]string{"rev": strconv.Itoa(p.Revision)}}
}

func acknowledgedText(a *quiz.Ack, z wiki.Zone) string {
	return fmt.Sprintf("Acknowledged revision %d on %s", a.Rev, z.Date(a.Time))
}

// minorNote explains why edits after the acknowledgement do not ask again.
func minorNote(a *quiz.Ack, p *wiki.Page) string {
	if a.Rev < p.Revision {
		return fmt.Sprintf("Now at revision %d: the edits since were minor, no need to read again.", p.Revision)
	}
	return ""
}

// ownerPanel shows outgoing owners and the manager who has acknowledged the
// page, and the questions about it waiting for an answer.
func (h *handlers) ownerPanel(z wiki.Zone, ho *quiz.Handover, p *wiki.Page, threads []*quiz.Thread) (wikiweb.Panel, error) {
	panel := wikiweb.Panel{Title: "Handover: " + ho.Title, Tone: "ok"}
	for _, name := range ho.Incoming {
		u, err := h.Wiki.UserByName(name)
		if err != nil {
			continue // renamed or removed since; the handover page says so
		}
		a, err := h.Store.Ack(u.ID, p.ID)
		if err != nil {
			return panel, err
		}
		a = ho.AckFor(a)
		item := ownerAckItem(z, u.Label(), a, p)
		if !a.Current(p) {
			panel.Tone = "warn"
		}
		panel.Items = append(panel.Items, item)
	}
	if n := countThreads(threads, (*quiz.Thread).Unanswered); n > 0 {
		panel.Tone = "warn"
		panel.Items = append(panel.Items, wikiweb.PanelItem{Text: plural(n, "unanswered question") + " about this page", URL: pageThreadsURL(p.Path)})
	}
	panel.Actions = append(panel.Actions, wikiweb.Action{Label: "Handover overview", URL: quiz.HandoverURL(ho.ID)})
	return panel, nil
}

func ownerAckItem(z wiki.Zone, label string, a *quiz.Ack, p *wiki.Page) wikiweb.PanelItem {
	switch st := quiz.StateOf(a, p); {
	case st.Current:
		return wikiweb.PanelItem{Text: label + ": acknowledged", Note: fmt.Sprintf("revision %d on %s", a.Rev, z.Date(a.Time))}
	case st.Outdated:
		return wikiweb.PanelItem{Text: label + ": needs to acknowledge again",
			Note: fmt.Sprintf("acknowledged revision %d, before the significant change in revision %d", a.Rev, p.SignificantRev)}
	}
	return wikiweb.PanelItem{Text: label + ": not acknowledged yet"}
}

// threadBadges adds, per section, a badge with its open questions to the
// owner, and for incoming owners an "ask" badge.
func threadBadges(u *wiki.User, covering []*quiz.Handover, p *wiki.Page, threads []*quiz.Thread, badges map[string][]wikiweb.Badge) {
	open := map[string][]*quiz.Thread{}
	for _, t := range threads {
		if !t.Resolved && t.Section != "" {
			open[t.Section] = append(open[t.Section], t)
		}
	}
	incoming := false
	for _, ho := range covering {
		incoming = incoming || ho.IsIncoming(u.Name)
	}
	for _, s := range p.Sections {
		if ts := open[s.ID]; len(ts) > 0 {
			b := wikiweb.Badge{Label: plural(len(ts), "open question"), Tone: "info", URL: pageThreadsURL(p.Path)}
			if len(ts) == 1 {
				b.URL = ts[0].URL()
			}
			if countThreads(ts, (*quiz.Thread).Unanswered) > 0 {
				b.Tone = "warn"
			}
			badges[s.ID] = append(badges[s.ID], b)
		}
		if incoming && s.ID != "" {
			badges[s.ID] = append(badges[s.ID], wikiweb.Badge{Label: "ask the owner", URL: askURL(p.Path, s.ID)})
		}
	}
}

func countThreads(ts []*quiz.Thread, keep func(*quiz.Thread) bool) int {
	n := 0
	for _, t := range ts {
		if keep(t) {
			n++
		}
	}
	return n
}

// revisionDiffURL compares two revisions of a page.
func revisionDiffURL(path string, from, to int) string {
	return fmt.Sprintf("/diff/%s?from=%d&to=%d", path, from, to)
}

// askURL is the form to ask the owner about a page, or one of its sections.
func askURL(path, section string) string {
	if section == "" {
		return "/ask/" + path
	}
	return "/ask/" + path + "?section=" + url.QueryEscape(section)
}

// pageThreadsURL lists the questions about one page.
func pageThreadsURL(path string) string { return "/threads?page=" + url.QueryEscape(path) }
