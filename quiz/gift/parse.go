package gift

import (
	"fmt"
	"strings"
)

// qsrc is the text of one question with escapes hidden, and where it
// starts. Errors name the question's first line, except a misplaced brace,
// whose own line is more use.
type qsrc struct {
	text  string
	first int // line number of text[0]
}

func (s qsrc) lineAt(off int) int {
	return s.first + strings.Count(s.text[:off], "\n")
}

func (s qsrc) errorf(off int, format string, args ...any) *ParseError {
	return &ParseError{Line: s.lineAt(off), Msg: fmt.Sprintf(format, args...)}
}

// parseQuestion follows Moodle's readquestion: title, answer block,
// question text with "_____" for a missing word, general feedback, then the
// type decided from the answer text alone.
func parseQuestion(text string, first int) (Question, *ParseError) {
	s := qsrc{text: text, first: first}
	var q Question
	rest, off := s.text, 0
	if strings.HasPrefix(rest, "::") {
		q.Name, rest, off = splitName(rest)
	}
	start, end, perr := braces(s, rest, off)
	if perr != nil {
		return q, perr
	}
	if start < 0 {
		q.Type = TypeDescription
		q.Format, q.Text = splitFormat(rest, FormatMoodle)
		return q, nil
	}
	answer := trim(rest[start+1 : end])
	qtext := rest[:start] + "_____" + rest[end+1:]
	if strings.HasSuffix(rest, "}") {
		qtext = rest[:start] // answers after the text: no blank
	}
	q.Format, q.Text = splitFormat(qtext, FormatMoodle)
	if i := strings.LastIndex(answer, "####"); i >= 0 {
		_, q.GeneralFeedback = splitFormat(answer[i+4:], q.Format)
		answer = trim(answer[:i])
	}
	if msg := parseAnswers(&q, answer); msg != "" {
		return q, s.errorf(0, "%s", msg)
	}
	return q, nil
}

// splitName takes "::name::" off the start of text. Without a closing "::"
// Moodle drops the opening one and leaves the question unnamed.
func splitName(text string) (name, rest string, off int) {
	after := text[2:]
	end := strings.Index(after, "::")
	if end < 0 {
		return "", after, 2
	}
	name = trim(reveal(after[:end]))
	r := after[end+2:]
	rest = strings.TrimLeft(r, cutset)
	return name, rest, 2 + end + 2 + len(r) - len(rest)
}

// braces finds the answer block. Moodle takes the first "{" and the first
// "}" and leaves any others in the text, where they garble the question;
// here a second unescaped brace is an error that says to escape it.
func braces(s qsrc, rest string, off int) (start, end int, perr *ParseError) {
	start = strings.IndexByte(rest, '{')
	end = strings.IndexByte(rest, '}')
	switch {
	case start < 0 && end < 0:
		return -1, -1, nil
	case end < 0:
		return 0, 0, s.errorf(off+start, "missing closing }")
	case start < 0:
		return 0, 0, s.errorf(off+end, "} without an opening {")
	case end < start:
		return 0, 0, s.errorf(off+end, "} before the opening {")
	}
	if i := strings.IndexByte(rest[start+1:], '{'); i >= 0 && start+1+i < end {
		return 0, 0, s.errorf(off+start+1+i, "{ inside an answer block (write a literal brace as \\{)")
	}
	if i := strings.IndexAny(rest[end+1:], "{}"); i >= 0 {
		return 0, 0, s.errorf(off+end+1+i, "second answer block (write a literal brace as \\{ or \\})")
	}
	return start, end, nil
}

// parseAnswers decides the type the way Moodle does and parses the answer
// text for it. It returns a message for a malformed block.
func parseAnswers(q *Question, answer string) string {
	var msg string
	switch {
	case answer == "":
		q.Type = TypeEssay
	case answer[0] == '#':
		q.Type = TypeNumerical
		q.Numbers, msg = parseNumerical(answer[1:])
	case strings.Contains(answer, "~"):
		q.Type = TypeMultianswer
		if strings.Contains(answer, "=") {
			q.Type = TypeMultichoice
		}
		q.Answers, msg = parseChoices(answer)
	case strings.Contains(answer, "=") && strings.Contains(answer, "->"):
		q.Type = TypeMatching
		q.Pairs, msg = parsePairs(answer)
	case isTrueFalse(answer):
		q.Type = TypeTrueFalse
		parseTrueFalse(q, answer)
	default:
		q.Type = TypeShortAnswer
		q.Answers, msg = parseShort(answer)
	}
	return msg
}
