//go:build unix

package gift

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used: the parse budgets are
// about CPU, which other work on a shared machine does not inflate as it
// does the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
