package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

// TestSearchPagesAgree: pages fetched one by one, each ranked to its own
// depth, add up to the whole ranking, even when all scores are equal.
func TestSearchPagesAgree(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 150 {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("p%d", i), Title: "Runbook"})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	var got []string
	for off := 125; off >= 0; off -= 25 { // deepest first, nothing cached
		x.cache = newOutcomeCache()
		page := ids(mustSearch(t, x, Query{Text: "runbook", Limit: 25, Offset: off}))
		got = append(page, got...)
	}
	x.cache = newOutcomeCache()
	want := append(ids(mustSearch(t, x, Query{Text: "runbook", Limit: 100})),
		ids(mustSearch(t, x, Query{Text: "runbook", Limit: 100, Offset: 100}))...)
	if !cmp.Equal(got, want) || len(want) != 150 {
		t.Errorf("pages of Search(runbook) = %v, want %v (150 IDs)", got, want)
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

	// The first page checks only some hits, so the total may be
	// extrapolated; then it is about right.
	res := mustSearch(t, x, Query{Text: "restart", Filter: noTeam0, Limit: 50})
	if res.Total < 160 || res.Total > 240 || (!res.TotalEstimated && res.Total != 200) || len(res.Hits) != 50 {
		t.Errorf("filtered Search = total %d (estimated %v), %d hits; want about 200 (exactly if not estimated), 50 hits",
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

// TestFilterOnlyListsByTitle: "tag:x" alone lists the tagged pages (not
// their sections) by title, paged, with the access filter applied.
func TestFilterOnlyListsByTitle(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 30 {
		docs = append(docs,
			Doc{ID: fmt.Sprintf("p%d", i), Kind: KindPage, Path: fmt.Sprintf("team%d/p%d", i%3, i),
				Title: fmt.Sprintf("Runbook %02d", 29-i), Tags: []string{"x"}},
			Doc{ID: fmt.Sprintf("s%d", i), Kind: KindSection, Path: fmt.Sprintf("team%d/p%d", i%3, i),
				Title: fmt.Sprintf("Runbook %02d", 29-i), Heading: "Steps", Body: "restart", Tags: []string{"x"}})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	res := mustSearch(t, x, Query{Text: "tag:x", Limit: 5, Offset: 5,
		Filter: func(p string) bool { return !strings.HasPrefix(p, "team0/") }})
	var titles []string
	for _, h := range res.Hits {
		titles = append(titles, h.Title)
	}
	// Runbook 29-i is on team i%3: team0 holds 29, 26, 23…, left out.
	want := []string{"Runbook 07", "Runbook 09", "Runbook 10", "Runbook 12", "Runbook 13"}
	if !cmp.Equal(titles, want) || res.Total != 20 || res.TotalEstimated {
		t.Errorf("Search(tag:x, page 2) = %v, total %d (estimated %v); want %v, total 20", titles, res.Total, res.TotalEstimated, want)
	}
}
