package search

import (
	"context"
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
		// One hit has both words: the hits with one follow (TestSearchFillsShortLists).
		{"replica lag", []string{"p:ops/db", "s:ops/db#steps"}, false},
		{"REPLICA Lag", []string{"p:ops/db", "s:ops/db#steps"}, false},
		{"replica:lag", []string{"p:ops/db", "s:ops/db#steps"}, false}, // x:y that is no filter: two words
		{`"replication lag"`, []string{"s:ops/db#steps"}, false},
		{`"lag replication"`, []string{"s:ops/db#steps"}, true}, // no such phrase: fuzzy retry, loosely
		{`"check replication lag first"`, []string{"s:ops/db#steps"}, false},
		{"failover -replica", []string{"p:sec/xss", "s:ops/db#risks"}, false},
		{`failover -"failover move"`, []string{"p:ops/db", "p:sec/xss", "s:ops/db#risks", "s:ops/db#steps"}, false}, // title and body are separate values
		{`replica -"replica replica"`, []string{"p:ops/db", "s:ops/db#steps"}, false},
		{`replica -"the replica"`, nil, false}, // a leading stop word drops: same as -replica
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
		{"the", nil, false}, // stop word only
		{"tag:ops", []string{"p:ops/db", "p:ops/dbx", "p:ops/web"}, false}, // filters alone list pages
		{"tag:ops -path:ops/web", []string{"p:ops/db", "p:ops/dbx"}, false},
		{"owner:morgan", []string{"p:social/calendar"}, false},
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

// TestSearchRanking checks that a title match outranks a heading match,
// and both outrank a match in the body only, even a body that repeats the
// word.
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
	if want := []string{"title", "heading", "body"}; !cmp.Equal(got, want) {
		t.Errorf("Search(backup) = %v, want %v", got, want)
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
		{"ngnix", "nginx", "p:ops/web"}, // a swap in a short word
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

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"replcia", "replica", 1}, // a swap is one edit
		{"databs", "databas", 1},
		{"failovr", "failov", 1},
		{"kitten", "sitting", 3},
		{"ünï", "uni", 2},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
