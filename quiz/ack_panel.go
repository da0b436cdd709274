package quiz

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
)

// ackPanel builds the "Handover: title" panel of one handover for u on page
// p: the acknowledgement state and button for an incoming owner, who has
// acknowledged for the outgoing owners and the manager. ok is false when
// the panel is not for u (not involved, or the handover is closed).
func (h *handlers) ackPanel(r *http.Request, u *wiki.User, ho *Handover, p *wiki.Page, threads []*Thread) (web.Panel, bool, error) {
	switch {
	case ho.Closed || !ho.Involves(u.Name):
		return web.Panel{}, false, nil
	case ho.IsIncoming(u.Name):
		panel, err := h.incomingPanel(r, u, ho, p, threads)
		return panel, true, err
	}
	panel, err := h.ownerPanel(ho, p, threads)
	return panel, true, err
}

func (h *handlers) incomingPanel(r *http.Request, u *wiki.User, ho *Handover, p *wiki.Page, threads []*Thread) (web.Panel, error) {
	a, err := h.Store.Ack(u.ID, p.ID)
	if err != nil {
		return web.Panel{}, err
	}
	panel := web.Panel{Title: "Handover: " + ho.Title}
	st := StateOf(a, p)
	switch {
	case st.Current:
		panel.Tone = "ok"
		panel.Items = append(panel.Items, web.PanelItem{Text: acknowledgedText(a), Note: minorNote(a, p)})
	case st.Outdated:
		panel.Tone = "warn"
		panel.Items = append(panel.Items,
			web.PanelItem{Text: "Changed since you acknowledged it — read and acknowledge again",
				Note: fmt.Sprintf("You acknowledged revision %d; revision %d changed it significantly.", a.Rev, p.SignificantRev)},
			web.PanelItem{Text: fmt.Sprintf("What changed since revision %d", a.Rev), URL: revisionDiffURL(p.Path, a.Rev, p.Revision)})
	default:
		panel.Items = append(panel.Items, web.PanelItem{Text: "Not acknowledged yet",
			Note: "Read the page, then confirm that you have read this revision."})
	}
	if !st.Current {
		panel.Actions = append(panel.Actions, ackAction(r, p))
	}
	if n := countThreads(threads, func(t *Thread) bool { return t.Author == u.Name && !t.Resolved }); n > 0 {
		panel.Items = append(panel.Items, web.PanelItem{Text: plural(n, "open question") + " of yours on this page", URL: pageThreadsURL(p.Path)})
	}
	panel.Actions = append(panel.Actions,
		web.Action{Label: "Ask the owner", URL: askURL(p.Path, "")},
		web.Action{Label: "Handover overview", URL: handoverURL(ho.ID)})
	return panel, nil
}

// ackAction is the "I have read this revision" button, or a link to the
// current revision for someone reading an old one.
func ackAction(r *http.Request, p *wiki.Page) web.Action {
	if rev := r.URL.Query().Get("rev"); rev != "" && rev != strconv.Itoa(p.Revision) {
		return web.Action{Label: "Read the current revision to acknowledge it", URL: p.URL()}
	}
	return web.Action{Label: "I have read this revision", URL: "/ack/" + p.Path, Post: true, Primary: true,
		Fields: map[string]string{"rev": strconv.Itoa(p.Revision)}}
}

func acknowledgedText(a *Ack) string {
	return fmt.Sprintf("Acknowledged revision %d on %s", a.Rev, a.Time.Format("2 Jan 2006"))
}

// minorNote explains why edits after the acknowledgement do not ask again.
func minorNote(a *Ack, p *wiki.Page) string {
	if a.Rev < p.Revision {
		return fmt.Sprintf("Now at revision %d: the edits since were minor, no need to read again.", p.Revision)
	}
	return ""
}

// ownerPanel shows outgoing owners and the manager who has acknowledged the
// page, and the questions about it waiting for an answer.
func (h *handlers) ownerPanel(ho *Handover, p *wiki.Page, threads []*Thread) (web.Panel, error) {
	panel := web.Panel{Title: "Handover: " + ho.Title, Tone: "ok"}
	for _, name := range ho.Incoming {
		u, err := h.Wiki.UserByName(name)
		if err != nil {
			continue // renamed or removed since; the handover page says so
		}
		a, err := h.Store.Ack(u.ID, p.ID)
		if err != nil {
			return panel, err
		}
		item := ownerAckItem(u.Label(), a, p)
		if !a.Current(p) {
			panel.Tone = "warn"
		}
		panel.Items = append(panel.Items, item)
	}
	if n := countThreads(threads, (*Thread).Unanswered); n > 0 {
		panel.Tone = "warn"
		panel.Items = append(panel.Items, web.PanelItem{Text: plural(n, "unanswered question") + " about this page", URL: pageThreadsURL(p.Path)})
	}
	panel.Actions = append(panel.Actions, web.Action{Label: "Handover overview", URL: handoverURL(ho.ID)})
	return panel, nil
}

func ownerAckItem(label string, a *Ack, p *wiki.Page) web.PanelItem {
	switch st := StateOf(a, p); {
	case st.Current:
		return web.PanelItem{Text: label + ": acknowledged", Note: fmt.Sprintf("revision %d on %s", a.Rev, a.Time.Format("2 Jan 2006"))}
	case st.Outdated:
		return web.PanelItem{Text: label + ": needs to acknowledge again",
			Note: fmt.Sprintf("acknowledged revision %d, before the significant change in revision %d", a.Rev, p.SignificantRev)}
	}
	return web.PanelItem{Text: label + ": not acknowledged yet"}
}

// threadBadges adds, per section, a badge with its open questions to the
// owner, and for incoming owners an "ask" badge.
func threadBadges(u *wiki.User, covering []*Handover, p *wiki.Page, threads []*Thread, badges map[string][]web.Badge) {
	open := map[string][]*Thread{}
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
			b := web.Badge{Label: plural(len(ts), "open question"), Tone: "info", URL: pageThreadsURL(p.Path)}
			if len(ts) == 1 {
				b.URL = ts[0].URL()
			}
			if countThreads(ts, (*Thread).Unanswered) > 0 {
				b.Tone = "warn"
			}
			badges[s.ID] = append(badges[s.ID], b)
		}
		if incoming && s.ID != "" {
			badges[s.ID] = append(badges[s.ID], web.Badge{Label: "ask the owner", URL: askURL(p.Path, s.ID)})
		}
	}
}

func countThreads(ts []*Thread, keep func(*Thread) bool) int {
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
