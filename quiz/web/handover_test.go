package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

func TestHandoverCreateForm(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/systems", "# Systems\n")
	app.SavePage("home", "# Home\n")
	morgan := app.Login("morgan")
	webtest.WantStatus(t, "GET /handovers/new", morgan.Get("/handovers/new"), http.StatusOK)
	form := url.Values{"title": {"Ops <handover>"}, "outgoing": {"alex"}, "incoming": {""}, "manager": {"morgan"},
		"start": {"2030-01-06"}, "due": {"2030-01-31"}, "pass_mark": {"85"}, "scope": {"it-ops/\nhome\nnothing/"}}
	resp := morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "POST /handovers without incoming owner", resp, http.StatusBadRequest)
	webtest.MustContain(t, "re-rendered form", resp.Body, "at least one outgoing and one incoming owner",
		`value="Ops &lt;handover&gt;"`, `value="2030-01-31"`, "it-ops/\nhome\nnothing/", `value="85"`)
	form.Set("action", "preview")
	resp = morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "preview", resp, http.StatusOK)
	webtest.MustContain(t, "scope preview", resp.Body, "2 pages in scope", "no page below it yet", "/wiki/it-ops/systems")
	form.Del("action")
	form.Set("incoming", "sam")
	resp = morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "POST /handovers", resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/handovers/1" {
		t.Fatalf("created handover at %q, want /handovers/1", loc)
	}
	page := morgan.Get("/handovers/1")
	webtest.WantStatus(t, "GET /handovers/1", page, http.StatusOK)
	webtest.MustContain(t, "handover page", page.Body, "Ops &lt;handover&gt;", "Access and credentials transferred",
		"<svg", "Last day 31 Jan", "+90 days", "/wiki/it-ops/systems", "Close handover", `href="/handovers/1/dashboard"`)
	edit := morgan.PostForm("/handovers/1/edit", url.Values{"title": {"Ops"}, "outgoing": {"alex"}, "incoming": {"sam"},
		"manager": {"morgan"}, "start": {"2030-01-06"}, "due": {"2030-01-01"}, "scope": {"it-ops/"}})
	webtest.WantStatus(t, "save with the due date before the start", edit, http.StatusBadRequest)
	webtest.MustContain(t, "edit form", edit.Body, "the due date is before the start date", `value="2030-01-01"`)
}

func TestHandoverVisibility(t *testing.T) {
	app := quiztest.NewHandover(t)
	h := app.SeedHandover()
	url := "/handovers/1"
	for name, want := range map[string]int{"alex": 200, "sam": 200, "morgan": 200, "admin": 200, "priya": 404, "jordan": 404} {
		c := app.Login(name)
		if got := c.Get(url).StatusCode; got != want {
			t.Errorf("GET %s as %s = %d, want %d", url, name, got, want)
		}
		list := c.Get("/handovers").Body
		if strings.Contains(list, h.Title) != (want == 200) {
			t.Errorf("/handovers as %s lists the handover: %v, want %v", name, !(want == 200), want == 200)
		}
		if strings.Contains(list, "New handover") != (name == "morgan" || name == "jordan" || name == "admin") {
			t.Errorf("/handovers as %s: wrong 'New handover' button", name)
		}
	}
	for _, name := range []string{"alex", "sam", "jordan"} {
		if got := app.Login(name).Get(url + "/edit").StatusCode; got == http.StatusOK {
			t.Errorf("GET %s/edit as %s = 200, want refused", url, name)
		}
	}
	webtest.MustContain(t, "sam's view", app.Login("sam").Get(url).Body, `id="progress-title"`, "pass mark 80")
	webtest.MustContain(t, "morgan's view", app.Login("morgan").Get(url).Body, `id="progress-title"`)
	if alex := app.Login("alex").Get(url).Body; strings.Contains(alex, "progress-title") {
		t.Error("the outgoing owner sees the incoming owner's readiness")
	}
}

