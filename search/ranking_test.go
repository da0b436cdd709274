package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runbooks is a small index of alert runbooks: alert names as headings
// and titles, spelled out or not.
func runbooks(t *testing.T) *Index {
	t.Helper()
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		// Imported with a title that spells the name out, and the heading
		// of another alert (copied upstream).
		{ID: "p:remote", Kind: KindPage, Path: "prom/prometheusremotewritebehind", Title: "Prometheus Remote Write Behind",
			Body: "Remote write is behind."},
		{ID: "s:remote#h", Kind: KindSection, Path: "prom/prometheusremotewritebehind", Title: "Prometheus Remote Write Behind",
			Section: "h", Heading: "PrometheusRemoteStorageFailures", Body: "Check the remote storage."},
		// A page whose title says nothing of its file name.
		{ID: "p:legacy", Kind: KindPage, Path: "prom/kubeletdown", Title: "Old notes",
			Body: "Written before the alert was renamed."},
		{ID: "p:crash", Kind: KindPage, Path: "k8s/crash", Title: "KubePodCrashLooping",
			Body: "A pod is restarting again and again."},
		{ID: "p:metrics", Kind: KindPage, Path: "node/metrics", Title: "Node metrics",
			Body: "Alert when node_filesystem_avail_bytes drops below a tenth."},
		{ID: "p:raid", Kind: KindPage, Path: "node/raid", Title: "Node RAID disk failure",
			Body: "A disk of the array is gone."},
		{ID: "p:clock", Kind: KindPage, Path: "node/clock", Title: "Clock not synchronising",
			Body: "NTP is off."},
	}})
	return x
}

func TestSearchIdentifiers(t *testing.T) {
	x := runbooks(t)
	tests := []struct{ q, want string }{
		{"PrometheusRemoteWriteBehind", "p:remote"},  // the title, spelled out
		{"prometheusremotewritebehind", "p:remote"},  // the page name, whole
		{"remote storage failures", "s:remote#h"},    // the words of a heading
		{"KubeletDown", "p:legacy"},                  // the page name only
		{"crash looping", "p:crash"},                 // words of an identifier
		{"kubepodcrashlooping", "p:crash"},           // the identifier in lower case
		{"KubePodCrashLooping pod", "p:crash"},       // with another word
		{`"KubePodCrashLooping"`, "p:crash"},         // as a phrase
		{"filesystem avail", "p:metrics"},            // snake_case
		{"node_filesystem_avail_bytes", "p:metrics"}, // whole
		{"NodeRAIDDiskFailure", "p:raid"},
	}
	for _, tc := range tests {
		res := mustSearch(t, x, Query{Text: tc.q})
		if got := ids(res); len(got) == 0 || got[0] != tc.want {
			t.Errorf("Search(%q) = %v, want %s first", tc.q, got, tc.want)
		}
	}
	// The whole identifier is highlighted when one of its words matched.
	res := mustSearch(t, x, Query{Text: "pod"})
	if len(res.Hits) == 0 || res.Hits[0].Snippet != "A <mark>pod</mark> is restarting again and again." {
		t.Errorf("Search(pod) snippet = %v", res.Hits)
	}
	res = mustSearch(t, x, Query{Text: "avail"})
	if len(res.Hits) == 0 || res.Hits[0].Snippet != "Alert when node_filesystem_<mark>avail</mark>_bytes drops below a tenth." {
		t.Errorf("Search(avail) snippet = %v", res.Hits)
	}
}

func TestSearchSuffixes(t *testing.T) {
	x := runbooks(t)
	tests := []struct{ q, want string }{
		{"RAID disk failed", "p:raid"},
		{"raid failing", "p:raid"},
		{"clock not synchronizing", "p:clock"},
	}
	for _, tc := range tests {
		res := mustSearch(t, x, Query{Text: tc.q})
		if got := ids(res); len(got) == 0 || got[0] != tc.want || res.Fuzzy {
			t.Errorf("Search(%q) = %v (fuzzy %v), want %s first, exactly", tc.q, got, res.Fuzzy, tc.want)
		}
	}
}

