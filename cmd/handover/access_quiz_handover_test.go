package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// quizHandoverRoles are the people around a quiz on a page that a handover
// covers: the incoming owner ("member", who wrote the quiz before the
// handover began and took it), the outgoing owner, the page's owner, the
// handover's manager and an admin.
var quizHandoverRoles = []string{"anonymous", "member", "owner", "pageowner", "manager", "admin"}

// coveredQuizPageMD is a page owned by pageowner with a critical section.
const coveredQuizPageMD = `---
title: Crisis protocol
owner: pageowner
critical: [first-steps]
---

## First steps

Fence the old primary before promoting the standby.
`

type quizHandoverRoute struct {
	method, path string
	form         url.Values
	want         [6]int
}

var (
	authorGet = [6]int{seeOther, forbid, ok, ok, forbid, ok}
	authorSet = [6]int{unauth, forbid, seeOther, seeOther, forbid, seeOther}
)

// quizHandoverRoutes: on {p} the incoming owner may not author, grade or
// see everyone's attempts any more, though the quiz is theirs; the
// outgoing owner and the page's owner may. {n} is a covered page without
// a quiz.
var quizHandoverRoutes = []quizHandoverRoute{
	{"GET", "/quiz/edit/{p}", nil, authorGet},
	{"POST", "/quiz/settings/{p}", url.Values{"pass_mark": {"70"}}, authorSet},
	{"GET", "/quiz/new/{p}?section=first-steps&type=truefalse", nil, authorGet},
	{"POST", "/quiz/new/{p}", url.Values{"type": {"truefalse"}, "section": {"first-steps"}, "text": {"Fence first?"}, "truth": {"true"}}, authorSet},
	{"GET", "/quiz/question/{q}", nil, authorGet},
	{"POST", "/quiz/question/{q}", url.Values{"section": {"first-steps"}, "text": {"Why fence, really?"}}, authorSet},
	{"POST", "/quiz/question/{q}/confirm", nil, authorSet},
	{"POST", "/quiz/question/{q}/delete", nil, authorSet},
	{"GET", "/quiz/preview/{p}", nil, authorGet},
	{"GET", "/quiz/export/{p}", nil, authorGet},
	{"POST", "/quiz/flags/{f}/resolve", nil, authorSet},
	{"GET", "/quiz/attempts/{p}", nil, [6]int{seeOther, forbid, ok, ok, ok, ok}},
	{"GET", "/quiz/attempt/{a}", nil, [6]int{seeOther, ok, ok, ok, ok, ok}},
	{"POST", "/quiz/attempt/{a}/grade", url.Values{"question": {"{q}"}, "credit": {"100"}}, [6]int{unauth, forbid, seeOther, seeOther, forbid, seeOther}},
	// A page without a quiz: anyone may start one, but not the incoming owner.
	{"GET", "/quiz/edit/{n}", nil, [6]int{seeOther, forbid, ok, ok, ok, ok}},
	{"POST", "/quiz/new/{n}", url.Values{"type": {"truefalse"}, "section": {"first-steps"}, "text": {"Fence first?"}, "truth": {"true"}}, [6]int{unauth, forbid, seeOther, seeOther, seeOther, seeOther}},
}

func TestQuizAccessInHandover(t *testing.T) {
	app := newTestApp(t)
	for name, role := range map[string]wiki.Role{"member": wiki.RoleMember, "owner": wiki.RoleMember,
		"pageowner": wiki.RoleMember, "manager": wiki.RoleManager, "admin": wiki.RoleAdmin} {
		app.AddUser(name, role)
	}
	clients := []*webtest.Client{app.Anonymous()}
	for _, name := range quizHandoverRoles[1:] {
		clients = append(clients, app.Login(name))
	}
	for i, rt := range quizHandoverRoutes {
		for r, role := range quizHandoverRoles {
			vars := app.seedCoveredQuiz(fmt.Sprintf("qho/%d-%s", i, role))
			path, form := vars.Replace(rt.path), url.Values{}
			for k, vs := range rt.form {
				form[k] = []string{vars.Replace(vs[0])}
			}
			t.Run(rt.method+" "+rt.path+" as "+role, func(t *testing.T) {
				resp := request(clients[r], rt.method, path, form, "")
				if resp.StatusCode != rt.want[r] {
					t.Errorf("%s %s as %s = %d, want %d", rt.method, path, role, resp.StatusCode, rt.want[r])
				}
			})
		}
	}
}

