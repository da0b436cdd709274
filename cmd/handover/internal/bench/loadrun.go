package bench

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handover/handover/cmd/handover/internal/measure"
)

// loadResult is what a load run measured.
type loadResult struct {
	lat     []time.Duration
	elapsed time.Duration
	err     error
}

func (r *loadResult) add(o loadResult) {
	r.lat = append(r.lat, o.lat...)
	r.elapsed += o.elapsed
	if r.err == nil {
		r.err = o.err
	}
}

func (r *loadResult) rps() float64 { return float64(len(r.lat)) / r.elapsed.Seconds() }

// percentile returns the q-quantile latency in milliseconds.
func (r *loadResult) percentile(q float64) float64 { return measure.Percentile(r.lat, q) }

func errorsOf(rs ...loadResult) error {
	for _, r := range rs {
		if r.err != nil {
			return r.err
		}
		if len(r.lat) == 0 {
			return fmt.Errorf("no request finished")
		}
	}
	return nil
}

// runLoad calls do from clients goroutines until n calls were made, d has
// passed, ctx is done or a call fails. tick, if set, is told the elapsed
// time now and then.
func runLoad(ctx context.Context, clients, n int, d time.Duration, do func(client int, i uint64) error, tick func(time.Duration)) loadResult {
	var next atomic.Uint64
	var failed atomic.Pointer[error]
	lats := make([][]time.Duration, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for failed.Load() == nil && ctx.Err() == nil && time.Since(start) < d {
				i := next.Add(1)
				if i > uint64(n) {
					return
				}
				t := time.Now()
				if err := do(c, i); err != nil {
					failed.CompareAndSwap(nil, &err)
					return
				}
				lats[c] = append(lats[c], time.Since(t))
				if c == 0 && tick != nil {
					tick(time.Since(start))
				}
			}
		})
	}
	wg.Wait()
	r := loadResult{elapsed: time.Since(start), lat: slices.Concat(lats...)}
	if e := failed.Load(); e != nil {
		r.err = *e
	}
	return r
}

// runOpenLoop starts do(0) … do(n-1) one every interval, each on its own
// goroutine whether or not the earlier ones have finished, and waits for
// them all.
func runOpenLoop(ctx context.Context, interval time.Duration, n int, do func(i int) error) loadResult {
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	start := time.Now()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var wg sync.WaitGroup
	for i := 0; i < n && ctx.Err() == nil; i++ {
		wg.Go(func() {
			t := time.Now()
			errs[i] = do(i)
			lat[i] = time.Since(t)
		})
		<-tick.C
	}
	wg.Wait()
	return loadResult{elapsed: time.Since(start), lat: lat, err: errors.Join(errs...)}
}