// TestSearchFillsShortLists checks that when few hits have every word,
// hits with some of the words follow them, most words first.
func TestSearchFillsShortLists(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "all", Kind: KindPage, Path: "a", Title: "Verify", Body: "If the pod keeps restarting, look again."},
		{ID: "two", Kind: KindPage, Path: "b", Title: "Pod restarted", Body: "A core pod restarted."},
		{ID: "one", Kind: KindPage, Path: "c", Title: "Pod pending", Body: "The pod is not scheduled."},
		{ID: "none", Kind: KindPage, Path: "d", Title: "Node down", Body: "The node is gone."},
	}})
	res := mustSearch(t, x, Query{Text: "pod keeps restarting"})
	if got, want := ids(res), []string{"all", "two", "one"}; !cmp.Equal(got, want) || res.Total != 3 {
		t.Errorf("Search(pod keeps restarting) = %v (total %d), want %v", got, res.Total, want)
	}
	res = mustSearch(t, x, Query{Text: "pod keeps restarting", Limit: 1, Offset: 1})
	if got := ids(res); !cmp.Equal(got, []string{"two"}) || res.Total != 3 {
		t.Errorf("Search(pod keeps restarting, second hit) = %v (total %d), want [two]", got, res.Total)
	}
}

// TestSearchCorrectsWithinQuery checks that a word no document has is
// corrected in place, while the other words still must match.
func TestSearchCorrectsWithinQuery(t *testing.T) {
	x := mustFixture(t)
	res := mustSearch(t, x, Query{Text: "replcia lag"})
	if got := ids(res); len(got) == 0 || got[0] != "s:ops/db#steps" {
		t.Errorf("Search(replcia lag) = %v, want s:ops/db#steps first", got)
	}
	if !res.Fuzzy || res.DidYouMean != "replica lag" {
		t.Errorf("Search(replcia lag) = fuzzy %v, did you mean %q; want true, %q", res.Fuzzy, res.DidYouMean, "replica lag")
	}
	// Only the hit with both words: the correction is not just dropped.
	res = mustSearch(t, x, Query{Text: "promote replcia"})
	if got := ids(res); len(got) == 0 || got[0] != "s:ops/db#steps" {
		t.Errorf("Search(promote replcia) = %v, want s:ops/db#steps first", got)
	}
}

// TestSearchFullerHeadlines checks that headlines holding more of the
// query, and less else, rank first: a section counts its page's title.
func TestSearchFullerHeadlines(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "p:sec", Kind: KindPage, Path: "sec", Title: "Security incident response",
			Body: "The incident commander has these responsibilities when data leaks, and many more, at length."},
		{ID: "p:ic", Kind: KindPage, Path: "ic", Title: "Incident commander",
			Body: "So you want to be an incident commander."},
		{ID: "s:ic#resp", Kind: KindSection, Path: "ic", Title: "Incident commander", Section: "resp",
			Heading: "Responsibilities", Body: "Keep the incident moving. The commander decides."},
		{ID: "s:ic#deputy", Kind: KindSection, Path: "ic", Title: "Incident commander", Section: "deputy",
			Heading: "Deputy", Body: "The deputy backs the incident commander up."},
		{ID: "p:train", Kind: KindPage, Path: "train", Title: "Incident training",
			Body: "A long course. The incident commander, their responsibilities, the scribe, the deputy."},
	}})
	got := ids(mustSearch(t, x, Query{Text: "incident commander responsibilities"}))
	if len(got) == 0 || got[0] != "s:ic#resp" {
		t.Errorf("Search(incident commander responsibilities) = %v, want s:ic#resp first", got)
	}
	// The page whose title is the query ranks above its own sections.
	got = ids(mustSearch(t, x, Query{Text: "incident commander"}))
	if len(got) < 3 || got[0] != "p:ic" {
		t.Errorf("Search(incident commander) = %v, want p:ic first", got)
	}
}

