package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSearchOperators(t *testing.T) {
	x := mustFixture(t)
	tests := []struct {
		q     string
		want  []string // sorted IDs
		fuzzy bool
	}{
		{"replica", []string{"p:ops/db", "s:ops/db#steps"}, false},
		{"replica lag", []string{"s:ops/db#steps"}, false},
		{"REPLICA Lag", []string{"s:ops/db#steps"}, false},
		{`"replication lag"`, []string{"s:ops/db#steps"}, false},
		{`"lag replication"`, []string{"s:ops/db#steps"}, true}, // no such phrase: fuzzy retry, loosely
		{`"check replication lag first"`, []string{"s:ops/db#steps"}, false},
		{"failover -replica", []string{"p:sec/xss", "s:ops/db#risks"}, false},
		{`failover -"point the application"`, []string{"p:ops/db", "p:sec/xss", "s:ops/db#risks"}, false},
		{"restart tag:web", []string{"p:ops/web"}, false},
		{"restart tag:WEB", []string{"p:ops/web"}, false},
		{`restart tag:"crisis comms"`, []string{"s:social/calendar#crisis"}, false},
		{"restart -tag:web", []string{"s:social/calendar#crisis"}, false},
		{"failover tag:ops tag:db", []string{"p:ops/db", "s:ops/db#risks", "s:ops/db#steps"}, false},
		{"restart owner:morgan", []string{"s:social/calendar#crisis"}, false},
		{"restart owner:sam owner:morgan", []string{"p:ops/web", "s:social/calendar#crisis"}, false},
		{"failover owner:alex -path:sec", []string{"p:ops/db", "s:ops/db#risks", "s:ops/db#steps"}, false},
		{"nightly path:ops/db", nil, false},                // ops/dbx is not under ops/db
		{"nightly path:ops", []string{"p:ops/dbx"}, false}, // but it is under ops
		{"replica path:/OPS/db/", []string{"p:ops/db", "s:ops/db#steps"}, false},
		{"restart path:ops path:social", []string{"p:ops/web", "s:social/calendar#crisis"}, false},
		{"database-failover", []string{"p:ops/db", "s:ops/db#risks", "s:ops/db#steps"}, false},
		{"the", nil, false},       // stop word only
		{"tag:ops", nil, false},   // filters alone select nothing
		{"-failover", nil, false}, // exclusions alone select nothing
		{"", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res := mustSearch(t, x, Query{Text: tc.q})
			got := sortedIDs(res)
			if (len(got) > 0 || len(tc.want) > 0) && !cmp.Equal(got, tc.want) {
				t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
			}
			if res.Fuzzy != tc.fuzzy {
				t.Errorf("Search(%q).Fuzzy = %v, want %v", tc.q, res.Fuzzy, tc.fuzzy)
			}
			if res.Total != len(got) {
				t.Errorf("Search(%q).Total = %d, want %d", tc.q, res.Total, len(got))
			}
		})
	}
}

func TestSearchStemming(t *testing.T) {
	x := mustFixture(t)
	tests := []struct{ q, want string }{
		{"restarting", "p:ops/web"},
		{"restarts", "p:ops/web"},
		{"failure", "s:ops/db#risks"},
		{"failures", "s:ops/db#risks"},
		{"promoted", "s:ops/db#steps"},
		{"calendars", "p:social/calendar"},
	}
	for _, tc := range tests {
		if got := ids(mustSearch(t, x, Query{Text: tc.q})); !slicesContain(got, tc.want) {
			t.Errorf("Search(%q) = %v, want it to contain %s", tc.q, got, tc.want)
		}
	}
}

func slicesContain(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestSearchRanking checks that a title or heading match outranks a match
// in the body only, even a body that repeats the word.
func TestSearchRanking(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "body", Kind: KindPage, Path: "b", Title: "Office plants",
			Body: "Water the plants. If the backup generator runs, the backup lights come on; check the backup."},
		{ID: "title", Kind: KindPage, Path: "t", Title: "Backup policy",
			Body: "Nightly snapshots are kept for thirty days and copied off site every week."},
		{ID: "heading", Kind: KindSection, Path: "h", Title: "Storage", Section: "x", Heading: "Backup restore drill",
			Body: "Twice a year we restore a snapshot into staging and time how long it takes."},
	}})
	got := ids(mustSearch(t, x, Query{Text: "backup"}))
	if len(got) != 3 || got[2] != "body" {
		t.Errorf("Search(backup) = %v, want title and heading matches before [body]", got)
	}
	got = ids(mustSearch(t, x, Query{Text: "restore"}))
	if want := []string{"heading"}; !cmp.Equal(got, want) {
		t.Errorf("Search(restore) = %v, want %v", got, want)
	}
}

