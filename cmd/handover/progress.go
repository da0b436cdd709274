package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws "label [=====>    ] 45% 450/1000 3.2s" on a terminal,
// redrawing at most ten times a second; elsewhere it prints nothing until
// Done, which prints one summary line.
type progressBar struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	tty      bool
	start    time.Time
	lastDraw time.Time
}

func newProgressBar(w io.Writer, label string) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{w: w, label: label, tty: ok && term.IsTerminal(int(f.Fd())), start: time.Now()}
}

// Update reports done of total.
func (p *progressBar) Update(done, total int) {
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

// Done ends the bar with a summary line.
func (p *progressBar) Done(summary string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "%s: %s (%.1fs)\n", p.label, summary, time.Since(p.start).Seconds())
}
