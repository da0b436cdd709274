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

// hostile is one round of TestHostileInputNotLive: one payload put into
// every field a user can fill in, through the real handlers, then every
// page that shows those fields fetched by the people who see them.
type hostile struct {
	t                        *testing.T
	app                      *testApp
	alex, sam, morgan, admin *webtest.Client
	anon                     *webtest.Client
	p                        string // the payload
	page                     string // the round's page
	handover                 string // its handover's address
	attempt                  uint64
	thread                   string
	fields                   map[string]bool // where the payload went
	checked                  int             // responses checked
}

// TestHostileInputNotLive puts each payload of xssPayloads into every
// field that is echoed (page title, path, Markdown, tags, owner, revision
// comment, attachment names, quiz texts, choices, feedback, explanations,
// GIFT imports, answers, essays, grading comments, flags, thread questions
// and replies, handover title, notes, scope and checklist, API token
// names, user names, e-mail, search queries and sign-in fields) and checks
// that no page that shows it, to whoever may see it, contains live HTML.
func TestHostileInputNotLive(t *testing.T) {
	app := newHandoverApp(t)
	app.SavePage("home", "# Home\n\nWelcome.\n")
	base := &hostile{t: t, app: app, alex: app.Login("alex"), sam: app.Login("sam"), morgan: app.Login("morgan"),
		admin: app.Login("admin"), anon: app.Anonymous(), fields: map[string]bool{}}
	checked := 0
	for i, p := range xssPayloads {
		h := *base
		h.p, h.page = p, fmt.Sprintf("xss/p%d", i)
		h.run()
		checked += h.checked
	}
	t.Logf("%d payloads × %d fields = %d hostile inputs; %d responses checked for live HTML",
		len(xssPayloads), len(base.fields), len(xssPayloads)*len(base.fields), checked)
}

func (h *hostile) run() {
	h.writePage()
	h.writeQuiz()
	h.startHandover()
	h.takeQuiz()
	h.askAndReply()
	h.accountsAndSignIn()
	h.crawl()
}

// post sends a form as c into the named fields, checks the answer and
// the page it redirects to, and returns the answer.
func (h *hostile) post(c *webtest.Client, path string, form url.Values, fields ...string) *webtest.Response {
	h.t.Helper()
	for _, f := range fields {
		h.fields[f] = true
	}
	r := c.PostForm(path, form)
	h.check(fmt.Sprintf("POST %s with %q", path, h.p), r)
	if r.StatusCode == http.StatusSeeOther {
		h.get(c, r.Header.Get("Location")) // the flash message is shown there
	}
	return r
}

// get fetches path as c and checks it.
func (h *hostile) get(c *webtest.Client, path string) *webtest.Response {
	h.t.Helper()
	r := c.Get(path)
	h.check(fmt.Sprintf("GET %s with %q", path, h.p), r)
	return r
}

func (h *hostile) check(what string, r *webtest.Response) {
	h.t.Helper()
	h.checked += checkNotLive(h.t, what, r)
}

// shows fetches path as c and fails the round unless the payload is
// there as text: proof that the input reached the page.
func (h *hostile) shows(c *webtest.Client, path string) {
	h.t.Helper()
	r := h.get(c, path)
	// Names (titles, attachment names) are shown without hidden
	// characters (wiki.CleanDisplayText); texts are shown as written.
	text := webtest.TextOf(webtest.ParseHTML(h.t, r.Body))
	if !strings.Contains(text, strings.TrimSpace(h.p)) && !strings.Contains(text, wiki.CleanDisplayText(h.p)) {
		h.t.Errorf("GET %s does not show %q as text", path, h.p)
	}
}

// must fails the round unless r has one of the statuses.
func (h *hostile) must(what string, r *webtest.Response, statuses ...int) {
	h.t.Helper()
	for _, s := range statuses {
		if r.StatusCode == s {
			return
		}
	}
	h.t.Fatalf("%s with %q = %d, want %v: %.500s", what, h.p, r.StatusCode, statuses, r.Body)
}

// markdown is a page that uses the payload in every Markdown construct.
func (h *hostile) markdown(extra string) string {
	p := h.p
	return "# " + p + "\n\n" + p + "\n\n## Steps\n\nZebracorn steps: " + p + "\n\n" +
		"[" + p + "](" + p + ") [[" + p + "]] [[home|" + p + "]] ![" + p + "](" + p + ") <" + p + ">\n\n" +
		"| " + p + " |\n|---|\n| x |\n\n- [ ] " + p + "\n\n```\n" + p + "\n```\n\n`" + p + "`\n\n" +
		"Note[^n].\n\n[^n]: " + p + "\n\n## " + p + "\n\n> " + p + "\n\n" + extra
}

