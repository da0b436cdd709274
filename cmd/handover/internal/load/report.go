package load

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/handover/handover/cmd/handover/internal/measure"
)

// Report is the outcome of `handover load`, printed as one JSON object
// with --json.
type Report struct {
	Users           int                    `json:"users"`
	Pages           int                    `json:"pages"`
	DurationS       float64                `json:"duration_s"`
	ThinkMS         float64                `json:"think_ms"`
	Requests        int                    `json:"requests"`
	RPS             float64                `json:"rps"`
	Status5xx       int                    `json:"status_5xx"`
	Unexpected      int                    `json:"unexpected_status"`
	TransportErrors int                    `json:"transport_errors"`
	LogErrors       int                    `json:"log_errors"`
	LogWarnings     int                    `json:"log_warnings"`
	Saves           int                    `json:"saves"`
	Conflicts       int                    `json:"conflicts"`
	ConflictRetries int                    `json:"conflict_retries"`
	SavesGivenUp    int                    `json:"saves_given_up"`
	QuizAttempts    int                    `json:"quiz_attempts"`
	Acks            int                    `json:"acknowledgements"`
	Actions         map[string]ActionStats `json:"actions"`
	Memory          MemoryReport           `json:"memory"`
	OK              bool                   `json:"ok"`
	Failures        []string               `json:"failures"`

	mu sync.Mutex // guards Failures while people run
}

// ActionStats are the latencies of one kind of request.
type ActionStats struct {
	Count int     `json:"count"`
	P50MS float64 `json:"p50_ms"`
	P99MS float64 `json:"p99_ms"`
	MaxMS float64 `json:"max_ms"`
}

// maxFailures bounds the failures kept in the report; the counts say how
// many there were.
const maxFailures = 20

// failure records what went wrong; it is safe for concurrent use.
func (r *Report) failure(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.Failures) < maxFailures {
		r.Failures = append(r.Failures, fmt.Sprintf(format, args...))
	}
}

// fail records a failure of the run as a whole.
func (r *Report) fail(format string, args ...any) {
	r.failure(format, args...)
	r.OK = false
}

// summarise adds up the people's tallies into the report.
func (r *Report) summarise(people []*person, elapsed, duration time.Duration) {
	all := &tally{lat: map[string][]time.Duration{}}
	for _, p := range people {
		all.add(p.tally)
	}
	r.DurationS = measure.Round(elapsed.Seconds(), 1)
	for name, lat := range all.lat {
		if name == "login" || name == "warmup" {
			continue // before the clock started
		}
		r.Actions[name] = ActionStats{Count: len(lat), P50MS: measure.Percentile(lat, 0.5), P99MS: measure.Percentile(lat, 0.99), MaxMS: measure.Percentile(lat, 1)}
		r.Requests += len(lat)
	}
	r.RPS = measure.Round(float64(r.Requests)/elapsed.Seconds(), 1)
	r.Status5xx, r.Unexpected, r.TransportErrors = all.status5xx, all.unexpected, all.broken
	r.Saves, r.Conflicts, r.ConflictRetries, r.SavesGivenUp = all.saves, all.conflicts, all.retries, all.gaveUp
	r.QuizAttempts, r.Acks = all.attempts, all.acks
	r.Memory.judge(duration)
}

// judgeLogs counts the server's log and decides the run: no 5xx, no
// unexpected status, no broken connection, no error in the log, memory
// stable (when the run was long enough to tell).
func (r *Report) judgeLogs(logs *logCounter) {
	r.LogErrors, r.LogWarnings = logs.counts()
	for _, line := range logs.firstErrors() {
		r.failure("server log: %s", line)
	}
	checks := []struct {
		bad bool
		msg string
	}{
		{r.Requests == 0, "no request finished"},
		{r.Status5xx > 0, fmt.Sprintf("%d responses with a 5xx status", r.Status5xx)},
		{r.Unexpected > 0, fmt.Sprintf("%d responses with an unexpected status", r.Unexpected)},
		{r.TransportErrors > 0, fmt.Sprintf("%d requests without a response", r.TransportErrors)},
		{r.LogErrors > 0, fmt.Sprintf("%d errors in the server log", r.LogErrors)},
		{r.Memory.Stable != nil && !*r.Memory.Stable, fmt.Sprintf("memory grew: live heap %.1f MB at the end, %.1f MB at the start (×%.2f, limit ×%.1f or +%d MB)",
			r.Memory.LastMaxHeapMB, r.Memory.FirstMaxHeapMB, r.Memory.Ratio, maxHeapGrowth, heapSlackMB)},
	}
	var failed []string
	for _, c := range checks {
		if c.bad {
			failed = append(failed, c.msg)
		}
	}
	r.mu.Lock()
	r.Failures = append(append([]string{}, failed...), r.Failures...)
	r.OK = len(r.Failures) == 0
	r.mu.Unlock()
}

// Print writes the readable summary.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "handover load: %d people for %.0f s on %d pages, pause %.0f ms on average, %d cores\n\n",
		r.Users, r.DurationS, r.Pages, r.ThinkMS, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "%d requests (%.0f/s): %d 5xx, %d unexpected, %d without a response; log: %d errors, %d warnings\n",
		r.Requests, r.RPS, r.Status5xx, r.Unexpected, r.TransportErrors, r.LogErrors, r.LogWarnings)
	fmt.Fprintf(w, "%d saves (%d conflicts, retried; %d given up), %d quiz attempts, %d acknowledgements\n\n",
		r.Saves, r.Conflicts, r.SavesGivenUp, r.QuizAttempts, r.Acks)
	fmt.Fprintf(w, "%-14s %8s %9s %9s %9s\n", "request", "count", "p50 ms", "p99 ms", "max ms")
	names := make([]string, 0, len(r.Actions))
	for name := range r.Actions {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		a := r.Actions[name]
		fmt.Fprintf(w, "%-14s %8d %9.1f %9.1f %9.1f\n", name, a.Count, a.P50MS, a.P99MS, a.MaxMS)
	}
	fmt.Fprintf(w, "\nmemory: %s\n", r.Memory.summary())
	if r.OK {
		fmt.Fprintln(w, "\nok")
		return
	}
	fmt.Fprintln(w, "\nFAILED:")
	for _, f := range r.Failures {
		fmt.Fprintln(w, "  "+f)
	}
}
