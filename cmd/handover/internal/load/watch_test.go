package load

import (
	"testing"
	"time"
)

func TestMemoryVerdict(t *testing.T) {
	flat := []float64{20, 22, 21, 23, 22, 21, 22, 23, 21, 22, 23, 22}
	growing := []float64{20, 22, 21, 23, 26, 28, 30, 32, 34, 36, 38, 40}
	small := []float64{8, 8, 8, 8, 9, 10, 11, 12, 12, 13, 13, 13} // ×1.6 but +5 MB
	tests := []struct {
		name     string
		heap     []float64
		duration time.Duration
		want     string // "stable", "growing" or "none"
	}{
		{"flat", flat, 60 * time.Second, "stable"},
		{"growing", growing, 60 * time.Second, "growing"},
		{"small heap within the slack", small, 60 * time.Second, "stable"},
		{"too short to judge", growing, 5 * time.Second, "none"},
		{"too few samples", growing[:5], 60 * time.Second, "none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &MemoryReport{}
			step := tc.duration.Seconds() / float64(len(tc.heap))
			for i, h := range tc.heap {
				m.Samples = append(m.Samples, MemSample{TS: float64(i+1) * step, LiveHeapMB: h})
			}
			m.judge(tc.duration)
			got := "none"
			if m.Stable != nil && *m.Stable {
				got = "stable"
			} else if m.Stable != nil {
				got = "growing"
			}
			if got != tc.want {
				t.Errorf("judge(%v, %v) = %s (ratio %.2f), want %s", tc.heap, tc.duration, got, m.Ratio, tc.want)
			}
		})
	}
}
