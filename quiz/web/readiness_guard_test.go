package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// inputChange is one way to change a page's part in readiness, by HTTP.
type inputChange struct {
	name string
	// ownerRule: the change gives the page another owner, which only its
	// owner, an outgoing owner and admins may do.
	ownerRule bool
	do        func(c *webtest.Client, p *wiki.Page) *webtest.Response
}

func editPage(c *webtest.Client, p *wiki.Page, md, owner string) *webtest.Response {
	return c.PostForm("/edit/"+p.Path, url.Values{"markdown": {md}, "owner": {owner}, "comment": {"edit"},
		"base_revision": {strconv.Itoa(p.Revision)}, "action": {"save"}})
}

var inputChanges = []inputChange{
	{name: "delete", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return c.PostForm("/delete/"+p.Path, nil)
	}},
	{name: "rename within the scope", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return c.PostForm("/rename/"+p.Path, url.Values{"to": {p.Path + "-moved"}, "base_revision": {strconv.Itoa(p.Revision)}})
	}},
	{name: "move out of the scope", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return c.PostForm("/rename/"+p.Path, url.Values{"to": {"elsewhere/" + strings.ReplaceAll(p.Path, "/", "-")},
			"base_revision": {strconv.Itoa(p.Revision)}})
	}},
	{name: "unmark a critical section", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return c.PostForm("/critical/"+p.Path, url.Values{"section": {"first-steps"}})
	}},
	{name: "mark a section critical", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return c.PostForm("/critical/"+p.Path, url.Values{"section": {"escalation"}, "critical": {"on"}})
	}},
	{name: "delete the critical section's heading", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return editPage(c, p, strings.Replace(quiztest.PageMD, "## First steps\n", "", 1), "")
	}},
	{name: "move the mark in the front matter", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return editPage(c, p, strings.Replace(quiztest.PageMD, "critical: [first-steps]", "critical: [escalation]", 1), "")
	}},
	{name: "unmark through the API", do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		body, _ := json.Marshal(map[string]any{"base_revision": p.Revision,
			"markdown": strings.Replace(quiztest.PageMD, "critical: [first-steps]", "critical: [escalation]", 1)})
		return c.Send(http.MethodPut, "/api/pages/"+p.Path, "application/json", string(body), nil)
	}},
	{name: "give the page another owner", ownerRule: true, do: func(c *webtest.Client, p *wiki.Page) *webtest.Response {
		return editPage(c, p, quiztest.PageMD, "priya")
	}},
}

// pageState is what a change of a page's part in readiness would change.
func pageState(app *quiztest.App, id uint64) string {
	p, err := app.Store.PageByID(id)
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%s rev %d owner %s critical %v deleted %v", p.Path, p.Revision, p.Owner, p.Critical, p.Deleted)
}

// TestNobodyMovesTheirOwnReadiness: on a page in the scope of an open
// handover, its incoming owner is refused every change of the page's part
// in readiness, by every route, with a 403 that says who may, and nothing
// changes; the others may make them as their role allows (the owner only
// by the page's owner, an outgoing owner or an admin).
func TestNobodyMovesTheirOwnReadiness(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover() // alex → sam, morgan manages, scope it-ops/ and home
	for _, actor := range []string{"sam", "alex", "morgan", "priya", "admin"} {
		c := app.Login(actor)
		for i, ch := range inputChanges {
			p := app.SavePage(fmt.Sprintf("it-ops/%s-%d", actor, i), quiztest.PageMD)
			before := pageState(app, p.ID)
			resp := ch.do(c, p)
			after := pageState(app, p.ID)
			allowed := actor != "sam" && (!ch.ownerRule || actor == "alex" || actor == "admin")
			what := fmt.Sprintf("%s: %s", actor, ch.name)
			switch {
			case allowed && (resp.StatusCode >= 400 || before == after):
				t.Errorf("%s = %d, page %q → %q; want the change made", what, resp.StatusCode, before, after)
			case !allowed && (resp.StatusCode != http.StatusForbidden || before != after):
				t.Errorf("%s = %d, page %q → %q; want 403 and nothing changed", what, resp.StatusCode, before, after)
			case !allowed && actor == "sam":
				webtest.MustContain(t, what, resp.Body, "IT operations", "an incoming owner may not",
					"The outgoing owner (alex)", "the manager (morgan)", "an administrator may")
			case !allowed:
				webtest.MustContain(t, what, resp.Body, "Only the page")
			}
		}
	}
}

