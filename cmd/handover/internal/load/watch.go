package load

import (
	"bytes"
	"fmt"
	"os"
	rtmetrics "runtime/metrics"
	"sync"
	"time"

	"github.com/handover/handover/cmd/handover/internal/measure"
)

// MemoryReport holds the memory samples of a load run and the verdict on
// them. The server runs in the load's process, so the numbers include the
// simulated people's clients (a small part).
type MemoryReport struct {
	IntervalS      float64     `json:"interval_s"`
	WarmupS        float64     `json:"warmup_s"`
	Samples        []MemSample `json:"samples"`
	FirstMaxHeapMB float64     `json:"first_third_max_live_heap_mb"`
	LastMaxHeapMB  float64     `json:"last_third_max_live_heap_mb"`
	Ratio          float64     `json:"ratio"`
	MaxRSSMB       float64     `json:"max_rss_mb"`
	// Stable is null when the run was too short to tell.
	Stable *bool `json:"stable"`

	mu sync.Mutex
}

// MemSample is one sample: the live heap after the last collection, the
// heap with its garbage, and the resident set (which also counts the
// mapped bbolt file and bleve segments); with the requests finished since
// the sample before, so that a stall shows.
type MemSample struct {
	TS         float64 `json:"t_s"`
	LiveHeapMB float64 `json:"live_heap_mb"`
	HeapMB     float64 `json:"heap_mb"`
	RSSMB      float64 `json:"rss_mb"`
	Requests   int64   `json:"requests"`
}

// Memory verdict: after the warm-up (caches filling, first renders), the
// largest live heap of the last third of the run may be at most
// maxHeapGrowth times that of the first third, or heapSlackMB more (a
// heap of 10 MB moves by a few MB with the timing of collections alone).
// Runs shorter than minJudgedRun, or with fewer than minMemSamples
// samples after the warm-up, get no verdict.
const (
	maxHeapGrowth = 1.5
	heapSlackMB   = 5
	minMemSamples = 6
	minJudgedRun  = 20 * time.Second
)

// sampleMemory samples every interval into m until the returned stop is
// called (which takes a last sample). requests returns how many requests
// have finished so far.
func sampleMemory(interval time.Duration, m *MemoryReport, requests func() int64) (stop func()) {
	m.IntervalS = interval.Seconds()
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		var before int64
		for {
			s := takeMemSample(time.Since(start))
			n := requests()
			s.Requests, before = n-before, n
			m.add(s)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

func (m *MemoryReport) add(s MemSample) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Samples = append(m.Samples, s)
}

func takeMemSample(elapsed time.Duration) MemSample {
	ms := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	rtmetrics.Read(ms)
	mb := func(s rtmetrics.Sample) float64 {
		if s.Value.Kind() != rtmetrics.KindUint64 {
			return 0
		}
		return measure.Round(float64(s.Value.Uint64())/(1<<20), 1)
	}
	return MemSample{TS: measure.Round(elapsed.Seconds(), 1), LiveHeapMB: mb(ms[0]), HeapMB: mb(ms[1]),
		RSSMB: measure.Round(measure.MemStatus()["VmRSS"]/(1<<20), 1)}
}

// judge compares the first and the last third of the samples after the
// warm-up: a sixth of the run, at most 10 s.
func (m *MemoryReport) judge(duration time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	warmup := min(duration/6, 10*time.Second)
	m.WarmupS = warmup.Seconds()
	var after []MemSample
	for _, s := range m.Samples {
		m.MaxRSSMB = max(m.MaxRSSMB, s.RSSMB)
		if s.TS >= warmup.Seconds() {
			after = append(after, s)
		}
	}
	if len(after) < minMemSamples || duration < minJudgedRun {
		return
	}
	third := len(after) / 3
	m.FirstMaxHeapMB = maxLiveHeap(after[:third])
	m.LastMaxHeapMB = maxLiveHeap(after[len(after)-third:])
	if m.FirstMaxHeapMB > 0 {
		m.Ratio = measure.Round(m.LastMaxHeapMB/m.FirstMaxHeapMB, 2)
	}
	stable := m.Ratio <= maxHeapGrowth || m.LastMaxHeapMB-m.FirstMaxHeapMB <= heapSlackMB
	m.Stable = &stable
}

func maxLiveHeap(ss []MemSample) float64 {
	v := 0.0
	for _, s := range ss {
		v = max(v, s.LiveHeapMB)
	}
	return v
}

func (m *MemoryReport) summary() string {
	if m.Stable == nil {
		return fmt.Sprintf("%d samples, a run too short to judge; live heap up to %.1f MB, RSS up to %.0f MB",
			len(m.Samples), maxLiveHeap(m.Samples), m.MaxRSSMB)
	}
	verdict := "stable"
	if !*m.Stable {
		verdict = "GROWING"
	}
	return fmt.Sprintf("live heap %.1f MB (first third) → %.1f MB (last third), ×%.2f: %s; RSS up to %.0f MB; %d samples every %v",
		m.FirstMaxHeapMB, m.LastMaxHeapMB, m.Ratio, verdict, m.MaxRSSMB, len(m.Samples), time.Duration(m.IntervalS*float64(time.Second)))
}

// logCounter receives the server's JSON log (one record per Write, as
// slog's handler writes), counts errors and warnings, keeps the first
// errors, and copies everything to a file when asked to.
type logCounter struct {
	mu       sync.Mutex
	file     *os.File
	errors   int
	warnings int
	first    []string
}

func newLogCounter(file string) (*logCounter, error) {
	l := &logCounter{}
	if file != "" {
		f, err := os.Create(file)
		if err != nil {
			return nil, err
		}
		l.file = f
	}
	return l, nil
}

func (l *logCounter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case bytes.Contains(p, []byte(`"level":"ERROR"`)):
		l.errors++
		if len(l.first) < 5 {
			l.first = append(l.first, string(bytes.TrimSpace(p[:min(len(p), 600)])))
		}
	case bytes.Contains(p, []byte(`"level":"WARN"`)):
		l.warnings++
	}
	if l.file != nil {
		return l.file.Write(p)
	}
	return len(p), nil
}

func (l *logCounter) counts() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errors, l.warnings
}

func (l *logCounter) firstErrors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.first...)
}

// Close closes the copy of the log, if any.
func (l *logCounter) Close() error {
	if l.file == nil {
		return nil
	}
	return l.file.Close()
}