// seedCoveredQuiz stores page (with a quiz the member wrote and took,
// answering its teach-back question and flagging it) and page-new (no
// quiz), then a handover from owner to member over both, managed by
// manager. It returns the replacer of {p}, {n}, {q}, {a} and {f}.
func (a *testApp) seedCoveredQuiz(page string) *strings.Replacer {
	a.t.Helper()
	if _, err := a.Main.Store.SavePage(wiki.SaveRequest{Path: page, Markdown: coveredQuizPageMD, Author: "pageowner"}); err != nil {
		a.t.Fatal(err)
	}
	if _, err := a.Main.Store.SavePage(wiki.SaveRequest{Path: page + "-new", Markdown: coveredQuizPageMD, Author: "pageowner"}); err != nil {
		a.t.Fatal(err)
	}
	q, at, fl := a.SeedQuizFor(page, "member", "member")
	now := a.Main.Store.Now()
	h := &quiz.Handover{Title: "Covered quiz", Outgoing: []string{"owner"}, Incoming: []string{"member"}, Manager: "manager",
		Start: now, Due: now.AddDate(0, 0, 14), Scope: []string{page, page + "-new"}}
	if err := a.Quiz.CreateHandover(h, a.User("manager")); err != nil {
		a.t.Fatal(err)
	}
	return strings.NewReplacer("{p}", page, "{n}", page+"-new", "{q}", fmt.Sprint(q), "{a}", fmt.Sprint(at), "{f}", fmt.Sprint(fl))
}

// TestIncomingOwnerIsNotOfferedAuthoring: on pages in their handover an
// incoming owner sees no "Write a knowledge check", "Edit quiz" or
// "+ question"; the outgoing owner does.
func TestIncomingOwnerIsNotOfferedAuthoring(t *testing.T) {
	app := newTestApp(t)
	for name, role := range map[string]wiki.Role{"member": wiki.RoleMember, "owner": wiki.RoleMember,
		"pageowner": wiki.RoleMember, "manager": wiki.RoleManager} {
		app.AddUser(name, role)
	}
	app.seedCoveredQuiz("qho/offer")
	member, owner := app.Login("member"), app.Login("owner")
	for _, path := range []string{"/wiki/qho/offer", "/wiki/qho/offer-new"} {
		body := member.Get(path).Body
		for _, offer := range []string{"Write a knowledge check", "Edit quiz", "+ question", `href="/quiz/edit/`, `href="/quiz/new/`} {
			if strings.Contains(body, offer) {
				t.Errorf("%s as the incoming owner offers %q", path, offer)
			}
		}
	}
	if body := owner.Get("/wiki/qho/offer-new").Body; !strings.Contains(body, "Write a knowledge check") {
		t.Error("/wiki/qho/offer-new as the outgoing owner does not offer to write a knowledge check")
	}
	if body := owner.Get("/wiki/qho/offer").Body; !strings.Contains(body, "Edit quiz") {
		t.Error("/wiki/qho/offer as the outgoing owner does not offer to edit the quiz")
	}
	if body := member.Get("/quiz/take/qho/offer").Body; strings.Contains(body, "Edit the quiz") {
		t.Error("/quiz/take as the incoming owner offers to edit the quiz they wrote")
	}
	resp := member.Get("/quiz/edit/qho/offer-new")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, "incoming owner") {
		t.Errorf("/quiz/edit as the incoming owner = %d, want 403 saying why", resp.StatusCode)
	}
	// The outgoing owner sees the teach-back to grade; the incoming owner
	// does not get their own to grade.
	if body := owner.Get("/quiz/grading").Body; !strings.Contains(body, "Why do we fence the old primary") {
		t.Error("/quiz/grading as the outgoing owner lacks the waiting teach-back answer")
	}
	if body := member.Get("/quiz/grading").Body; strings.Contains(body, "Why do we fence the old primary") {
		t.Error("/quiz/grading as the incoming owner lists their own answer")
	}
}
