// Package measure holds what the bench and the load test share to report
// their measurements: latency percentiles, rounding and the process's
// memory.
package measure

import (
	"bufio"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Percentile returns the q-quantile of lat in milliseconds, 0 for none.
func Percentile(lat []time.Duration, q float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	i := max(int(math.Ceil(q*float64(len(s))))-1, 0)
	return Round(float64(s[i].Microseconds())/1000, 2)
}

// Round rounds v to digits decimal places.
func Round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

// MemStatus returns fields of /proc/self/status in bytes (Linux; empty
// elsewhere): VmRSS, and its parts RssAnon (the Go heap and other private
// memory) and RssFile (pages of mapped files: bbolt and bleve segments).
func MemStatus() map[string]float64 {
	out := map[string]float64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || !strings.HasSuffix(v, "kB") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "kB")), 64)
		if err == nil {
			out[name] = kb * 1024
		}
	}
	return out
}
