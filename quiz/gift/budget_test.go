package gift

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The parse-time budget, as for Markdown (wiki/markup/budget_test.go),
// front matter and search queries: one input may take at most parseBudget
// (stretched under the race detector), and four times a pathological
// input costs less than eleven times as much (linear work costs four times,
// quadratic work sixteen), measured in CPU time. The small helpers are repeated in
// each of those leaf packages, which may not share test code.
const (
	// giftLimit is quiz.MaxGIFTBytes, the largest file an import reads
	// (gift cannot import quiz).
	giftLimit   = 1 << 20
	parseBudget = 200 * time.Millisecond * raceScale
)

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

// wrapped is a question whose answer block repeats unit up to n bytes.
func wrapped(open, unit, close string) func(int) string {
	return func(n int) string { return open + repeatTo(unit, n-len(open)-len(close)) + close }
}

// giftPathological are GIFT files of n bytes shaped at what a parser of
// nested tokens and escapes can get wrong: long runs of one character,
// many escapes, many questions, answers, tokens and errors.
var giftPathological = map[string]func(n int) string{
	"questions":         func(n int) string { return numbered("::q%d:: Q{T}\n\n", n) },
	"one long text":     func(n int) string { return repeatTo("a", n) },
	"open braces":       func(n int) string { return repeatTo("{", n) },
	"close braces":      func(n int) string { return repeatTo("}", n) },
	"escaped braces":    func(n int) string { return "Q " + repeatTo(`\{`, n-5) + "{T}" },
	"escapes":           func(n int) string { return "Q{=" + repeatTo(`\:\#\=\~\\`, n-4) + "}" },
	"backslashes":       func(n int) string { return repeatTo(`\`, n) },
	"title colons":      func(n int) string { return repeatTo("::", n) },
	"comment lines":     func(n int) string { return repeatTo("// c\n", n-4) + "Q{T}" },
	"tag tokens":        func(n int) string { return "// " + repeatTo("[tag:", n-10) + "\nQ{T}" },
	"nested tokens":     func(n int) string { return "// " + repeatTo("[id:[tag:", n-10) + "\nQ{T}" },
	"categories":        func(n int) string { return numbered("$CATEGORY: c%d\n\n", n) },
	"choices":           wrapped("Q{", "~a ", "=b}"),
	"weights":           wrapped("Q{", "~%50%a ", "}"),
	"feedback":          wrapped("Q{=a", "#f", "}"),
	"matching":          wrapped("Q{", "=a -> b ", "}"),
	"numerical answers": wrapped("Q{#", "=1:1 ", "}"),
	"numerical ranges":  wrapped("Q{#", "1..2 ", "}"),
	"format markers":    func(n int) string { return repeatTo("[html]", n-4) + "{T}" },
	"missing words":     func(n int) string { return repeatTo("a {=b} ", n) },
	"broken questions":  func(n int) string { return repeatTo("Q{=\n\n", n) },
	"blank lines":       func(n int) string { return repeatTo("\n", n-4) + "Q{T}" },
	"carriage returns":  func(n int) string { return repeatTo("\r", n-4) + "Q{T}" },
	"long lines":        func(n int) string { return "Q{" + repeatTo("~"+strings.Repeat("a", 1000)+" ", n-3) + "}" },
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

// budgetSizes are the sizes compared: a quarter of the limit and the
// limit, or a sixteenth and a quarter of it under the race detector, which
// is slow enough that the full size would take minutes (the factor tells
// the same at any size).
func budgetSizes(limit int) (int, int) {
	if raceScale > 1 {
		return limit / 16, limit / 4
	}
	return limit / 4, limit
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

// linearFactor bounds the cost of four times the input: linear work costs
// four times as much, quadratic work sixteen times; between the two leaves
// room for the race detector and a loaded machine (×8–9 seen in CI).
const linearFactor = 11

func parseGIFT(src string) {
	Parse(strings.NewReader(src))
}

// TestParseLinear: every pathological shape costs less than eleven times
// as much at the size limit as at a quarter of it (linear: four times,
// quadratic: sixteen).
func TestParseLinear(t *testing.T) {
	if raceScale > 1 {
		// The race detector's shadow memory and GC make cost grow faster
		// than the work (×11–12 for linear GIFT parsing in CI); .ci/run
		// runs these tests once more without it.
		t.Skip("cost ratios are measured without the race detector")
	}
	if testing.Short() {
		t.Skip("parse times are not measured under -short")
	}
	small, large := budgetSizes(giftLimit)
	for name, gen := range giftPathological {
		t.Run(name, func(t *testing.T) {
			a, b := gen(small), gen(large)
			ca, cb, f := growth(a, b, parseGIFT)
			t.Logf("%s: %d bytes: %v, %d bytes: %v (×%.1f)", name, len(a), ca, len(b), cb, f)
			if f >= linearFactor && cb > 5*time.Millisecond {
				t.Errorf("Parse(%s): %d bytes took %v, %d bytes %v: ×%.1f for four times the input, want linear (< ×%d)",
					name, len(a), ca, len(b), cb, f, linearFactor)
			}
		})
	}
}

// FuzzParseBudget repeats a fuzzed unit up to an eighth of the size limit
// (a fuzzing worker that takes seconds per input counts as hung) and
// checks that the file parses within the budget.
func FuzzParseBudget(f *testing.F) {
	for _, unit := range []string{"{", "Q{T}\n\n", `\{`, "::", "// [tag:", "~a ", "=a -> b ", "[html]", "a {=b} ", "\n"} {
		f.Add(unit)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		src := repeatTo(unit, giftLimit/8)
		if d := cpuOf(func() { parseGIFT(src) }); d > parseBudget {
			if d = cpuOf(func() { parseGIFT(src) }); d > parseBudget { // once more, for a busy machine
				t.Fatalf("Parse(%q repeated to %d bytes) took %v, want < %v", unit, len(src), d, parseBudget)
			}
		}
	})
}
