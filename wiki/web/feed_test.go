package web_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// atom is what the tests read back from a feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parseAtom(t *testing.T, resp *webtest.Response) atom {
	t.Helper()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed = %d %q, want 200 application/atom+xml\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Body)
	}
	var f atom
	if err := xml.Unmarshal([]byte(resp.Body), &f); err != nil {
		t.Fatalf("feed does not parse as Atom: %v\n%s", err, resp.Body)
	}
	return f
}

func TestFeeds(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	app.SavePage("ops/net", "# Net")
	if _, err := app.Store.SavePage(wiki.SaveRequest{Path: "ops/db", Markdown: "# DB\n\nfailover <steps>", BaseRevision: 1,
		Author: "sam", Comment: "add <failover> & steps"}); err != nil {
		t.Fatal(err)
	}
	c := app.Login("sam")

	all := parseAtom(t, c.Get("/feed.atom"))
	if len(all.Entries) != 3 || all.Entries[0].Title != "DB (revision 2)" || all.Entries[0].Author != "sam" ||
		all.Entries[0].Summary != "add <failover> & steps" || !strings.HasSuffix(all.Entries[0].Link.Href, "/diff/ops/db?from=1&to=2") {
		t.Errorf("recent changes feed = %+v", all.Entries)
	}
	if all.Updated != all.Entries[0].Updated {
		t.Errorf("feed updated %q, want the newest entry's %q", all.Updated, all.Entries[0].Updated)
	}
	page := parseAtom(t, c.Get("/feed/ops/db"))
	if len(page.Entries) != 2 || page.Entries[1].Title != "DB (revision 1)" || !strings.HasSuffix(page.Entries[1].Link.Href, "/wiki/ops/db?rev=1") {
		t.Errorf("page feed = %+v", page.Entries)
	}
	if page.Entries[0].ID == page.Entries[1].ID || !strings.HasPrefix(page.Entries[0].ID, "tag:127.0.0.1,") {
		t.Errorf("entry IDs %q and %q: want distinct tag URIs", page.Entries[0].ID, page.Entries[1].ID)
	}
	if resp := c.Get("/feed/ops/none"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("feed of a missing page = %d, want 404", resp.StatusCode)
	}
	if body := c.Get("/wiki/ops/db").Body; !strings.Contains(body, `<link rel="alternate" type="application/atom+xml" title="Changes to DB" href="/feed/ops/db">`) {
		t.Errorf("the page does not announce its feed")
	}
}

func TestFeedAccess(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	anon, sam := app.Anonymous(), app.Login("sam")
	if resp := anon.Get("/feed.atom"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous feed = %d, want 401", resp.StatusCode)
	}
	if resp := anon.Get("/feed.atom?token=hof_wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("feed with a wrong token = %d, want 401", resp.StatusCode)
	}
	made := sam.PostForm("/account/feed-token", url.Values{})
	m := regexp.MustCompile(`value="(http://[^"]+/feed\.atom\?token=(hof_[^"]+))"`).FindStringSubmatch(made.Body)
	if made.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("creating a feed token = %d, no feed address shown", made.StatusCode)
	}
	token := m[2]
	parseAtom(t, anon.Get("/feed.atom?token="+token))
	parseAtom(t, anon.Get("/feed/ops/db?token="+token))
	if resp := anon.Get("/api/pages/ops/db?token=" + token); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the feed token opened the API: %d", resp.StatusCode)
	}
	if resp := anon.Send(http.MethodGet, "/api/pages/ops/db", "", "", map[string]string{"Authorization": "Bearer " + token}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the feed token works as a Bearer API token: %d", resp.StatusCode)
	}
	if resp := sam.PostForm("/account/feed-token/revoke", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke = %d", resp.StatusCode)
	}
	if resp := anon.Get("/feed.atom?token=" + token); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked feed token = %d, want 401", resp.StatusCode)
	}

	public := webtest.New(t, webtest.Options{PublicRead: true})
	public.SavePage("ops/db", "# DB")
	parseAtom(t, public.Anonymous().Get("/feed.atom"))
}

// TestFeedLinksUseTheBaseURL: behind a proxy the request's host is the
// proxy's upstream address; with --base-url, feed IDs and links use the
// address people reach the wiki at, whatever the Host header says.
func TestFeedLinksUseTheBaseURL(t *testing.T) {
	app := webtest.New(t, webtest.Options{BaseURL: "https://wiki.example.com/"})
	app.AddUser("sam", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	f := parseAtom(t, app.Login("sam").Get("/feed.atom"))
	if f.ID != "https://wiki.example.com/feed.atom" || len(f.Entries) != 1 ||
		f.Entries[0].ID != "tag:wiki.example.com,2025:page-1-rev-1" ||
		!strings.HasPrefix(f.Entries[0].Link.Href, "https://wiki.example.com/wiki/ops/db") {
		t.Errorf("feed = %+v, want IDs and links under https://wiki.example.com", f)
	}
}
