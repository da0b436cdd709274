package wiki

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentSaves: saves that commit together in one group behave as
// if they had been made one after the other.
func TestConcurrentSaves(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "ops/shared", Markdown: "# Shared\n\nv1"})
	const n = 32
	var wg sync.WaitGroup
	errs := make([]error, 2*n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = s.SavePage(SaveRequest{Path: fmt.Sprintf("ops/p%d", i), Markdown: "# P", Author: "alex"})
		})
		wg.Go(func() {
			_, errs[n+i] = s.SavePage(SaveRequest{Path: "ops/shared", Markdown: fmt.Sprintf("# Shared\n\nedit %d", i), BaseRevision: 1, Author: "alex"})
		})
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		var conflict *ConflictError
		switch {
		case i < n && err != nil:
			t.Errorf("save of ops/p%d: %v", i, err)
		case i >= n && err == nil:
			won++
		case i >= n && !errors.As(err, &conflict):
			t.Errorf("competing save %d: err = %v, want nil or a *ConflictError", i-n, err)
		}
	}
	p, err := s.Page("ops/shared")
	if won != 1 || err != nil || p.Revision != 2 {
		t.Errorf("%d of %d saves on base revision 1 won, page at revision %d (%v); want exactly 1, revision 2", won, n, p.Revision, err)
	}
	if c, _ := s.PageCount(); c != n+1 {
		t.Errorf("PageCount() = %d, want %d", c, n+1)
	}
}
