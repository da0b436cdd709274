package gift

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Write writes qs as GIFT in the canonical form Parse reads back to the
// same questions: a "$CATEGORY:" block whenever the category changes, the
// id and tags in a comment line before each question, escaped text, and one
// answer per line. It writes nothing when a question cannot be expressed
// in GIFT or breaks a rule that Parse enforces; the error names it. An
// empty Format is taken as "moodle"; fields that do not apply to a
// question's Type are ignored.
func Write(w io.Writer, qs []Question) error {
	var b bytes.Buffer
	category := ""
	for i, q := range qs {
		if q.Category != category {
			if strings.ContainsAny(q.Category, "\r\n") || trim(q.Category) == "" {
				return questionError(i, q, fmt.Errorf("category %q cannot be written in GIFT", q.Category))
			}
			category = q.Category
			fmt.Fprintf(&b, "$CATEGORY: %s\n\n", category)
		}
		if err := writeQuestion(&b, q); err != nil {
			return questionError(i, q, err)
		}
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write gift: %w", err)
	}
	return nil
}

func questionError(i int, q Question, err error) error {
	name := q.Name
	if name == "" {
		name = q.Text
	}
	return fmt.Errorf("write gift: question %d (%.40q): %w", i+1, name, err)
}

func writeQuestion(b *bytes.Buffer, q Question) error {
	if q.Format == "" {
		q.Format = FormatMoodle
	}
	if err := writable(q); err != nil {
		return err
	}
	lines, err := idTagLines(q.ID, q.Tags)
	if err != nil {
		return err
	}
	b.WriteString(lines)
	if q.Name != "" {
		b.WriteString("::" + escape(q.Name) + "::")
	}
	before, after, blank := splitBlank(q)
	b.WriteString(questionText(q, before))
	if q.Type != TypeDescription {
		writeBlock(b, q)
	}
	if blank {
		b.WriteString(escape(after))
	}
	b.WriteString("\n\n")
	return nil
}

// writable reports what Parse would reject or read back differently.
func writable(q Question) error {
	if !isFormat(q.Format) {
		return fmt.Errorf("unknown format %q", q.Format)
	}
	if msg := check(&q); msg != "" {
		return errors.New(msg)
	}
	if q.Type == TypeDescription && q.GeneralFeedback != "" {
		return errors.New("a description has no answer block to hold general feedback")
	}
	if !validUTF8(q) {
		return errors.New("text is not UTF-8")
	}
	if q.Type == TypeShortAnswer && len(q.Answers) > 1 {
		for _, a := range q.Answers {
			if arrowIn(a) {
				return fmt.Errorf("short answer %q: -> in its text or feedback is possible in GIFT only in a question with one answer", a.Text)
			}
		}
	}
	return nil
}

func validUTF8(q Question) bool {
	ss := []string{q.ID, q.Name, q.Text, q.TrueFeedback, q.FalseFeedback, q.GeneralFeedback}
	ss = append(ss, q.Tags...)
	for _, a := range q.Answers {
		ss = append(ss, a.Text, a.Feedback)
	}
	for _, p := range q.Pairs {
		ss = append(ss, p.Left, p.Right)
	}
	for _, n := range q.Numbers {
		ss = append(ss, n.Feedback)
	}
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// splitBlank splits the text at the missing word. When nothing but blanks
// would follow the answer block, the block goes at the end and "_____"
// stays in the text: Parse only inserts a blank when text follows.
func splitBlank(q Question) (before, after string, blank bool) {
	if q.Type == TypeDescription {
		return q.Text, "", false
	}
	before, after, found := strings.Cut(q.Text, "_____")
	if !found || trim(after) == "" {
		return q.Text, "", false
	}
	return before, after, true
}

// questionText writes the format marker when the format is not the
// default, and also when the text would otherwise lose its start: a text
// that itself starts with a format marker, or with "//", which would make
// the line a comment.
func questionText(q Question, before string) string {
	t := escape(before)
	if q.Format != FormatMoodle || formatPrefix(before) != "" ||
		(q.Name == "" && strings.HasPrefix(trim(t), "//")) {
		return "[" + q.Format + "]" + t
	}
	return t
}

// part writes an answer, feedback or left side in the question's format:
// a marker is needed only when the text starts like one.
func part(q Question, s string) string {
	if formatPrefix(s) != "" {
		return "[" + q.Format + "]" + escape(s)
	}
	return escape(s)
}

func weight(w float64) string {
	return "%" + strconv.FormatFloat(w, 'f', -1, 64) + "%"
}

func num(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func feedback(q Question, fb string) string {
	if fb == "" {
		return ""
	}
	return "#" + part(q, fb)
}

func generalFeedback(q Question, indent string) string {
	if q.GeneralFeedback == "" {
		return ""
	}
	s := "####" + part(q, q.GeneralFeedback)
	if indent != "" {
		s = indent + s + "\n"
	}
	return s
}
