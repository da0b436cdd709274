package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// tablePage has wiki links with labels in table cells; before tables
// knew wiki links, the '|' of each label split its cell and pushed
// "Sam" out of the table.
const tablePage = "# Handovers\n\n| Role | Incoming |\n|---|---|\n" +
	"| [[ops/db|Database runbook]] | Sam |\n| [[ops/db\\|Failover steps]] | Kim |\n"

const tableCells = `<td><a href="/wiki/ops/db" class="wikilink">Database runbook</a></td>
<td>Sam</td>`

// TestWikiLinksInTables checks the page view, the editor's preview and
// the search snippets of a table with labelled wiki links.
func TestWikiLinksInTables(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# Database failover\n")
	app.SavePage("handovers", tablePage)
	app.Sync()
	alex := app.Login("alex")

	view := alex.Get("/wiki/handovers")
	webtest.MustContain(t, "page view", view.Body, tableCells, `<td>Kim</td>`, "Failover steps</a></td>")

	preview := alex.PostForm("/edit/handovers", url.Values{"markdown": {tablePage}, "action": {"preview"}, "base_revision": {"1"}})
	webtest.MustContain(t, "preview", preview.Body, tableCells)

	var res struct{ Results []struct{ Snippet string } }
	body := alex.Get("/api/search?q=Failover+steps").Body
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Results) == 0 {
		t.Fatalf("search for a table's link label: %v, %s", err, body)
	}
	for _, r := range res.Results {
		if strings.Contains(r.Snippet, "[[") || strings.Contains(r.Snippet, "ops/db") {
			t.Errorf("snippet %q shows link syntax, want the label", r.Snippet)
		}
	}
}
