package wiki

import (
	"bytes"
	"testing"
	"time"
)

// TestWritesDoNotWaitForLongReads: a write that grows the database past
// bbolt's memory map must not wait for a read transaction that is still
// open (a slow export, a backup streaming to a slow client), or every
// save and, behind it, every new read stalls.
func TestWritesDoNotWaitForLongReads(t *testing.T) {
	s, err := OpenStore(t.TempDir(), "scratch")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	release, reading := make(chan struct{}), make(chan struct{})
	readDone := make(chan error)
	go func() {
		readDone <- s.View(func(*Tx) error {
			close(reading)
			<-release
			return nil
		})
	}()
	<-reading
	wrote := make(chan error)
	go func() {
		value := bytes.Repeat([]byte("x"), 1<<20)
		for i := range 40 { // 40 MB: far past bbolt's first map sizes
			if err := s.Update(func(tx *Tx) error { return tx.Put("scratch", Itob(uint64(i)), value) }); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	}()
	select {
	case err := <-wrote:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Error("writes that grow the database waited for an open read transaction")
		close(release)
		<-wrote
		<-readDone
		return
	}
	close(release)
	if err := <-readDone; err != nil {
		t.Fatal(err)
	}
}
