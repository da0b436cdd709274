// Package tty shows progress to a person at a terminal: progress bars
// that draw only there, so that logs and pipes get one summary line instead.
package tty

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Bar draws "label [=====>    ] 45% 450/1000 3.2s" on a terminal,
// redrawing at most ten times a second; elsewhere it prints nothing until
// Done, which prints one summary line.
type Bar struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	tty      bool
	start    time.Time
	lastDraw time.Time
}

// NewBar returns a bar labelled label that draws on w.
func NewBar(w io.Writer, label string) *Bar {
	return &Bar{w: w, label: label, tty: isTerminal(w), start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Only returns w when it is a terminal and io.Discard otherwise, so
// progress bars (and their closing lines) only show to a person.
func Only(w io.Writer) io.Writer {
	if isTerminal(w) {
		return w
	}
	return io.Discard
}

// Update reports done of total.
func (p *Bar) Update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.tty || (time.Since(p.lastDraw) < 100*time.Millisecond && done < total) {
		return
	}
	p.lastDraw = time.Now()
	const width = 30
	frac := 1.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
	}
	filled := int(frac * width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if filled < width {
		bar = bar[:filled] + ">" + bar[filled+1:]
	}
	fmt.Fprintf(p.w, "\r%s [%s] %3.0f%% %d/%d %.1fs", p.label, bar, frac*100, done, total, time.Since(p.start).Seconds())
}

// Tick adapts the bar to a timed run that is part of a series of parts
// runs of length d each.
func (p *Bar) Tick(part, parts int, d time.Duration) func(time.Duration) {
	return func(elapsed time.Duration) {
		p.Update(int((time.Duration(part)*d+elapsed)/time.Millisecond), int(time.Duration(parts)*d/time.Millisecond))
	}
}

// Done ends the bar with a summary line.
func (p *Bar) Done(summary string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "%s: %s (%.1fs)\n", p.label, summary, time.Since(p.start).Seconds())
}
