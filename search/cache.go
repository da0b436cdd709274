package search

import (
	"container/list"
	"sync"
)

// cacheBytes bounds the memory of the outcome cache: about 2,000 queries
// (an outcome holds the IDs and paths of a few dozen hits). Queries asked
// again then cost only the loading of one page of hits until the next
// Apply, which empties the cache.
const cacheBytes = 8 << 20

// outcomeCache is an LRU cache of outcomes by plan key, bounded in bytes.
type outcomeCache struct {
	mu    sync.Mutex
	order *list.List // of *cacheEntry, most recent first
	byKey map[string]*list.Element
	size  int // of the entries, estimated
}

type cacheEntry struct {
	key string
	o   *outcome
}

func newOutcomeCache() *outcomeCache {
	return &outcomeCache{order: list.New(), byKey: map[string]*list.Element{}}
}

// size estimates the memory an entry holds.
func (e *cacheEntry) size() int {
	n := 256 + 2*len(e.key) + len(e.o.dym)
	for _, h := range e.o.hits {
		n += 48 + len(h.id) + len(h.path)
	}
	for _, s := range e.o.stems {
		n += 16 + len(s)
	}
	return n
}

// get returns the outcome for key if it was computed in generation gen.
// A nil cache (benchmarks of the uncached path) holds nothing.
func (c *outcomeCache) get(key string, gen uint64) *outcome {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil
	}
	ce := e.Value.(*cacheEntry)
	if ce.o.gen != gen {
		c.remove(e)
		return nil
	}
	c.order.MoveToFront(e)
	return ce.o
}

func (c *outcomeCache) put(key string, o *outcome) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		if ce := e.Value.(*cacheEntry); ce.o.gen <= o.gen {
			c.size -= ce.size()
			ce.o = o
			c.size += ce.size()
		}
		c.order.MoveToFront(e)
	} else {
		ce := &cacheEntry{key, o}
		c.byKey[key] = c.order.PushFront(ce)
		c.size += ce.size()
	}
	for c.size > cacheBytes && c.order.Len() > 1 {
		c.remove(c.order.Back())
	}
}

func (c *outcomeCache) remove(e *list.Element) {
	ce := e.Value.(*cacheEntry)
	c.order.Remove(e)
	delete(c.byKey, ce.key)
	c.size -= ce.size()
}
