package wiki

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestHashGate: no more than the slots run at once, however many callers
// come; a caller that waits longer than the gate's wait, or finds the
// queue full, gets ErrBusy without running.
func TestHashGate(t *testing.T) {
	g := newHashGate(2, 5*time.Second)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := g.do(func() {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(5 * time.Millisecond)
				running.Add(-1)
			})
			if err != nil {
				t.Errorf("do = %v, want nil (the wait is long enough)", err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > 2 {
		t.Errorf("%d hashes ran at once, want at most 2", p)
	}
	if got := g.count.Load(); got != 20 {
		t.Errorf("count = %d, want 20", got)
	}

	g = newHashGate(1, 20*time.Millisecond)
	release, started := make(chan struct{}), make(chan struct{})
	go g.do(func() { close(started); <-release })
	<-started
	ran := false
	if err := g.do(func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
		t.Errorf("do while the slot is taken = %v (ran %v), want ErrBusy after the wait", err, ran)
	}
	g.queued.Store(g.maxQueue)
	if err := g.do(func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
		t.Errorf("do with a full queue = %v (ran %v), want ErrBusy", err, ran)
	}
	close(release)
}