func TestHandoverChecklistHTTP(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	sam, alex, morgan := app.Login("sam"), app.Login("alex"), app.Login("morgan")
	webtest.WantStatus(t, "sam ticks his own item", sam.PostForm("/handovers/1/checklist/7/done", url.Values{"done": {"on"}}), http.StatusSeeOther)
	webtest.WantStatus(t, "sam ticks someone else's item", sam.PostForm("/handovers/1/checklist/1/done", url.Values{"done": {"on"}}), http.StatusForbidden)
	webtest.WantStatus(t, "alex ticks an item", alex.PostForm("/handovers/1/checklist/2/done", url.Values{"done": {"on"}}), http.StatusSeeOther)
	webtest.WantStatus(t, "alex edits an item", alex.PostForm("/handovers/1/checklist/2", url.Values{"text": {"x"}}), http.StatusForbidden)
	webtest.WantStatus(t, "morgan adds an item", morgan.PostForm("/handovers/1/checklist", url.Values{"text": {"Hand over the safe"}, "owner": {"alex"}, "due": {"2020-01-01"}}), http.StatusSeeOther)
	page := morgan.Get("/handovers/1").Body
	webtest.MustContain(t, "checklist", page, "Hand over the safe", "is-overdue", "done ")
	bad := morgan.PostForm("/handovers/1/checklist/11", url.Values{"text": {""}})
	webtest.WantStatus(t, "empty item text", bad, http.StatusSeeOther)
	webtest.MustContain(t, "flash after a bad edit", morgan.Get("/handovers/1").Body, "Not saved:")
	webtest.WantStatus(t, "morgan removes it", morgan.PostForm("/handovers/1/checklist/11/delete", nil), http.StatusSeeOther)
	if strings.Contains(morgan.Get("/handovers/1").Body, "Hand over the safe") {
		t.Error("removed item still shown")
	}
	webtest.WantStatus(t, "close", morgan.PostForm("/handovers/1/close", nil), http.StatusSeeOther)
	webtest.MustContain(t, "closed handover", morgan.Get("/handovers/1").Body, "Reopen", "Closed on")
}

func TestAcknowledgeFromPanel(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	app.SavePage("finance/budget", "# Budget\n")
	sam, alex := app.Login("sam"), app.Login("alex")
	page := sam.Get("/wiki/it-ops/failover").Body
	webtest.MustContain(t, "sam's page", page, "Handover: IT operations", "I have read this revision", `action="/ack/it-ops/failover"`, "ask the owner")
	if strings.Contains(sam.Get("/wiki/finance/budget").Body, "Handover:") {
		t.Error("a page outside the scope shows the handover panel")
	}
	webtest.WantStatus(t, "priya acknowledges", app.Login("priya").PostForm("/ack/it-ops/failover", url.Values{"rev": {"1"}}), http.StatusForbidden)
	resp := sam.PostForm("/ack/it-ops/failover", url.Values{"rev": {"1"}})
	webtest.WantStatus(t, "sam acknowledges", resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/wiki/it-ops/failover" {
		t.Errorf("after acknowledging: redirect to %q, want the page", loc)
	}
	webtest.MustContain(t, "acknowledged page", sam.Get("/wiki/it-ops/failover").Body, "Acknowledged revision 1 on")
	webtest.MustContain(t, "alex's panel", alex.Get("/wiki/it-ops/failover").Body, "sam: acknowledged")

	app.Edit("it-ops/failover", strings.Replace(quiztest.FailoverMD, "Why we do it.", "Why we do this.", 1), false)
	page = sam.Get("/wiki/it-ops/failover").Body
	webtest.MustContain(t, "after a typo fix", page, "Acknowledged revision 1 on", "the edits since were minor")

	app.Edit("it-ops/failover", strings.Replace(quiztest.FailoverMD, "db-02", "db-03", 1), false)
	page = sam.Get("/wiki/it-ops/failover").Body
	webtest.MustContain(t, "after a critical change", page, "Changed since you acknowledged it — read and acknowledge again",
		`href="/diff/it-ops/failover?from=1&amp;to=3"`, "I have read this revision")
	webtest.MustContain(t, "alex's panel after the change", alex.Get("/wiki/it-ops/failover").Body, "sam: needs to acknowledge again")
	webtest.MustContain(t, "handover scope", app.Login("morgan").Get("/handovers/1").Body, "changed since revision 1")
	webtest.WantStatus(t, "sam acknowledges again", sam.PostForm("/ack/it-ops/failover", url.Values{"rev": {"3"}}), http.StatusSeeOther)
	webtest.MustContain(t, "re-acknowledged", sam.Get("/wiki/it-ops/failover").Body, "Acknowledged revision 3 on")
}

