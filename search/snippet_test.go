package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippetEscaping(t *testing.T) {
	x := mustFixture(t)
	for _, q := range []string{"script", "paste", "notes", "security", "trust", "alert"} {
		res := mustSearch(t, x, Query{Text: q})
		if len(res.Hits) != 1 {
			t.Fatalf("Search(%q) = %v, want p:sec/xss", q, ids(res))
		}
		s := string(res.Hits[0].Snippet)
		stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
		if strings.ContainsAny(stripped, `<>"`) {
			t.Errorf("Search(%q) snippet = %q, want only <mark> unescaped", q, s)
		}
		if !strings.Contains(s, "<mark>") {
			t.Errorf("Search(%q) snippet = %q, want a <mark>", q, s)
		}
	}
	s := string(mustSearch(t, x, Query{Text: "script"}).Hits[0].Snippet)
	if want := "&lt;<mark>script</mark>&gt;"; !strings.Contains(s, want) {
		t.Errorf("Search(script) snippet = %q, want it to contain %q", s, want)
	}
}

func TestSnippetWindow(t *testing.T) {
	x := mustOpenIndex(t)
	long := strings.Repeat("filler words about nothing much. ", 30) + "The <b>escalation</b> path is on page two. " +
		strings.Repeat("more filler text here. ", 30)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "a", Kind: KindPage, Path: "a", Title: "Escalation", Body: long},
		{ID: "b", Kind: KindSection, Path: "a", Title: "Escalation", Section: "s", Heading: "Contacts", Body: long},
	}})
	res := mustSearch(t, x, Query{Text: "escalation"})
	for _, h := range res.Hits {
		s := string(h.Snippet)
		if !strings.Contains(s, "&lt;b&gt;<mark>escalation</mark>&lt;/b&gt;") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || len(s) > 400 {
			t.Errorf("snippet of %s = %q, want a window around the escaped match", h.ID, s)
		}
	}
	res = mustSearch(t, x, Query{Text: "contacts"}) // heading only: heading snippet
	if len(res.Hits) != 1 || res.Hits[0].Snippet != "<mark>Contacts</mark>" {
		t.Errorf("Search(contacts) = %+v, want heading snippet", res.Hits)
	}
}

func TestSnippetFallback(t *testing.T) {
	x := mustFixture(t)
	// The risks section matches only through its page title; its snippet
	// is then the highlighted title.
	res := mustSearch(t, x, Query{Text: "database path:ops/db"})
	for _, h := range res.Hits {
		if !strings.Contains(string(h.Snippet), "<mark>") {
			t.Errorf("hit %s snippet = %q, want a highlight", h.ID, h.Snippet)
		}
	}
	if got := excerpt(strings.Repeat("word ", 100), 50); len(got) > 60 || !strings.HasSuffix(got, "…") {
		t.Errorf("excerpt(500 bytes, 50) = %q, want about 50 bytes ending in …", got)
	}
}

func TestHighlighterSnippet(t *testing.T) {
	x := mustOpenIndex(t)
	h := x.newHighlighter([]string{"restart", "databas"})
	long := strings.Repeat("Ünïcödé fïllér ", 40)
	tests := []struct {
		name, body, heading, title string
		want                       string // substring of the snippet
	}{
		{"stemmed", "We are restarting the databases.", "", "",
			"We are <mark>restarting</mark> the <mark>databases</mark>."},
		{"case", "RESTART now", "", "", "<mark>RESTART</mark> now"},
		{"not a prefix match", "restaurant restore", "", "", "restaurant restore"},
		{"escaped", `<b onclick="x">restart</b> & co`, "", "",
			"&lt;b onclick=&#34;x&#34;&gt;<mark>restart</mark>&lt;/b&gt; &amp; co"},
		{"heading when body has none", "nothing here", "Restart plan", "Ops", "<mark>Restart</mark> plan"},
		{"title last", "nothing", "here", "Database <notes>", "<mark>Database</mark> &lt;notes&gt;"},
		{"fallback", "plain <text>", "", "", "plain &lt;text&gt;"},
		{"unicode window", long + "restart " + long, "", "", "<mark>restart</mark>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(h.snippet(tc.body, tc.heading, tc.title))
			if !strings.Contains(got, tc.want) || !utf8.ValidString(got) || len(got) > 2*snippetBytes {
				t.Errorf("snippet(%q) = %q, want valid UTF-8 of at most %d bytes containing %q",
					clip(tc.body, 40), got, 2*snippetBytes, tc.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short  text\n", 50, "short text"},
		{"one two three four", 10, "one two…"},
		{"ééééééééééé", 5, "éé…"},
	}
	for _, tc := range tests {
		if got := excerpt(tc.in, tc.n); got != tc.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestAnyWordHitsAreHighlighted: when no document has every word, the
// hits with some of them still show the words they matched.
func TestAnyWordHitsAreHighlighted(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Upserts: []Doc{
		{ID: "p1", Kind: KindPage, Path: "ops/db", Title: "Database", Body: "Run the failover when the primary dies."},
		{ID: "p2", Kind: KindPage, Path: "ops/web", Title: "Web", Body: "Restart nginx."},
	}, Seq: 1})
	res := mustSearch(t, x, Query{Text: "failover nginx"})
	if len(res.Hits) != 2 {
		t.Fatalf("Search(failover nginx) = %d hits, want 2", len(res.Hits))
	}
	for _, h := range res.Hits {
		if !strings.Contains(string(h.Snippet), "<mark>") {
			t.Errorf("%s: snippet %q has no highlight", h.ID, h.Snippet)
		}
	}
}
