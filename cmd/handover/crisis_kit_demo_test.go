package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/handover/handover/wiki/web/webtest"
	"golang.org/x/net/html"
)

// TestDemoCrisisKit downloads the crisis kit of the demo's handover as sam
// and finds in it every critical section of every page in scope, under
// its page's prefix, and the key-contacts page whole.
func TestDemoCrisisKit(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.Demo = true })
	u, _ := app.Main.Store.UserByName("sam")
	if _, err := app.Main.Store.SetPassword(u.ID, webtest.Password); err != nil {
		t.Fatal(err)
	}
	h := demoIT(t, app)
	resp := app.Login("sam").Get(handoverPath(h) + "/crisis-kit")
	webtest.WantStatus(t, "the demo's crisis kit", resp, http.StatusOK)
	ids := map[string]bool{}
	collectIDs(webtest.ParseHTML(t, resp.Body), ids)
	pages, err := app.Quiz.ScopePages(h)
	if err != nil {
		t.Fatal(err)
	}
	sections := 0
	for _, p := range pages {
		for _, s := range p.Sections {
			if p.IsCritical(s.ID) && !hasIDSuffix(ids, "-"+s.ID) {
				t.Errorf("the kit lacks the critical section %s#%s", p.Path, s.ID)
			}
			if p.IsCritical(s.ID) {
				sections++
			}
		}
	}
	if sections < 10 {
		t.Errorf("the demo has %d critical sections in scope; the test checks too little", sections)
	}
	for _, want := range []string{"Key contacts and escalation", "Internal", "+1 312 555 0123"} {
		if !strings.Contains(resp.Body, want) {
			t.Errorf("the kit lacks the contacts page's %q", want)
		}
	}
	for _, bad := range []string{`href="/`, "<script", "<img", "<link"} {
		if strings.Contains(resp.Body, bad) {
			t.Errorf("the kit holds %q", bad)
		}
	}
}

func collectIDs(n *html.Node, ids map[string]bool) {
	for _, a := range n.Attr {
		if a.Key == "id" {
			ids[a.Val] = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectIDs(c, ids)
	}
}

// hasIDSuffix reports whether an id "p<N>" + suffix is in ids.
func hasIDSuffix(ids map[string]bool, suffix string) bool {
	for id := range ids {
		if rest, ok := strings.CutSuffix(id, suffix); ok && len(rest) > 1 && rest[0] == 'p' && strings.Trim(rest[1:], "0123456789") == "" {
			return true
		}
	}
	return false
}