func TestThreadsHTTP(t *testing.T) {
	app := quiztest.NewHandover(t)
	h := app.SeedHandover()
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	sam, alex, priya := app.Login("sam"), app.Login("alex"), app.Login("priya")
	form := sam.Get("/ask/it-ops/failover?section=steps")
	webtest.WantStatus(t, "ask form", form, http.StatusOK)
	webtest.MustContain(t, "ask form", form.Body, `<option value="steps" selected>Steps</option>`)
	webtest.WantStatus(t, "priya's ask form", priya.Get("/ask/it-ops/failover"), http.StatusForbidden)
	empty := sam.PostForm("/ask/it-ops/failover", url.Values{"section": {"steps"}, "text": {"  "}})
	webtest.WantStatus(t, "empty question", empty, http.StatusBadRequest)
	resp := sam.PostForm("/ask/it-ops/failover", url.Values{"section": {"steps"}, "text": {"Which host is <db-02>?"}})
	webtest.WantStatus(t, "ask", resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/threads/1" {
		t.Fatalf("question at %q, want /threads/1", loc)
	}
	webtest.MustContain(t, "alex's overview", alex.Get("/handovers").Body, "1 question waiting for your answer", "Which host is &lt;db-02&gt;?")
	webtest.MustContain(t, "handover page", alex.Get("/handovers/1").Body, "Which host is &lt;db-02&gt;?", "unanswered")
	webtest.MustContain(t, "alex's page panel", alex.Get("/wiki/it-ops/failover").Body, "1 unanswered question about this page", "1 open question")
	webtest.WantStatus(t, "priya reads it", priya.Get("/threads/1"), http.StatusNotFound)
	webtest.WantStatus(t, "jordan reads it", app.Login("jordan").Get("/threads/1"), http.StatusNotFound)
	webtest.WantStatus(t, "priya replies", priya.PostForm("/threads/1/reply", url.Values{"text": {"hi"}}), http.StatusNotFound)
	if strings.Contains(priya.Get("/threads").Body, "db-02") {
		t.Error("/threads as priya lists the question")
	}
	// Continuous support: after the last day the thread still works.
	app.Store.SetClock(func() time.Time { return h.Due.AddDate(0, 0, 45) })
	alex, sam = app.Login("alex"), app.Login("sam") // two months on, their sessions have ended
	webtest.WantStatus(t, "alex answers", alex.PostForm("/threads/1/reply", url.Values{"text": {"Rack B, second from the top."}}), http.StatusSeeOther)
	webtest.MustContain(t, "answered thread", sam.Get("/threads/1").Body, "Rack B, second from the top.", "answered")
	if strings.Contains(alex.Get("/handovers").Body, "waiting for your answer") {
		t.Error("an answered question is still listed as waiting")
	}
	webtest.WantStatus(t, "sam resolves", sam.PostForm("/threads/1/resolve", nil), http.StatusSeeOther)
	webtest.MustContain(t, "thread list", sam.Get("/threads").Body, "Resolved", "Which host is &lt;db-02&gt;?")
	webtest.MustContain(t, "page filter", sam.Get("/threads?page=it-ops/failover").Body, "Which host")
}

// TestHandoverListOverdueFirst: a handover past its due date with someone
// not ready comes first, then open ones by due date, closed ones last.
func TestHandoverListOverdueFirst(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	qs := app.Quiz
	morgan, _ := app.Store.UserByName("morgan")
	now := app.Store.Now()
	for _, h := range []*quiz.Handover{
		{Title: "Later", Due: now.AddDate(0, 0, 30)},
		{Title: "Sooner", Due: now.AddDate(0, 0, 10)},
		{Title: "Late", Due: now.AddDate(0, 0, -3)},
		{Title: "Done", Due: now.AddDate(0, 0, -60), Closed: true},
	} {
		h.Outgoing, h.Incoming, h.Manager, h.Start, h.Scope = []string{"alex"}, []string{"sam"}, "morgan", now.AddDate(0, 0, -90), []string{"it-ops/"}
		if err := qs.CreateHandover(h, morgan); err != nil {
			t.Fatal(err)
		}
	}
	list := app.Login("morgan").Get("/handovers").Body
	last := -1
	for _, title := range []string{">Late<", "Overdue", ">Sooner<", ">Later<", ">Done<"} {
		i := strings.Index(list, title)
		if i < last {
			t.Errorf("/handovers lists %q out of order (overdue, then by due date, closed last)", title)
		}
		last = i
	}
}

// TestHandoverRecheckLead: the form sets how many days ahead re-checks
// open, within 1 to 60, and shows the default of 7 on a new handover.
func TestHandoverRecheckLead(t *testing.T) {
	app := quiztest.NewHandover(t)
	morgan := app.Login("morgan")
	webtest.MustContain(t, "the new handover form", morgan.Get("/handovers/new").Body, `name="recheck_lead_days"`, `value="7"`)
	form := url.Values{"title": {"Ops"}, "outgoing": {"alex"}, "incoming": {"sam"}, "manager": {"morgan"},
		"start": {"2030-01-06"}, "due": {"2030-01-31"}, "scope": {"it-ops/"}, "recheck_lead_days": {"99"}}
	resp := morgan.PostForm("/handovers", form)
	webtest.WantStatus(t, "a lead of 99 days", resp, http.StatusBadRequest)
	webtest.MustContain(t, "the refusal", resp.Body, "re-checks open from 1 to 60 days before they are needed")
	form.Set("recheck_lead_days", "10")
	webtest.WantStatus(t, "a lead of 10 days", morgan.PostForm("/handovers", form), http.StatusSeeOther)
	if h, err := app.Quiz.Handover(1); err != nil || h.RecheckLead() != 10*24*time.Hour {
		t.Errorf("stored lead = %v, %v; want 10 days", h.RecheckLead(), err)
	}
}
