package measure

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i
	}
	tests := []struct {
		name string
		lat  []time.Duration
		q    float64
		want float64
	}{
		{"none", nil, 0.99, 0},
		{"median of unsorted", ms(5, 1, 3, 2, 4), 0.5, 3},
		{"p99 of 100 is the 99th", ms(hundred...), 0.99, 99},
		{"max", ms(5, 1, 9, 2), 1, 9},
		{"min", ms(5, 1, 9, 2), 0, 1},
		{"sub-millisecond", []time.Duration{1234 * time.Microsecond}, 0.5, 1.23},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Percentile(tc.lat, tc.q); got != tc.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tc.lat, tc.q, got, tc.want)
			}
		})
	}
}
