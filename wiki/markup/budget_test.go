package markup

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

const (
	// budgetSize is wiki.MaxMarkdownLen, the largest page a save accepts
	// (markup cannot import wiki).
	budgetSize = 1 << 20
	// renderBudget is how long any page that passes Check may take to
	// render at budgetSize.
	renderBudget = 200 * time.Millisecond
)

// repeatTo repeats unit up to n bytes.
func repeatTo(unit string, n int) string {
	if unit == "" {
		return ""
	}
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

func numbered(format string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()[:n]
}

func indented(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(strings.Repeat(" ", 2*i) + "- a\n")
	}
	return b.String()[:n]
}

// pathological generates pages of n bytes that goldmark, the sanitiser or
// this package once handled in more than linear time, or slowly per byte.
var pathological = map[string]func(n int) string{
	"blockquotes":        func(n int) string { return repeatTo(">", n) },
	"blockquotes spaced": func(n int) string { return repeatTo("> ", n) },
	"blockquote lines":   func(n int) string { return repeatTo(">>>>>>>>>>>>>>>>>>>> a\n", n) },
	"lists on one line":  func(n int) string { return repeatTo("- ", n) },
	"ordered lists":      func(n int) string { return repeatTo("1. ", n) },
	"quotes in lists":    func(n int) string { return repeatTo("> - ", n) },
	"indented lists":     indented,
	"footnotes":          func(n int) string { return numbered("[^%d] [^%[1]d]: x\n\n", n) },
	"footnote refs":      func(n int) string { return "[^a]: x\n\n" + repeatTo("[^a]", n) },
	"footnote openers":   func(n int) string { return repeatTo("[^", n) },
	"footnote defs":      func(n int) string { return repeatTo("[^a]: [^a]: ", n) },
	"link definitions":   func(n int) string { return numbered("[l%d]: /u\n", n/2) + numbered("[l%d] ", n/2) },
	"link openers":       func(n int) string { return repeatTo("[a](", n) },
	"link openers angle": func(n int) string { return repeatTo("[a](<", n) },
	"brackets":           func(n int) string { return repeatTo("[", n) },
	"wiki openers":       func(n int) string { return repeatTo("[[", n) },
	"image openers":      func(n int) string { return repeatTo("![", n) },
	"nested links":       func(n int) string { return repeatTo("[", n/2) + repeatTo("](u)", n/2) },
	"angle brackets":     func(n int) string { return repeatTo("<", n) },
	"autolinks":          func(n int) string { return repeatTo("<http://a>", n) },
	"emphasis runs":      func(n int) string { return repeatTo("*a **b ", n) },
	"mixed emphasis":     func(n int) string { return repeatTo("*a_b*c_d**e_f*g**h*i_j**", n) },
	"strikethrough":      func(n int) string { return repeatTo("~~a ", n) },
	"table columns": func(n int) string {
		return repeatTo("|a", n/3) + "\n" + repeatTo("|-", n/3) + "\n" + repeatTo("|b", n/3)
	},
	"table rows":      func(n int) string { return "|a|b|\n|-|-|\n" + repeatTo("|c|d|\n", n) },
	"headings":        func(n int) string { return repeatTo("# h\n", n) },
	"nested headings": func(n int) string { return repeatTo("## a\n### b\n#### c\n", n) },
	"setext headings": func(n int) string { return repeatTo("a\n=\n", n) },
	"task lists":      func(n int) string { return repeatTo("- [ ] a\n", n) },
	"code fences":     func(n int) string { return repeatTo("```go\nx\n```\n", n) },
	"backtick runs": func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("`", i) + "a")
		}
		return b.String()[:n]
	},
	"linkify":        func(n int) string { return repeatTo("www.a ", n) },
	"entities":       func(n int) string { return repeatTo("&amp;", n) },
	"big code block": func(n int) string { return "```go\n" + repeatTo("x := f(a, b) // c\n", n-10) + "```\n" },
	"prose": func(n int) string {
		return repeatTo("Lorem ipsum dolor sit amet, [consectetur](https://example.com) *adipiscing* elit.\n\n", n)
	},
}

// largestAccepted returns the longest prefix of gen's output, of at most n
// bytes, that Check accepts (Check is monotone enough on these inputs for
// a binary search).
func largestAccepted(gen func(int) string, n int) string {
	if src := gen(n); Check([]byte(src)) == nil {
		return src
	}
	lo, hi := 0, n // gen(lo) accepted, gen(hi) refused
	for hi-lo > 64 {
		mid := (lo + hi) / 2
		if Check([]byte(gen(mid))) == nil {
			lo = mid
		} else {
			hi = mid
		}
	}
	return gen(lo)
}

// renderTime is the CPU time of the fastest of up to five renders (GC
// included), so that a busy machine does not fail the budget.
func renderTime(t testing.TB, src []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 5 {
		start := cpuTime()
		if _, err := Render(src, Options{Resolve: testResolve}); err != nil {
			t.Fatalf("Render: %v", err)
		}
		best = min(best, cpuTime()-start)
		if best < renderBudget {
			break
		}
	}
	return best
}

func TestRenderBudget(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("render budget is not measured under -race or -short")
	}
	for name, gen := range pathological {
		t.Run(name, func(t *testing.T) {
			src := []byte(largestAccepted(gen, budgetSize))
			if d := renderTime(t, src); d > renderBudget {
				t.Errorf("Render(%s, %d bytes accepted by Check) took %v, want < %v", name, len(src), d, renderBudget)
			}
		})
	}
}

// FuzzRenderBudget repeats a fuzzed unit up to an eighth of the page size
// limit (a fuzzing worker that takes seconds per input counts as hung),
// keeps the longest prefix Check accepts, and checks that it renders within
// the budget (not an eighth of it: the count limits, not the size, bound
// most of these pages). The workers share the machine's cores, which
// inflates even CPU time, so a render over budget fails only if it is also
// well over plain prose of the same size measured just after: what this
// looks for is super-linear work, which is many times over.
func FuzzRenderBudget(f *testing.F) {
	if raceEnabled || testing.Short() {
		f.Skip("render budget is not measured under -race or -short")
	}
	for _, unit := range []string{">", "- ", "[^", "*a **b ", "|a", "```\nx\n```\n", "[a](", "# h\n", "a\n"} {
		f.Add(unit)
	}
	const size, budget = budgetSize / 8, renderBudget
	f.Fuzz(func(t *testing.T, unit string) {
		src := []byte(largestAccepted(func(n int) string { return repeatTo(unit, n) }, size))
		d := renderTime(t, src)
		if d <= budget {
			return
		}
		if base := renderTime(t, []byte(pathological["prose"](len(src)))); d > 5*base/2 {
			t.Fatalf("Render(%q repeated to %d bytes, accepted by Check) took %v, want < %v or < 2.5 × %v for prose", unit, len(src), d, budget, base)
		}
	})
}
