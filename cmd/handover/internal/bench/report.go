package bench

import (
	"fmt"
	"io"
	"runtime"
)

// benchTargets are DESIGN.md's performance targets, which apply at 10,000
// pages on 2 cores.
var benchTargets = []struct {
	name, unit, target string
	value              func(*Result) float64
	ok                 func(float64) bool
}{
	{"import", "s", "< 60 s", func(r *Result) float64 { return r.ImportS }, func(v float64) bool { return v < 60 }},
	{"start-up", "ms", "< 1000 ms", func(r *Result) float64 { return r.StartupMS }, func(v float64) bool { return v < 1000 }},
	{"RSS", "MB", "< 150 MB", func(r *Result) float64 { return r.RSSMB }, func(v float64) bool { return v < 150 }},
	{"page view / bare handler", "", "≥ 0.5", func(r *Result) float64 { return r.ViewRatio }, func(v float64) bool { return v >= 0.5 }},
	{"search p99", "ms", "< 20 ms", func(r *Result) float64 { return r.SearchP99MS }, func(v float64) bool { return v < 20 }},
	{"save p99", "ms", "< 50 ms", func(r *Result) float64 { return r.SaveP99MS }, func(v float64) bool { return v < 50 }},
}

// Report is a finished run: its result and what the table says besides.
type Report struct {
	Result
	source   string // where the words came from
	clients  int
	saveNote string
	mem      map[string]float64 // measure.MemStatus after the run
}

// WriteTable writes the report for people: each measure against its
// target, then the details.
func (rep *Report) WriteTable(w io.Writer) {
	r := &rep.Result
	fmt.Fprintf(w, "handover bench: %d pages from %s, %d clients, %d cores\n\n", r.Pages, rep.source, rep.clients, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "%-26s %12s   %-10s %s\n", "measure", "value", "target", "")
	for _, t := range benchTargets {
		v := t.value(r)
		verdict := "FAIL"
		if t.ok(v) {
			verdict = "ok"
		}
		fmt.Fprintf(w, "%-26s %9.2f %-2s   %-10s %s\n", t.name, v, t.unit, t.target, verdict)
	}
	fmt.Fprintf(w, "\n%-26s %9.0f req/s (bare handler %.0f req/s, p99 %.2f ms)\n", "page views", r.ViewRPS, r.CeilingRPS, r.ViewP99MS)
	fmt.Fprintf(w, "%-26s %9.2f ms\n", "search p50", r.SearchP50MS)
	fmt.Fprintf(w, "%-26s %s\n", "saves", rep.saveNote)
	fmt.Fprintf(w, "%-26s %9.1f MB anonymous (Go heap…), %.1f MB mapped files (bbolt, bleve)\n", "RSS parts",
		rep.mem["RssAnon"]/(1<<20), rep.mem["RssFile"]/(1<<20))
	if r.Pages != 10000 {
		fmt.Fprintln(w, "\nThe targets are set for 10,000 pages on 2 cores (DESIGN.md).")
	}
}
