package wiki

import (
	"fmt"
	"strings"
)

// DiffLine is one line of a line-by-line difference.
type DiffLine struct {
	Op   byte // ' ' same, '-' removed, '+' added, '~' elided unchanged lines
	Text string
	Old  int // line number in the old text (0 if added)
	New  int // line number in the new text (0 if removed)
}

// Class returns a CSS class for the line.
func (d DiffLine) Class() string {
	switch d.Op {
	case '+':
		return "add"
	case '-':
		return "del"
	case '~':
		return "gap"
	}
	return "same"
}

// maxDiffCells bounds the LCS table; texts larger than that (millions of
// line pairs after trimming common ends) are shown as replaced wholesale.
const maxDiffCells = 4_000_000

// Diff returns the line difference from old to cur, with unchanged runs
// longer than six lines elided to three lines of context on each side.
func Diff(old, cur string) []DiffLine {
	return elide(diffLines(splitLines(old), splitLines(cur)), 3)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func diffLines(a, b []string) []DiffLine {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []DiffLine
	for i := 0; i < pre; i++ {
		out = append(out, DiffLine{Op: ' ', Text: a[i], Old: i + 1, New: i + 1})
	}
	out = append(out, diffMiddle(a[pre:len(a)-suf], b[pre:len(b)-suf], pre)...)
	for i := 0; i < suf; i++ {
		ai, bi := len(a)-suf+i, len(b)-suf+i
		out = append(out, DiffLine{Op: ' ', Text: a[ai], Old: ai + 1, New: bi + 1})
	}
	return out
}

// diffMiddle diffs the differing middle parts with a longest common
// subsequence table; offset is the number of common leading lines.
func diffMiddle(a, b []string, offset int) []DiffLine {
	n, m := len(a), len(b)
	if n*m > maxDiffCells {
		return replaceAll(a, b, offset)
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, DiffLine{Op: ' ', Text: a[i], Old: offset + i + 1, New: offset + j + 1})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			// Removals first, so a changed line reads "-old +new".
			out = append(out, DiffLine{Op: '-', Text: a[i], Old: offset + i + 1})
			i++
		default:
			out = append(out, DiffLine{Op: '+', Text: b[j], New: offset + j + 1})
			j++
		}
	}
	return out
}

func replaceAll(a, b []string, offset int) []DiffLine {
	out := make([]DiffLine, 0, len(a)+len(b))
	for i, l := range a {
		out = append(out, DiffLine{Op: '-', Text: l, Old: offset + i + 1})
	}
	for j, l := range b {
		out = append(out, DiffLine{Op: '+', Text: l, New: offset + j + 1})
	}
	return out
}

// elide replaces runs of unchanged lines longer than 2*context with a gap
// marker, keeping context lines next to each change.
func elide(lines []DiffLine, context int) []DiffLine {
	var out []DiffLine
	for i := 0; i < len(lines); {
		if lines[i].Op != ' ' {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].Op == ' ' {
			j++
		}
		keepHead, keepTail := context, context
		if i == 0 {
			keepHead = 0
		}
		if j == len(lines) {
			keepTail = 0
		}
		if j-i <= keepHead+keepTail+1 {
			out = append(out, lines[i:j]...)
		} else {
			out = append(out, lines[i:i+keepHead]...)
			out = append(out, DiffLine{Op: '~', Text: Plural(j-i-keepHead-keepTail, "unchanged line")})
			out = append(out, lines[j-keepTail:j]...)
		}
		i = j
	}
	return out
}

func Plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
