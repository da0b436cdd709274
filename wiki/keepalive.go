package wiki

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// RestartDelay is how long a background worker that panicked waits before
// KeepAlive runs it again: long enough not to spin on a damage that is
// still there, short enough to pick up again soon after it is gone.
const RestartDelay = 5 * time.Second

// KeepAlive runs loop until it returns or ctx ends. When loop panics (a
// bug, or damage that got past the store's own checks) the panic is
// logged with its stack and loop runs again after delay: a background
// worker never takes the process down with it, nor stops for good.
func KeepAlive(ctx context.Context, log *slog.Logger, name string, delay time.Duration, loop func(ctx context.Context)) {
	for !runRecovered(ctx, log, name, loop) {
		if !sleep(ctx, delay) {
			return
		}
	}
}

// runRecovered runs loop and reports whether it returned rather than
// panicked.
func runRecovered(ctx context.Context, log *slog.Logger, name string, loop func(ctx context.Context)) (returned bool) {
	defer func() {
		if v := recover(); v != nil {
			log.Error("background worker panicked; restarting it", "worker", name,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	loop(ctx)
	return true
}
