package search

import (
	"strconv"
	"strings"
	"testing"
)

// TestOutcomeCacheBound checks that the cache stays within cacheBytes by
// dropping the least recently used outcomes.
func TestOutcomeCacheBound(t *testing.T) {
	c := newOutcomeCache()
	hits := make([]ranked, 30)
	for i := range hits {
		hits[i] = ranked{id: "s:" + strconv.Itoa(i), path: strings.Repeat("p", 60)}
	}
	n := 0
	for ; n < 100_000 && c.order.Len() == n; n++ {
		c.put("q"+strconv.Itoa(n), &outcome{hits: hits})
		c.get("q0", 0) // keep the first one in use
	}
	if c.size > cacheBytes || c.order.Len() < 1000 {
		t.Errorf("after %d puts: %d entries, %d bytes; want at least 1000 entries in %d bytes", n, c.order.Len(), c.size, cacheBytes)
	}
	if c.get("q0", 0) == nil || c.get("q1", 0) != nil {
		t.Errorf("the recently used q0 went, or the unused q1 stayed")
	}
}
