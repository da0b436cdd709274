package gift

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Parse reads a GIFT file. It returns the questions it could import and a
// ParseError for each malformed question, which is skipped. The error is
// non-nil only when r fails or the input is not UTF-8 (an *EncodingError);
// a UTF-8 byte order mark and CRLF or CR line ends are accepted.
func Parse(r io.Reader) ([]Question, []ParseError, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read gift: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkUTF8(data); err != nil {
		return nil, nil, err
	}
	var p parser
	for _, b := range splitBlocks(splitLines(string(data))) {
		p.block(b)
	}
	return p.questions, p.errs, nil
}

func checkUTF8(data []byte) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &EncodingError{Reason: "the file starts with a UTF-16 byte order mark", Line: 1}
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			line := 1 + bytes.Count(data[:i], []byte("\n"))
			return &EncodingError{
				Reason: fmt.Sprintf("invalid byte 0x%02x at line %d", data[i], line),
				Line:   line,
				Offset: i,
			}
		}
		i += size
	}
	return nil
}

// splitLines splits on "\n", or on "\r" in a file that has no "\n" (old
// Mac line ends), as Moodle's readdata does. A "\r" left at the end of a
// line goes with the trimming.
func splitLines(s string) []string {
	if !strings.Contains(s, "\n") && strings.Contains(s, "\r") {
		return strings.Split(s, "\r")
	}
	return strings.Split(s, "\n")
}

// block is a run of non-blank lines, each trimmed: one question, a
// $CATEGORY, or comments only.
type block struct {
	start int // 1-based line number of lines[0]
	lines []string
}

func splitBlocks(lines []string) []block {
	var bs []block
	inBlock := false
	for i, l := range lines {
		l = trim(l)
		if l == "" {
			inBlock = false
			continue
		}
		if !inBlock {
			bs = append(bs, block{start: i + 1})
			inBlock = true
		}
		bs[len(bs)-1].lines = append(bs[len(bs)-1].lines, l)
	}
	return bs
}

type parser struct {
	category  string
	questions []Question
	errs      []ParseError
}

func (p *parser) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, ParseError{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// block parses one block the way Moodle's readquestion does: comment lines
// are set aside (they may carry [id:] and [tag:]) and replaced by a space,
// the rest is joined with newlines and trimmed.
func (p *parser) block(b block) {
	var comments []string
	text := make([]string, len(b.lines))
	first := 0
	for i, l := range b.lines {
		if strings.HasPrefix(l, "//") {
			comments = append(comments, l)
			text[i] = " "
			continue
		}
		text[i] = l
		if first == 0 {
			first = b.start + i
		}
	}
	if first == 0 {
		return // comments only
	}
	src := hide(trim(strings.Join(text, "\n")))
	if strings.HasPrefix(src, "$CATEGORY:") {
		p.setCategory(b, first)
		return
	}
	q, perr := parseQuestion(src, first)
	if perr != nil {
		p.errs = append(p.errs, *perr)
		return
	}
	q.Line = first
	q.Category = p.category
	q.ID, q.Tags = idAndTags(strings.Join(comments, "\n"))
	if msg := check(&q); msg != "" {
		p.fail(first, "%s", msg)
		return
	}
	p.questions = append(p.questions, q)
}

// setCategory takes the category from the first non-comment line, raw as
// Moodle does (it does not unescape categories). Moodle would make the
// whole rest of the block the category name; text on further lines is more
// likely a question that lacks its blank line, so it is reported.
func (p *parser) setCategory(b block, first int) {
	line := b.lines[first-b.start]
	cat := trim(strings.TrimPrefix(line, "$CATEGORY:"))
	if cat == "" {
		p.fail(first, "empty $CATEGORY")
		return
	}
	p.category = cat
	for i := first - b.start + 1; i < len(b.lines); i++ {
		if !strings.HasPrefix(b.lines[i], "//") {
			p.fail(b.start+i, "text after the $CATEGORY line: leave a blank line between it and the question")
			return
		}
	}
}
