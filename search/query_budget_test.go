package search

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The parse-time budget of search queries, as for Markdown, front matter
// (wiki/markup) and GIFT (quiz/gift): one query may take at most
// parseBudget to parse, plan and answer (stretched under the race
// detector), and four times a pathological query costs less than eight
// times as much (linear work costs four times, quadratic work sixteen),
// measured in CPU time. The small helpers are repeated in each of those
// leaf packages, which may not share test code.
const (
	parseBudget  = 200 * time.Millisecond * raceScale
	linearFactor = 11
)

func repeatTo(unit string, n int) string {
	if unit == "" {
		return ""
	}
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// queryPathological are queries of n bytes shaped at what the parser, the
// planner, the fuzzy retry and "did you mean" can get wrong: long words,
// many terms, quotes, negations, filters and invalid UTF-8.
var queryPathological = map[string]func(n int) string{
	"one long word":     func(n int) string { return repeatTo("databasefailover", n) },
	"long word, digits": func(n int) string { return repeatTo("a1", n) },
	"many words":        func(n int) string { return repeatTo("backup ", n) },
	"many typos":        func(n int) string { return repeatTo("databse failovr ", n) },
	"quotes":            func(n int) string { return repeatTo(`"`, n) },
	"phrases":           func(n int) string { return repeatTo(`"a b c" `, n) },
	"one long phrase":   func(n int) string { return `"` + repeatTo("restore the backup ", n-1) },
	"negations":         func(n int) string { return repeatTo("-", n) },
	"negated words":     func(n int) string { return repeatTo("-backup ", n) },
	"tag filters":       func(n int) string { return repeatTo("tag:ops ", n) },
	"empty filters":     func(n int) string { return repeatTo("tag:", n) },
	"path prefixes":     func(n int) string { return "path:" + repeatTo("a/", n-5) },
	"colons":            func(n int) string { return repeatTo(":", n) },
	"spaces":            func(n int) string { return repeatTo(" ", n-1) + "x" },
	"invalid UTF-8":     func(n int) string { return repeatTo("\xff\xfe", n) },
	"wide runes":        func(n int) string { return repeatTo("引き継ぎ", n) },
	"combining marks":   func(n int) string { return "a" + repeatTo("\u0301", n-1) },
	"stop words":        func(n int) string { return repeatTo("the of and ", n) },
}

// cpuOf is the CPU time of one call of f.
func cpuOf(f func()) time.Duration {
	start := cpuTime()
	f()
	return cpuTime() - start
}

// perCall is the CPU time of one call of f: the least, over three rounds,
// of the mean over as many calls as fill 20 ms.
func perCall(f func()) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		n, start := 0, cpuTime()
		for n == 0 || cpuTime()-start < 20*time.Millisecond {
			f()
			n++
		}
		best = min(best, (cpuTime()-start)/time.Duration(n))
	}
	return best
}

// growth is how much more one call of run costs on large than on small,
// the best of three measurements: on a machine shared with other work one
// measurement can be off by half, and what this looks for is far more.
func growth(small, large string, run func(string)) (cs, cl time.Duration, factor float64) {
	factor = 1e9
	for range 3 {
		a, b := perCall(func() { run(small) }), perCall(func() { run(large) })
		if f := float64(b) / float64(max(a, 1)); f < factor {
			cs, cl, factor = a, b, f
		}
		if factor < linearFactor {
			break
		}
	}
	return cs, cl, factor
}

// uncachedSearch answers queries on the fixture index without the outcome
// cache, so that every call does the work again.
func uncachedSearch(tb testing.TB) func(t testing.TB, q string) {
	x := mustFixture(tb)
	x.cache = nil
	return func(t testing.TB, q string) {
		if _, err := x.Search(context.Background(), Query{Text: q, Limit: 20}); err != nil {
			t.Fatalf("Search(%q…): %v", q[:min(len(q), 40)], err)
		}
	}
}

// TestQueryLinear: every pathological query costs less than eleven times as
// much to parse and answer at the parser's limit (maxQueryBytes) as at a
// quarter of it; and text past the limit costs no more than reading it,
// so a query of 4 MiB costs less than eleven times one of 1 MiB.
func TestQueryLinear(t *testing.T) {
	if raceScale > 1 {
		// The race detector's shadow memory and GC make cost grow faster
		// than the work (×11–12 for linear GIFT parsing in CI); .ci/run
		// runs these tests once more without it.
		t.Skip("cost ratios are measured without the race detector")
	}
	if testing.Short() {
		t.Skip("query times are not measured under -short")
	}
	search := uncachedSearch(t)
	for _, size := range [][2]int{{maxQueryBytes / 4, maxQueryBytes}, {1 << 20, 4 << 20}} {
		for name, gen := range queryPathological {
			t.Run(name, func(t *testing.T) {
				a, b := gen(size[0]), gen(size[1])
				ca, cb, f := growth(a, b, func(q string) { search(t, q) })
				t.Logf("%s: %d bytes: %v, %d bytes: %v (×%.1f)", name, len(a), ca, len(b), cb, f)
				if f >= linearFactor && cb > 5*time.Millisecond {
					t.Errorf("Search(%s): %d bytes took %v, %d bytes %v: ×%.1f for four times the input, want linear (< ×%d)",
						name, len(a), ca, len(b), cb, f, linearFactor)
				}
				if cb > parseBudget {
					t.Errorf("Search(%s, %d bytes) took %v, want < %v", name, len(b), cb, parseBudget)
				}
			})
		}
	}
}

// FuzzSearchQueryBudget repeats a fuzzed unit up to the parser's limit
// and wants the query parsed and answered within the budget.
func FuzzSearchQueryBudget(f *testing.F) {
	for _, unit := range []string{"a", "databse ", `"`, `"a b `, "-", "tag:", "path:a/", ":", "\xff", "引", "the "} {
		f.Add(unit)
	}
	search := uncachedSearch(f)
	f.Fuzz(func(t *testing.T, unit string) {
		q := repeatTo(unit, maxQueryBytes)
		if d := cpuOf(func() { search(t, q) }); d > parseBudget {
			if d = cpuOf(func() { search(t, q) }); d > parseBudget { // once more, for a busy machine
				t.Fatalf("Search(%q repeated to %d bytes) took %v, want < %v", unit, len(q), d, parseBudget)
			}
		}
	})
}