func (h *hostile) writePage() {
	form := url.Values{"title": {h.p}, "tags": {h.p}, "owner": {h.p}, "comment": {h.p}, "review_days": {"30"},
		"base_revision": {"0"}, "markdown": {h.markdown("")}}
	h.must("save", h.post(h.alex, "/edit/"+h.page, form, "page title", "tags", "owner", "revision comment", "Markdown"), http.StatusSeeOther)
	form.Set("action", "preview")
	h.post(h.alex, "/edit/"+h.page, form)
	h.post(h.sam, "/watch/"+h.page, nil)
	// Marking a section critical is revision 2, so the history shows who did it.
	h.post(h.alex, "/critical/"+h.page, url.Values{"section": {"steps"}, "critical": {"on"}})
	form = url.Values{"title": {h.p}, "comment": {h.p}, "base_revision": {"2"}, "significant": {"on"},
		"markdown": {h.markdown("More.\n")}}
	h.must("second save", h.post(h.alex, "/edit/"+h.page, form), http.StatusSeeOther)
	stale := url.Values{"title": {h.p}, "comment": {h.p}, "base_revision": {"1"}, "markdown": {h.markdown(h.p)}}
	h.must("conflicting save", h.post(h.alex, "/edit/"+h.page, stale), http.StatusConflict)
	h.fields["attachment name"] = true
	h.check("upload", h.alex.Upload("/attachments/"+h.page, h.p+".txt", []byte("plain text"), ""))
	h.check("upload renamed", h.alex.Upload("/attachments/"+h.page, "x.png", webtest.PNG, h.p))
	trash := "xss/deleted-" + strings.TrimPrefix(h.page, "xss/")
	h.post(h.alex, "/edit/"+trash, url.Values{"title": {h.p}, "markdown": {h.p}, "base_revision": {"0"}})
	h.post(h.alex, "/delete/"+trash, nil)
	h.post(h.alex, "/rename/"+h.page, url.Values{"to": {h.p}, "base_revision": {"2"}}, "page path")
}

func (h *hostile) writeQuiz() {
	base := "/quiz/new/" + h.page
	q := func(typ string, kv ...string) url.Values {
		v := url.Values{"type": {typ}, "section": {"steps"}, "name": {h.p}, "text": {h.p}, "explanation": {h.p}, "critical": {"on"}}
		for i := 0; i < len(kv); i += 2 {
			v[kv[i]] = append(v[kv[i]], kv[i+1])
		}
		return v
	}
	h.post(h.alex, base, q("multichoice", "answer", h.p, "answer", "safe", "weight", "100", "weight", "0",
		"feedback", h.p, "feedback", h.p), "question name", "question text", "explanation", "choice", "choice feedback")
	h.post(h.alex, base, q("shortanswer", "answer", h.p, "weight", "100", "feedback", h.p), "short answer key")
	h.post(h.alex, base, q("essay"))
	h.post(h.alex, base, q("matching", "left", h.p, "left", "b", "right", h.p, "right", "2"), "matching pair")
	h.post(h.alex, base, q("truefalse", "truth", "true", "true_feedback", h.p, "false_feedback", h.p), "true/false feedback")
	h.post(h.alex, base, q("numerical", "num_value", "1", "num_feedback", h.p), "numerical feedback")
	h.post(h.alex, base, url.Values{"type": {h.p}, "section": {h.p}, "text": {h.p}}, "question type and section")
	h.get(h.alex, base+"?type="+url.QueryEscape(h.p)+"&section="+url.QueryEscape(h.p))
	gift := "::" + h.p + "::" + h.p + "{=" + h.p + " ~x}\n\n" + h.p + "\n"
	h.fields["GIFT import"] = true
	h.check("GIFT import", h.alex.Multipart("/quiz/import/"+h.page, "file", h.p+".gift", []byte(gift), nil))
}

