package wiki

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestKeepAlive: a worker loop that panics is logged and run again after
// the delay, and one that returns is not.
func TestKeepAlive(t *testing.T) {
	var log bytes.Buffer
	runs := 0
	KeepAlive(context.Background(), slog.New(slog.NewTextHandler(&log, nil)), "test worker", time.Millisecond, func(context.Context) {
		if runs++; runs < 3 {
			panic("damaged page")
		}
	})
	if runs != 3 || strings.Count(log.String(), "background worker panicked") != 2 || !strings.Contains(log.String(), "damaged page") {
		t.Errorf("KeepAlive ran the loop %d times and logged %q; want 3 runs and 2 panics logged", runs, log.String())
	}
}
