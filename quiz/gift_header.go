package quiz

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/handover/handover/wiki"
)

// headerPrefix starts the comment line that carries a quiz's author and
// settings through GIFT, which has no place for them. Moodle and other
// GIFT readers see a comment.
const headerPrefix = "// handover quiz:"

// headerLine is the first line of an exported quiz, with a blank line
// after it so it stays out of the first question's comments.
func headerLine(qz *Quiz) string {
	return fmt.Sprintf("%s author=%s pass_mark=%d max_attempts=%d cooldown=%d time_limit=%d shuffle=%t ask_confidence=%t\n\n",
		headerPrefix, qz.Author, qz.PassMark, qz.MaxAttempts, qz.CooldownMinutes, qz.TimeLimitMinutes, qz.Shuffle, qz.AskConfidence)
}

// quizHeader is what a header line said; nil when the file had none.
type quizHeader struct {
	author   string
	settings Settings
}

// readHeader finds the header among the comment lines at the top of a GIFT
// file. A malformed header is ignored: it is only a comment.
func readHeader(data []byte) *quizHeader {
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, headerPrefix):
			return parseHeader(strings.TrimPrefix(line, headerPrefix))
		case line != "" && !strings.HasPrefix(line, "//"):
			return nil
		}
	}
	return nil
}

func parseHeader(s string) *quizHeader {
	h := &quizHeader{settings: DefaultSettings}
	ints := map[string]*int{"pass_mark": &h.settings.PassMark, "max_attempts": &h.settings.MaxAttempts,
		"cooldown": &h.settings.CooldownMinutes, "time_limit": &h.settings.TimeLimitMinutes}
	bools := map[string]*bool{"shuffle": &h.settings.Shuffle, "ask_confidence": &h.settings.AskConfidence}
	for _, field := range strings.Fields(s) {
		k, v, _ := strings.Cut(field, "=")
		if dst, ok := ints[k]; ok {
			if n, err := strconv.Atoi(v); err == nil {
				*dst = n
			}
		} else if dst, ok := bools[k]; ok {
			if b, err := strconv.ParseBool(v); err == nil {
				*dst = b
			}
		} else if k == "author" {
			h.author = v
		}
	}
	if h.settings.validate() != nil {
		return nil
	}
	return h
}

// createQuiz creates the page's quiz with the header's settings when the
// page has none yet. The header's author becomes the quiz's author only
// when an administrator (or the command line) imports; anyone else who
// imports into a new quiz is its author.
func (h *quizHeader) createQuiz(tx *wiki.Tx, p *wiki.Page, u *wiki.User) error {
	if h == nil {
		return nil
	}
	if _, err := getJSON[Quiz](tx, bucketQuizzes, key(p.ID)); !errors.Is(err, wiki.ErrNotFound) {
		return err
	}
	qz, err := quizForEdit(tx, p.ID, u)
	if err != nil {
		return err
	}
	st := h.settings
	qz.PassMark, qz.MaxAttempts, qz.CooldownMinutes = st.PassMark, st.MaxAttempts, st.CooldownMinutes
	qz.TimeLimitMinutes, qz.Shuffle, qz.AskConfidence = st.TimeLimitMinutes, st.Shuffle, st.AskConfidence
	if u.IsAdmin() && h.author != "" {
		qz.Author = h.author
	}
	return tx.PutJSON(bucketQuizzes, key(p.ID), qz)
}