// TestSearchAnyWordPagesAgree checks that ranking any-word hits to a
// small depth (which skips looking up words in the text of documents that
// cannot make it) gives the same order as ranking them all.
func TestSearchAnyWordPagesAgree(t *testing.T) {
	x := mustOpenIndex(t)
	words := []string{"alpha", "bravo", "charlie", "delta", "echo"}
	var docs []Doc
	for i := range 300 {
		var body []string
		for k, w := range words {
			if (i>>k)&1 == 1 {
				body = append(body, w, w)
			}
		}
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("p%d", i),
			Title: words[i%5] + " notes " + fmt.Sprint(i%7), Body: strings.Join(body, " ") + " filler"})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	q := "alpha bravo charlie delta echo qqqqqqqqqq" // no document has the last word: any word
	all := ids(mustSearch(t, x, Query{Text: q, Limit: 100}))
	for _, limit := range []int{1, 5, 20} {
		x.cache = newOutcomeCache()
		if got := ids(mustSearch(t, x, Query{Text: q, Limit: limit})); !cmp.Equal(got, all[:limit]) {
			t.Errorf("Search(limit %d) = %v, want %v", limit, got, all[:limit])
		}
	}
}

// TestSearchPhraseInHeadline checks phrases whose words are in headlines:
// the words in another order do not match.
func TestSearchPhraseInHeadline(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "wrong", Kind: KindPage, Path: "a", Title: "Failover of the database", Body: "Steps."},
		{ID: "head", Kind: KindPage, Path: "b", Title: "Database failover", Body: "Steps."},
		{ID: "body", Kind: KindPage, Path: "c", Title: "Notes", Body: "Before a database failover, tell the team."},
		{ID: "split", Kind: KindPage, Path: "d", Title: "Database", Body: "Failover is rare."},
	}})
	got := ids(mustSearch(t, x, Query{Text: `"database failover"`}))
	if want := []string{"head", "body"}; !cmp.Equal(got, want) {
		t.Errorf(`Search("database failover") = %v, want %v`, got, want)
	}
}

// TestSearchCountEstimate checks that a count of many matches that are
// not a single term's is extrapolated, and about right.
func TestSearchCountEstimate(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 3 * countExactly {
		body := "alpha"
		if i%3 == 0 {
			body = "alpha beta"
		}
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("p%d", i), Title: "Alpha", Body: body})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	res := mustSearch(t, x, Query{Text: "alpha -beta"})
	if want := 2 * countExactly; !res.TotalEstimated || res.Total < want*9/10 || res.Total > want*11/10 {
		t.Errorf("Search(alpha -beta) total = %d (estimated %v), want about %d, estimated", res.Total, res.TotalEstimated, want)
	}
	if res := mustSearch(t, x, Query{Text: "beta"}); res.TotalEstimated || res.Total != countExactly {
		t.Errorf("Search(beta) total = %d (estimated %v), want exactly %d", res.Total, res.TotalEstimated, countExactly)
	}
}

// TestLazyPhrases checks that reading a phrase's positions lazily ranks
// the same best hits as reading them everywhere, and counts about as many.
func TestLazyPhrases(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	// The words without the phrase score higher than the phrases: only
	// checking the positions keeps them out.
	for i := range lazyFrom + 1000 {
		body := "beta alpha"
		if i%2 == 0 {
			body = "alpha beta" + strings.Repeat(" filler", 1+i%4)
		}
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindSection, Path: fmt.Sprintf("p%d", i), Title: "Notes",
			Section: "s", Heading: "Notes", Body: body})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	s, err := x.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	p := x.newPlan(parseQuery(`"alpha beta"`))
	if err := p.weigh(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if p.fewest(s) < lazyFrom {
		t.Fatalf("fewest = %d, want at least %d for the lazy path", p.fewest(s), lazyFrom)
	}
	lazy, counted := p.lazyQuery(30, s.numbers)
	got, err := s.collect(context.Background(), lazy, 30)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.collect(context.Background(), p.query(modeAll, tierAll, 0), 30)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(got.hits, want.hits, cmp.AllowUnexported(ranked{})) {
		t.Errorf("lazy hits = %v, want %v", got.hits, want.hits)
	}
	if n := want.total; !counted.estimated || counted.n < n*9/10 || counted.n > n*11/10 {
		t.Errorf("lazy count = %+v, want about %d, estimated", *counted, n)
	}
}
