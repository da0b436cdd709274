package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

func TestCrisisKitDownload(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/runbook", "---\ncritical: [steps]\n---\n## Steps\n\nFence <b>db-01</b> <script>alert(1)</script>.\n\n## Background\n\nHistory.\n")
	app.SavePage("it-ops/contacts", "---\ntags: [contacts]\n---\n## After hours\n\nCall +1 312 555 0123.\n")
	app.SavePage("finance/crisis", "---\ncritical: [payroll]\n---\n## Payroll\n\nSecret.\n")
	h := app.SeedHandover()
	if _, err := app.Quiz.UpdateHandover(h.ID, app.User("morgan"), func(h *quiz.Handover) (string, error) {
		h.Title = `IT <ops> & "on-call"`
		return "renamed it", nil
	}); err != nil {
		t.Fatal(err)
	}
	url := "/handovers/1/crisis-kit"
	for name, want := range map[string]int{"alex": 200, "sam": 200, "morgan": 200, "admin": 200, "priya": 404, "jordan": 404} {
		if got := app.Login(name).Get(url).StatusCode; got != want {
			t.Errorf("GET %s as %s = %d, want %d", url, name, got, want)
		}
	}
	webtest.WantStatus(t, "anonymous", app.Anonymous().Get(url), http.StatusSeeOther)
	resp := app.Login("sam").Get(url)
	date := app.Wiki.Now().Format("2006-01-02")
	for key, want := range map[string]string{
		"Content-Type":        "text/html; charset=utf-8",
		"Content-Disposition": `attachment; filename=crisis-kit-it-ops-on-call-` + date + `.html`,
		"Cache-Control":       "private, no-store",
	} {
		if got := resp.Header.Get(key); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") || strings.Contains(csp, "script") {
		t.Errorf("Content-Security-Policy %q, want default-src 'none' and no script source", csp)
	}
	webtest.MustContain(t, "crisis kit", resp.Body, "<title>Crisis kit: IT &lt;ops&gt; &amp; &#34;on-call&#34;</title>", `<h2 id="p2-steps" class="critical">`,
		"Fence db-01", "Call +1 312 555 0123", `href="#p1"`, "Made <time", "revision 1")
	for _, bad := range []string{"<script", "<link", "src=", "/static/", "/wiki/", "<ops>", "Background", "Payroll"} {
		if strings.Contains(resp.Body, bad) {
			t.Errorf("crisis kit holds %q", bad)
		}
	}
	webtest.MustContain(t, "handover page", app.Login("sam").Get("/handovers/1").Body,
		`href="/handovers/1/crisis-kit"`, "Crisis kit (HTML, works offline)")
}
