package wiki

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"
)

// diskState remembers that a write failed for want of space, so that
// /healthz can say so before the next save is refused. bbolt rolls a
// failed commit back and stays usable, so the state clears by itself: on
// the next commit that succeeds, or when a probe finds space again.
type diskState struct {
	full      atomic.Bool
	lastProbe atomic.Int64 // UnixNano of the last probe, to probe at most once per probeEvery
}

// probeEvery bounds how often DiskFull writes its probe file.
const probeEvery = time.Second

// probeSize is what the probe writes: about one bbolt commit of a page.
const probeSize = 64 << 10

// noteWrite records the outcome of a write transaction.
func (d *diskState) noteWrite(err error) {
	switch {
	case err == nil:
		d.full.Store(false)
	case ErrorKind(err) == DiskFull:
		d.full.Store(true)
	}
}

// DiskFull reports whether the last write failed because the disk is full
// and the data directory still has no room for a small file.
func (s *Store) DiskFull() bool {
	if !s.disk.full.Load() {
		return false
	}
	now := time.Now().UnixNano()
	last := s.disk.lastProbe.Load()
	if now-last < int64(probeEvery) || !s.disk.lastProbe.CompareAndSwap(last, now) {
		return true
	}
	if err := probeSpace(filepath.Dir(s.Path())); err != nil {
		return true
	}
	s.disk.full.Store(false)
	return false
}

// probeSpace writes, syncs and removes a small file in dir.
func probeSpace(dir string) error {
	f, err := os.CreateTemp(dir, ".handover-space-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, probeSize))
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}
