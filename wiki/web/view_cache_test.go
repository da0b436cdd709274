package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestViewCacheNeverStale checks the page view cache against what
// rendering would show: new revisions, each reader's own header, and
// pending flash messages.
func TestViewCacheNeverStale(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	alex1, alex2, sam := app.Login("alex"), app.Login("alex"), app.Login("sam")
	app.SavePage("ops/db", "# DB\n\nFirst text.")

	mustView := func(c *webtest.Client, name string, want ...string) string {
		t.Helper()
		resp := c.Get("/wiki/ops/db")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: GET /wiki/ops/db = %d", name, resp.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(resp.Body, w) {
				t.Errorf("%s: page view lacks %q", name, w)
			}
		}
		return resp.Body
	}
	mustView(alex2, "alex, first view", "First text.", ">alex<")
	mustView(alex2, "alex, second view", "First text.")
	if body := mustView(sam, "sam", "First text.", ">sam<"); strings.Contains(body, ">alex<") {
		t.Errorf("sam's view shows alex's name")
	}

	p, _ := app.Store.Page("ops/db")
	if _, err := app.Store.SavePage(wiki.SaveRequest{Path: "ops/db", Markdown: "# DB\n\nSecond text.", BaseRevision: p.Revision, Author: "sam"}); err != nil {
		t.Fatal(err)
	}
	mustView(alex2, "alex after a save", "Second text.")

	// alex1 marks the page reviewed: a flash for alex1's next page, while
	// alex2's view of the new state is kept.
	if resp := alex1.PostForm("/verify/ops/db", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /verify = %d", resp.StatusCode)
	}
	mustView(alex2, "alex2 after verify")
	mustView(alex1, "alex1 with a flash", "Marked as reviewed today.")
	if body := mustView(alex1, "alex1 after the flash"); strings.Contains(body, "Marked as reviewed today.") {
		t.Errorf("the flash is shown twice")
	}
}