// startHandover has morgan hand the page over from alex to sam and to a
// guest whose display name (set by an administrator's tool or SSO, not a
// form) is the payload.
func (h *hostile) startHandover() {
	guest := "guest-" + strings.TrimPrefix(h.page, "xss/")
	u := h.app.AddUser(guest, wiki.RoleMember)
	if _, err := h.app.Main.Store.UpdateUser(u.ID, func(u *wiki.User) error { u.DisplayName = h.p; return nil }); err != nil {
		h.t.Fatal(err)
	}
	h.fields["display name"] = true
	form := url.Values{"title": {h.p}, "outgoing": {"alex"}, "incoming": {"sam " + guest}, "manager": {"morgan"},
		"start": {"2030-01-06"}, "due": {"2030-01-31"}, "scope": {h.page + "\n" + h.p}, "notes": {h.p}, "action": {"preview"}}
	h.post(h.morgan, "/handovers", form, "handover title", "handover notes", "handover scope")
	form.Del("action")
	h.post(h.morgan, "/handovers", url.Values{"title": {"x"}, "outgoing": {h.p}, "incoming": {h.p}, "manager": {h.p},
		"start": {h.p}, "due": {h.p}, "pass_mark": {h.p}}, "handover people and dates")
	r := h.post(h.morgan, "/handovers", form)
	if r.StatusCode != http.StatusSeeOther {
		form.Set("scope", h.page)
		r = h.post(h.morgan, "/handovers", form)
	}
	h.must("create handover", r, http.StatusSeeOther)
	h.handover = r.Header.Get("Location")
	h.post(h.morgan, h.handover+"/checklist", url.Values{"text": {h.p}, "owner": {"sam"}, "due": {"2030-01-20"}}, "checklist item")
	h.post(h.morgan, h.handover+"/checklist", url.Values{"text": {h.p}, "owner": {h.p}, "due": {h.p}}, "checklist owner and date")
	h.post(h.morgan, h.handover+"/checklist/1", url.Values{"text": {h.p}, "owner": {"morgan"}})
	h.post(h.morgan, h.handover+"/edit", url.Values{"title": {h.p}, "outgoing": {"alex"}, "incoming": {"sam " + guest}, "manager": {"morgan"},
		"start": {"2030-01-06"}, "due": {"2030-01-31"}, "scope": {h.page}, "notes": {h.p + "\n" + h.p}})
	h.post(h.sam, "/ack/"+h.page, url.Values{"rev": {"2"}})
}

// takeQuiz has sam answer every question with the payload where text goes.
func (h *hostile) takeQuiz() {
	r := h.post(h.sam, "/quiz/start/"+h.page, nil)
	h.must("start quiz", r, http.StatusSeeOther)
	fmt.Sscanf(r.Header.Get("Location"), "/quiz/attempt/%d", &h.attempt)
	qs := h.app.Quiz
	a, err := qs.Attempt(h.attempt)
	if err != nil {
		h.t.Fatalf("attempt %d: %v", h.attempt, err)
	}
	form, essay := url.Values{}, uint64(0)
	for i, it := range a.Items {
		q, err := qs.Question(it.QuestionID)
		if err != nil {
			h.t.Fatal(err)
		}
		field := fmt.Sprintf("q%d", i)
		switch q.Type {
		case quiz.SingleChoice, quiz.MultipleChoice:
			form.Set(field, "0")
		case quiz.TrueFalse:
			form.Set(field, "true")
		case quiz.Matching:
			form.Set(field+"m0", "0")
		case quiz.Essay:
			essay = q.ID
			form.Set(field, h.p)
		default:
			form.Set(field, h.p)
		}
		form.Set(fmt.Sprintf("c%d", i), "2")
	}
	attempt := fmt.Sprintf("/quiz/attempt/%d", h.attempt)
	h.must("submit", h.post(h.sam, attempt, form, "short answer", "numerical answer", "essay"), http.StatusSeeOther)
	if essay == 0 {
		h.t.Fatalf("no essay question with %q", h.p)
	}
	h.post(h.sam, attempt+"/flag", url.Values{"question": {fmt.Sprint(essay)}, "kind": {"ambiguous"}, "comment": {h.p}}, "flag comment")
	h.shows(h.alex, "/quiz/grading") // the essay waits for grading
	h.post(h.alex, attempt+"/grade", url.Values{"question": {fmt.Sprint(essay)}, "credit": {"50"}, "comment": {h.p}}, "grading comment")
	h.post(h.alex, attempt+"/grade", url.Values{"question": {fmt.Sprint(essay)}, "credit": {h.p}, "comment": {h.p}})
}