func TestSearchAnyWordFallback(t *testing.T) {
	x := mustFixture(t)
	res := mustSearch(t, x, Query{Text: "nginx brand"}) // no doc has both
	got := sortedIDs(res)
	if want := []string{"p:ops/web", "p:social/calendar"}; !cmp.Equal(got, want) {
		t.Errorf("Search(nginx brand) = %v, want any-word hits %v", got, want)
	}
	if res.Fuzzy {
		t.Errorf("Search(nginx brand).Fuzzy = true, want false")
	}
	// More matching words rank higher.
	got = ids(mustSearch(t, x, Query{Text: "nginx business brand"}))
	if len(got) != 2 || got[0] != "p:ops/web" {
		t.Errorf("Search(nginx business brand) = %v, want p:ops/web first", got)
	}
}

func TestSearchFuzzy(t *testing.T) {
	x := mustFixture(t)
	tests := []struct {
		q, dym string
		want   string // a hit it must find
	}{
		{"databse failovr", "database failover", "p:ops/db"},
		{"replcia", "replica", "s:ops/db#steps"},
		{"nginz tag:web", "nginx tag:web", "p:ops/web"},
		{`Calender -"zzz"`, `calendar -"zzz"`, "p:social/calendar"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			res := mustSearch(t, x, Query{Text: tc.q})
			if !res.Fuzzy || res.DidYouMean != tc.dym || !slicesContain(ids(res), tc.want) {
				t.Errorf("Search(%q) = fuzzy %v, did you mean %q, hits %v; want fuzzy, %q, with %s",
					tc.q, res.Fuzzy, res.DidYouMean, ids(res), tc.dym, tc.want)
			}
		})
	}
	res := mustSearch(t, x, Query{Text: "replica"})
	if res.Fuzzy || res.DidYouMean != "" {
		t.Errorf("Search(replica) = fuzzy %v, did you mean %q; want exact hits, no suggestion", res.Fuzzy, res.DidYouMean)
	}
	res = mustSearch(t, x, Query{Text: "qqqqqqqq"})
	if res.Fuzzy || res.DidYouMean != "" || res.Total != 0 {
		t.Errorf("Search(qqqqqqqq) = %+v, want nothing", res)
	}
}

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

func TestSearchHitFields(t *testing.T) {
	x := mustFixture(t)
	res := mustSearch(t, x, Query{Text: "escalate"})
	if len(res.Hits) != 1 {
		t.Fatalf("Search(escalate) = %v, want one hit", ids(res))
	}
	got := res.Hits[0]
	got.Snippet, got.Score = "", 0
	d := fixture()[6]
	want := Hit{ID: d.ID, Kind: d.Kind, Path: d.Path, Title: d.Title, Section: d.Section, Heading: d.Heading,
		Tags: d.Tags, Owner: d.Owner, Updated: d.Updated}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hit mismatch (-want +got):\n%s", diff)
	}
}

func TestSearchPaging(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 150 {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("team%d/p%d", i%3, i),
			Title: fmt.Sprintf("Runbook %d", i), Body: strings.Repeat("restart ", 1+i%7)})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	all := ids(mustSearch(t, x, Query{Text: "runbook", Limit: 100}))
	if len(all) != 100 {
		t.Fatalf("Search(limit 100) = %d hits, want 100", len(all))
	}
	tests := []struct {
		limit, offset, wantLen int
		wantFirst              string
	}{
		{0, 0, 20, all[0]},
		{10, 0, 10, all[0]},
		{10, 25, 10, all[25]},
		{1000, 0, 100, all[0]},
		{10, 145, 5, ""},
		{10, 150, 0, ""},
		{10, -5, 10, all[0]},
	}
	for _, tc := range tests {
		res := mustSearch(t, x, Query{Text: "runbook", Limit: tc.limit, Offset: tc.offset})
		if res.Total != 150 || len(res.Hits) != tc.wantLen || (tc.wantFirst != "" && res.Hits[0].ID != tc.wantFirst) {
			t.Errorf("Search(limit %d, offset %d) = total %d, %d hits from %v; want 150, %d from %q",
				tc.limit, tc.offset, res.Total, len(res.Hits), ids(res)[:min(1, len(res.Hits))], tc.wantLen, tc.wantFirst)
		}
	}
}