// TestIncomingOwnerSeesNoLockedControls: on a page in scope, sam, who
// takes over, is not offered Rename, Delete or the critical-mark toggles
// that would only be refused, and is told who may; alex, the outgoing
// owner, has them all; a page outside the scope is sam's as any other.
func TestIncomingOwnerSeesNoLockedControls(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/runbook", quiztest.PageMD)
	app.SavePage("elsewhere/runbook", quiztest.PageMD)
	controls := []string{`href="/rename/it-ops/runbook"`, `href="/delete/it-ops/runbook"`, `action="/critical/it-ops/runbook"`}
	sam := app.Login("sam").Get("/wiki/it-ops/runbook").Body
	for _, c := range controls {
		if strings.Contains(sam, c) {
			t.Errorf("sam, who takes over, is offered %s", c)
		}
	}
	webtest.MustContain(t, "sam's page view", sam, "This page is in your handover “IT operations”",
		"the outgoing owner (alex), the manager (morgan) or an administrator")
	alex := app.Login("alex").Get("/wiki/it-ops/runbook").Body
	webtest.MustContain(t, "alex's page view", alex, controls...)
	if strings.Contains(alex, "This page is in your handover") {
		t.Errorf("alex, the outgoing owner, is told the page is locked")
	}
	for _, form := range []string{"/rename/it-ops/runbook", "/delete/it-ops/runbook"} {
		resp := app.Login("sam").Get(form)
		webtest.WantStatus(t, "sam opens "+form, resp, http.StatusForbidden)
		webtest.MustContain(t, "sam opens "+form, resp.Body, "the outgoing owner (alex)")
		webtest.WantStatus(t, "alex opens "+form, app.Login("alex").Get(form), http.StatusOK)
	}
	webtest.MustContain(t, "sam's view outside the scope", app.Login("sam").Get("/wiki/elsewhere/runbook").Body,
		`href="/rename/elsewhere/runbook"`, `action="/critical/elsewhere/runbook"`)
}

// TestIncomingAdminCannotChangeTheirHandover: an administrator who takes
// over in a handover may not change its scope, due date or pass mark.
func TestIncomingAdminCannotChangeTheirHandover(t *testing.T) {
	app := quiztest.NewHandover(t)
	now := app.Wiki.Now()
	h := &quiz.Handover{Title: "Platform", Outgoing: []string{"alex"}, Incoming: []string{"admin"}, Manager: "morgan",
		Start: now, Due: now.AddDate(0, 0, 14), Scope: []string{"it-ops/"}}
	if err := app.Quiz.CreateHandover(h, app.User("morgan")); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"title": {"Platform"}, "outgoing": {"alex"}, "incoming": {"admin"}, "manager": {"morgan"},
		"start": {now.Format("2006-01-02")}, "due": {now.AddDate(1, 0, 0).Format("2006-01-02")}, "scope": {"nothing/"}, "pass_mark": {"10"}}
	resp := app.Login("admin").PostForm(fmt.Sprintf("/handovers/%d/edit", h.ID), form)
	webtest.WantStatus(t, "the incoming admin edits the handover", resp, http.StatusForbidden)
	webtest.MustContain(t, "refusal", resp.Body, "an incoming owner may not change the handover", "the manager (morgan)")
	got, err := app.Quiz.Handover(h.ID)
	if err != nil || !slices.Equal(got.Scope, h.Scope) || !got.Due.Equal(h.Due) || got.PassMark != h.PassMark {
		t.Errorf("after the refused edit: %+v, %v; want it unchanged", got, err)
	}
	webtest.WantStatus(t, "the manager edits it", app.Login("morgan").PostForm(fmt.Sprintf("/handovers/%d/edit", h.ID), form), http.StatusSeeOther)
}

// TestCriticalMarksAndOwnersInHistory: who marked or unmarked a critical
// section, or gave a page another owner, shows in the page's history, and
// a new owner of a page in scope is told to the handover's watchers.
func TestCriticalMarksAndOwnersInHistory(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/crisis", quiztest.PageMD)
	alex := app.Login("alex")
	webtest.WantStatus(t, "alex unmarks first steps", alex.PostForm("/critical/it-ops/crisis", url.Values{"section": {"first-steps"}}), http.StatusSeeOther)
	p := app.Page("it-ops/crisis")
	webtest.WantStatus(t, "alex gives the page to priya", editPage(alex, p, strings.Replace(quiztest.PageMD, "critical: [first-steps]\n", "", 1), "priya"), http.StatusSeeOther)
	history := alex.Get("/history/it-ops/crisis")
	webtest.MustContain(t, "history", history.Body, "Unmarked “First steps” as critical", "owner alex → priya")
	news := app.Login("morgan").Get("/notifications")
	webtest.MustContain(t, "morgan's notifications", news.Body, "changed the owner of “Crisis protocol” from alex to priya")
}
