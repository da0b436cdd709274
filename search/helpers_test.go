package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// mustOpenIndex creates an empty index in a temporary directory and closes
// it when the test ends.
func mustOpenIndex(t testing.TB) *Index {
	t.Helper()
	x, err := Create(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() {
		if err := x.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return x
}

func mustApply(t testing.TB, x *Index, b Batch) {
	t.Helper()
	if err := x.Apply(context.Background(), b); err != nil {
		t.Fatalf("Apply(seq %d): %v", b.Seq, err)
	}
}

func mustSearch(t testing.TB, x *Index, q Query) *Results {
	t.Helper()
	res, err := x.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return res
}

// ids returns the hit IDs in rank order.
func ids(res *Results) []string {
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func sortedIDs(res *Results) []string {
	out := ids(res)
	slices.Sort(out)
	return out
}

var fixtureTime = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

// fixture is a small wiki: two ops pages with sections, a social page, a
// sibling path that shares a prefix, and a page with hostile markup.
func fixture() []Doc {
	return []Doc{
		{ID: "p:ops/db", Kind: KindPage, Path: "ops/db", Title: "Database failover",
			Body: "How we move the primary to the replica.", Tags: []string{"ops", "db"}, Owner: "alex", Version: "r3"},
		{ID: "s:ops/db#steps", Kind: KindSection, Path: "ops/db", Title: "Database failover", Section: "steps",
			Heading: "Failover steps", Body: "Promote the replica, then point the application at it. Check replication lag first.",
			Tags: []string{"ops", "db"}, Owner: "alex", Version: "r3"},
		{ID: "s:ops/db#risks", Kind: KindSection, Path: "ops/db", Title: "Database failover", Section: "risks",
			Heading: "Risks", Body: "Split brain failures happen when both nodes accept writes.",
			Tags: []string{"ops", "db"}, Owner: "alex", Version: "r3"},
		{ID: "p:ops/dbx", Kind: KindPage, Path: "ops/dbx", Title: "Data exports",
			Body: "Nightly exports of the warehouse.", Tags: []string{"ops"}, Owner: "sam", Version: "r1"},
		{ID: "p:ops/web", Kind: KindPage, Path: "ops/web", Title: "Web server restart",
			Body: "Restarting nginx is safe during business hours.", Tags: []string{"ops", "web"}, Owner: "sam", Version: "r7"},
		{ID: "p:social/calendar", Kind: KindPage, Path: "social/calendar", Title: "Content calendar",
			Body: "Posts go out on Tuesdays. Brand voice is friendly.", Tags: []string{"social"}, Owner: "Morgan", Version: "r2"},
		{ID: "s:social/calendar#crisis", Kind: KindSection, Path: "social/calendar", Title: "Content calendar",
			Section: "crisis", Heading: "Crisis communication",
			Body: "Escalate to the community manager before you restart the campaign.",
			Tags: []string{"social", "Crisis Comms"}, Owner: "Morgan", Version: "r2", Updated: fixtureTime},
		{ID: "p:sec/xss", Kind: KindPage, Path: "sec/xss", Title: "Security <b>notes</b>",
			Body:  `Never paste <script>alert("x")</script> into the failover console & never "trust" input.`,
			Owner: "alex", Version: "r1"},
	}
}

// mustFixture is an index holding fixture(), applied as seq 1.
func mustFixture(t testing.TB) *Index {
	t.Helper()
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Upserts: fixture(), Seq: 1})
	return x
}
