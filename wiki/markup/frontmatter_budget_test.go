package markup

import (
	"strings"
	"testing"
	"time"
)

// The parse-time budget of front matter, as for Markdown (budget_test.go),
// GIFT and search queries: one input may take at most parseBudget
// (stretched under the race detector), and four times a pathological
// input costs less than eleven times as much (linear work costs four times,
// quadratic work sixteen), measured in CPU time.
const parseBudget = 200 * time.Millisecond * raceScale

// linearFactor bounds the cost of four times the input.
const linearFactor = 11

// yamlBlock is front matter of n bytes whose YAML is body.
func yamlBlock(body func(n int) string) func(int) string {
	return func(n int) string { return "---\n" + body(n-12) + "\n---\nbody" }
}

// frontMatterPathological are pages of n bytes whose front matter is
// shaped at what a YAML parser can get wrong: deep nesting, long runs of
// one character, many escapes, aliases, keys and list items.
var frontMatterPathological = map[string]func(n int) string{
	"flow sequences":     yamlBlock(func(n int) string { return "tags: " + repeatTo("[", n) }),
	"flow mappings":      yamlBlock(func(n int) string { return "tags: " + repeatTo("{", n) }),
	"closed nesting":     yamlBlock(func(n int) string { return "tags: " + repeatTo("[", n/2) + repeatTo("]", n/2) }),
	"block sequences":    yamlBlock(func(n int) string { return "tags: " + repeatTo("- ", n) }),
	"indented mappings":  yamlBlock(indentedKeys),
	"many keys":          yamlBlock(func(n int) string { return numbered("k%d: v\n", n) }),
	"repeated key":       yamlBlock(func(n int) string { return repeatTo("title: t\n", n) }),
	"long plain scalar":  yamlBlock(func(n int) string { return "title: " + repeatTo("a", n) }),
	"long quoted scalar": yamlBlock(func(n int) string { return `title: "` + repeatTo("a", n) + `"` }),
	"escapes":            yamlBlock(func(n int) string { return `title: "` + repeatTo(`\n\t\u00e9\"`, n) + `"` }),
	"single quotes":      yamlBlock(func(n int) string { return "title: '" + repeatTo("''", n) + "'" }),
	"list items":         yamlBlock(func(n int) string { return "tags:\n" + repeatTo("  - a\n", n) }),
	"flow list":          yamlBlock(func(n int) string { return "critical: [" + repeatTo("a, ", n) + "]" }),
	"comma list":         yamlBlock(func(n int) string { return "critical: " + repeatTo("a,", n) }),
	"aliases":            yamlBlock(func(n int) string { return "a: &x [1, 2]\ntags: [" + repeatTo("*x, ", n) + "]" }),
	"anchors":            yamlBlock(func(n int) string { return "tags: [" + numbered("&a%d b, ", n) + "]" }),
	"comments":           yamlBlock(func(n int) string { return repeatTo("# comment\n", n) + "title: t" }),
	"block scalar":       yamlBlock(func(n int) string { return "description: |\n" + repeatTo("  line\n", n) }),
	"folded scalar":      yamlBlock(func(n int) string { return "description: >\n" + repeatTo("  word\n\n", n) }),
	"complex keys":       yamlBlock(func(n int) string { return repeatTo("? ", n) }),
	"colons":             yamlBlock(func(n int) string { return repeatTo(": ", n) }),
	"tabs":               yamlBlock(func(n int) string { return "title: " + repeatTo("\t", n) }),
	"unclosed fence":     func(n int) string { return "---\n" + repeatTo("a\n", n-4) },
	"fence lines":        func(n int) string { return "---\n" + repeatTo("--- \n", n-4) },
}

// indentedKeys nests mappings one level deeper per line.
func indentedKeys(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return b.String()[:n]
}

func splitFM(src string) { SplitFrontMatter([]byte(src)) }

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

// budgetSizes are the sizes compared: a quarter of the limit and the
// limit, or a sixteenth and a quarter of it under the race detector.
func budgetSizes(limit int) (int, int) {
	if raceScale > 1 {
		return limit / 16, limit / 4
	}
	return limit / 4, limit
}

// TestFrontMatterLinear: every pathological shape costs less than eight
// times as much at the page size limit as at a quarter of it, and stays
// within the budget at the limit.
func TestFrontMatterLinear(t *testing.T) {
	if raceScale > 1 {
		// The race detector's shadow memory and GC make cost grow faster
		// than the work (×11–12 for linear GIFT parsing in CI); .ci/run
		// runs these tests once more without it.
		t.Skip("cost ratios are measured without the race detector")
	}
	if testing.Short() {
		t.Skip("parse times are not measured under -short")
	}
	small, large := budgetSizes(budgetSize)
	for name, gen := range frontMatterPathological {
		t.Run(name, func(t *testing.T) {
			a, b := gen(small), gen(large)
			ca, cb, f := growth(a, b, splitFM)
			t.Logf("%s: %d bytes: %v, %d bytes: %v (×%.1f)", name, len(a), ca, len(b), cb, f)
			if f >= linearFactor && cb > 5*time.Millisecond {
				t.Errorf("SplitFrontMatter(%s): %d bytes took %v, %d bytes %v: ×%.1f for four times the input, want linear (< ×%d)",
					name, len(a), ca, len(b), cb, f, linearFactor)
			}
		})
	}
}

// FuzzFrontMatterBudget repeats a fuzzed unit inside front matter up to an
// eighth of the page size limit and checks that it parses within the
// budget.
func FuzzFrontMatterBudget(f *testing.F) {
	for _, unit := range []string{"[", "{", "- ", "a:\n ", "*x, ", "&a b, ", `\n`, "''", "? ", ": ", "# c\n", "  - a\n"} {
		f.Add(unit)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		src := yamlBlock(func(n int) string { return "tags: " + repeatTo(unit, n) })(budgetSize / 8)
		if d := cpuOf(func() { splitFM(src) }); d > parseBudget {
			if d = cpuOf(func() { splitFM(src) }); d > parseBudget { // once more, for a busy machine
				t.Fatalf("SplitFrontMatter(%q repeated to %d bytes) took %v, want < %v", unit, len(src), d, parseBudget)
			}
		}
	})
}

// cpuOf is the CPU time of one call of f.
func cpuOf(f func()) time.Duration {
	start := cpuTime()
	f()
	return cpuTime() - start
}