func TestSearchFilter(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 300 {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("team%d/p%d", i%3, i),
			Title: "Runbook", Body: strings.Repeat("restart ", 1+i%5)})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	noTeam0 := func(p string) bool { return !strings.HasPrefix(p, "team0/") }

	// The first page ranks only some hits, so the total is extrapolated.
	res := mustSearch(t, x, Query{Text: "restart", Filter: noTeam0, Limit: 50})
	if res.Total < 160 || res.Total > 240 || !res.TotalEstimated || len(res.Hits) != 50 {
		t.Errorf("filtered Search = total %d (estimated %v), %d hits; want about 200 (estimated), 50 hits",
			res.Total, res.TotalEstimated, len(res.Hits))
	}
	// A later page has seen every hit: the total is exact.
	last := mustSearch(t, x, Query{Text: "restart", Filter: noTeam0, Limit: 100, Offset: 150})
	if last.Total != 200 || last.TotalEstimated || len(last.Hits) != 50 {
		t.Errorf("filtered Search(offset 150) = total %d (estimated %v), %d hits; want exactly 200, 50 hits",
			last.Total, last.TotalEstimated, len(last.Hits))
	}
	for _, h := range res.Hits {
		if !noTeam0(h.Path) {
			t.Errorf("filtered Search returned %s (%s)", h.ID, h.Path)
		}
	}
	// The filtered pages are the unfiltered ranking minus the filtered hits.
	unfiltered := mustSearch(t, x, Query{Text: "restart", Limit: 100})
	var want []string
	for _, h := range unfiltered.Hits {
		if noTeam0(h.Path) {
			want = append(want, h.ID)
		}
	}
	page2 := mustSearch(t, x, Query{Text: "restart", Filter: noTeam0, Limit: 10, Offset: 10})
	if got := ids(page2); !cmp.Equal(got, want[10:20]) {
		t.Errorf("filtered page 2 = %v, want %v", got, want[10:20])
	}
	none := mustSearch(t, x, Query{Text: "restart", Filter: func(string) bool { return false }})
	if none.Total != 0 || len(none.Hits) != 0 {
		t.Errorf("Search(deny all) = total %d, %d hits, want none", none.Total, len(none.Hits))
	}
}

func TestEstimate(t *testing.T) {
	tests := []struct {
		kept, seen, total, want int
		est                     bool
	}{
		{10, 10, 10, 10, false},
		{5, 10, 10, 5, false},
		{500, 1000, 3000, 1500, true},
		{0, 1000, 5000, 0, true},
	}
	for _, tc := range tests {
		if got, est := estimate(tc.kept, tc.seen, tc.total); got != tc.want || est != tc.est {
			t.Errorf("estimate(%d, %d, %d) = %d, %v, want %d, %v", tc.kept, tc.seen, tc.total, got, est, tc.want, tc.est)
		}
	}
}

func TestHostileQueries(t *testing.T) {
	x := mustFixture(t)
	tests := []struct{ name, q string }{
		{"unbalanced quote", `"database failover`},
		{"quotes only", `""""""`},
		{"colon alone", ":"},
		{"colons", ":::: tag: owner: path:"},
		{"bleve syntax", `+title:x~2 ^3 /re.*gex/ field:>5 AND OR NOT (a) {b} [c TO d]`},
		{"minus alone", "- -- ---"},
		{"control chars", "\x00\x01\x1b[31m db"},
		{"invalid utf8", "\xff\xfe\xfd failover"},
		{"unicode", "Übergabe 引き継ぎ 🚀 ﷽"},
		{"rtl", "\u202eesrever"},
		{"10k chars", strings.Repeat("failover ", 1200)},
		{"10k one word", strings.Repeat("a", 10000)},
		{"many phrases", strings.Repeat(`"a b c" `, 500)},
		{"long phrase", `"` + strings.Repeat("word ", 500) + `"`},
		{"path traversal", "path:../../etc path:/// tag:*"},
		{"html", `<script>alert(1)</script>`},
		{"wildcards", "* ? fail* *over"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := x.Search(context.Background(), Query{Text: tc.q})
			if err != nil {
				t.Fatalf("Search(%q) error: %v", clip(tc.q, 60), err)
			}
			if res == nil || res.Hits == nil {
				t.Errorf("Search(%q) = %+v, want non-nil results and hits", clip(tc.q, 60), res)
			}
		})
	}
}

func TestSearchClosed(t *testing.T) {
	x, err := Create(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Search(context.Background(), Query{Text: "x"}); err == nil {
		t.Errorf("Search on closed index = nil error, want one")
	}
}

func TestSearchCacheInvalidation(t *testing.T) {
	x := mustFixture(t)
	if got := mustSearch(t, x, Query{Text: "caddy"}).Total; got != 0 {
		t.Fatalf("Search(caddy) = %d, want 0", got)
	}
	web := fixture()[4]
	web.Body = "Caddy replaced nginx."
	mustApply(t, x, Batch{Upserts: []Doc{web}, Seq: 2})
	if got := mustSearch(t, x, Query{Text: "caddy"}).Total; got != 1 {
		t.Errorf("Search(caddy) after Apply = %d, want 1 (stale cache?)", got)
	}
}