func (h *hostile) askAndReply() {
	r := h.post(h.sam, "/ask/"+h.page, url.Values{"section": {"steps"}, "text": {h.p}}, "thread question")
	h.must("ask", r, http.StatusSeeOther)
	h.thread = r.Header.Get("Location")
	h.post(h.sam, "/ask/"+h.page, url.Values{"section": {h.p}, "text": {""}}, "thread section")
	h.post(h.alex, h.thread+"/reply", url.Values{"text": {h.p}}, "thread reply")
	h.get(h.sam, "/ask/"+h.page+"?section="+url.QueryEscape(h.p))
}

func (h *hostile) accountsAndSignIn() {
	h.post(h.alex, "/account/tokens", url.Values{"name": {h.p}}, "API token name")
	h.post(h.alex, "/account/email", url.Values{"email": {h.p}}, "e-mail")
	h.post(h.admin, "/admin/users", url.Values{"name": {h.p}, "role": {h.p}, "password": {webtest.Password}}, "user name and role")
	h.post(h.anon, "/login", url.Values{"name": {h.p}, "password": {"x"}, "next": {h.p}}, "sign-in name and next")
	h.get(h.anon, "/login?next="+url.QueryEscape(h.p))
	h.get(h.anon, "/setup?token="+url.QueryEscape(h.p))
}

// crawl fetches every page that shows the round's input, as each person
// who sees it, plus error pages with the payload in the address.
func (h *hostile) crawl() {
	p, esc, q := h.page, url.PathEscape(h.p), url.QueryEscape(h.p)
	pg := h.app.Page(p)
	attempt := fmt.Sprintf("/quiz/attempt/%d", h.attempt)
	byPerson := map[*webtest.Client][]string{
		h.alex: {"/", "/wiki/" + p, "/wiki/" + p + "?rev=1", "/history/" + p, "/diff/" + p + "?from=1&to=2", "/edit/" + p,
			"/rename/" + p, "/delete/" + p, "/attachments/" + p, "/api/attachments/" + p, "/api/pages/" + p,
			"/quiz/edit/" + p, "/quiz/preview/" + p, "/quiz/attempts/" + p, "/quiz/export/" + p, "/quiz/grading",
			"/quiz/mine", attempt, "/quiz/stats/" + p, "/threads", h.thread, "/handovers", h.handover,
			h.handover + "/coverage", h.handover + "/questions", "/recent", "/pages", "/feed.atom", "/feed/" + p,
			"/search?q=zebracorn", "/search?q=" + q, "/api/search?q=zebracorn", "/api/suggest?q=" + q,
			"/notifications", "/account", "/new?path=" + q + "&template=" + q + "&prefix=" + q},
		h.sam: {"/wiki/" + p, "/quiz/take/" + p, attempt, "/progress", h.handover, h.handover + "/progress", h.handover + "/crisis-kit",
			h.handover + "/dashboard", h.thread, "/threads", "/notifications", "/handovers"},
		h.morgan: {h.handover, h.handover + "/edit", h.handover + "/dashboard", h.handover + "/readiness.csv",
			"/api" + h.handover + "/readiness", "/api/handovers", "/handovers/overview", attempt, "/quiz/attempts/" + p},
		h.admin: {"/admin/users", "/admin/trash", "/wiki/" + p, attempt},
		h.anon:  {"/login?next=" + q},
	}
	for _, path := range []string{"/wiki/" + p, attempt, h.thread, h.handover, h.handover + "/crisis-kit", "/quiz/edit/" + p, "/attachments/" + p, "/account"} {
		h.shows(h.alex, path)
	}
	for c, paths := range byPerson {
		for _, path := range paths {
			h.get(c, path)
		}
	}
	for _, path := range []string{"/wiki/" + esc, "/edit/" + esc, "/history/" + esc, "/quiz/take/" + esc,
		"/files/" + p + "/" + esc, "/handovers/" + esc, "/threads/" + esc, "/quiz/attempt/" + esc,
		"/diff/" + p + "?from=" + q + "&to=" + q, "/wiki/" + p + "?rev=" + q, "/api/pages/" + esc, "/" + esc} {
		h.get(h.alex, path)
	}
	files, _ := h.app.Main.Store.Attachments(pg.ID)
	for _, f := range files {
		h.get(h.sam, wiki.FileURL(p, f.Name))
	}
	h.fields["search query"], h.fields["address"] = true, true
}
