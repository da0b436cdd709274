package gift

import (
	"bytes"
	"strings"
)

// writeBlock writes the "{...}" answer block of q, in the layout of
// Moodle's own export: inline for essay and true/false, one answer per
// tab-indented line otherwise.
func writeBlock(b *bytes.Buffer, q Question) {
	switch q.Type {
	case TypeEssay:
		b.WriteString("{" + generalFeedback(q, "") + "}")
	case TypeTrueFalse:
		writeTrueFalse(b, q)
	case TypeMultichoice, TypeMultianswer:
		writeLines(b, q, "{", choiceLines(q))
	case TypeShortAnswer:
		writeShort(b, q)
	case TypeNumerical:
		writeLines(b, q, "{#", numberLines(q))
	case TypeMatching:
		var ls []string
		for _, p := range q.Pairs {
			ls = append(ls, "="+part(q, p.Left)+" -> "+escape(p.Right))
		}
		writeLines(b, q, "{", ls)
	}
}

func writeLines(b *bytes.Buffer, q Question, open string, lines []string) {
	b.WriteString(open + "\n")
	for _, l := range lines {
		b.WriteString("\t" + l + "\n")
	}
	b.WriteString(generalFeedback(q, "\t"))
	b.WriteString("}")
}

// writeTrueFalse writes "{TRUE#wrong#right}" (Moodle's order: the first
// feedback is for a wrong answer), keeping an empty "#" when only the
// right-answer feedback is set.
func writeTrueFalse(b *bytes.Buffer, q Question) {
	v := "FALSE"
	if q.Truth {
		v = "TRUE"
	}
	wrong, right := q.WrongFeedback(), q.RightFeedback()
	b.WriteString("{" + v)
	if wrong != "" || right != "" {
		b.WriteString("#" + part(q, wrong))
	}
	if right != "" {
		b.WriteString("#" + part(q, right))
	}
	b.WriteString(generalFeedback(q, "") + "}")
}

// choiceLines writes "=" for a 100% answer of a single answer question,
// as Moodle does, unless every answer is worth 100%: then all but the
// first get "~%100%", because a block without "~" would read back as a
// short answer. An answer whose text starts with "%" gets an explicit
// weight so that its text is not taken for one.
func choiceLines(q Question) []string {
	allFull := true
	for _, a := range q.Answers {
		allFull = allFull && a.Weight == 100
	}
	var ls []string
	for i, a := range q.Answers {
		var l string
		switch {
		case q.Type == TypeMultichoice && a.Weight == 100 && (!allFull || i == 0):
			l = "=" // after "=" Moodle reads no weight, so "%" is safe
		case a.Weight == 0 && !strings.HasPrefix(a.Text, "%"):
			l = "~"
		default:
			l = "~" + weight(a.Weight)
		}
		ls = append(ls, l+part(q, a.Text)+feedback(q, a.Feedback))
	}
	return ls
}

// writeShort writes "=answer" lines, with "%weight%" when it is not 100.
// "->" anywhere in the block would make it read as matching, so a single
// answer holding one is written without "=" (Moodle also accepts that),
// with its weight spelled out so that it cannot read as T or F either.
func writeShort(b *bytes.Buffer, q Question) {
	if len(q.Answers) == 1 && arrowIn(q.Answers[0]) {
		a := q.Answers[0]
		b.WriteString("{" + weight(a.Weight) + part(q, a.Text) + feedback(q, a.Feedback) + generalFeedback(q, "") + "}")
		return
	}
	var ls []string
	for _, a := range q.Answers {
		l := "="
		if a.Weight != 100 || strings.HasPrefix(a.Text, "%") {
			l += weight(a.Weight)
		}
		ls = append(ls, l+part(q, a.Text)+feedback(q, a.Feedback))
	}
	writeLines(b, q, "{", ls)
}

func arrowIn(a Answer) bool {
	return strings.Contains(a.Text, "->") || strings.Contains(a.Feedback, "->")
}

// numberLines writes "=value:tolerance" or "=min..max" lines. A last Any
// answer worth 0 is written "~#feedback" as Moodle exports it; any other
// Any answer as "=%weight%*".
func numberLines(q Question) []string {
	var ls []string
	for i, n := range q.Numbers {
		w := ""
		if n.Weight != 100 {
			w = weight(n.Weight)
		}
		var l string
		switch {
		case n.Any && n.Weight == 0 && i == len(q.Numbers)-1:
			l = "~"
		case n.Any:
			l = "=" + w + "*"
		case n.IsRange:
			l = "=" + w + num(n.Min) + ".." + num(n.Max)
		case n.Tolerance == 0:
			l = "=" + w + num(n.Value)
		default:
			l = "=" + w + num(n.Value) + ":" + num(n.Tolerance)
		}
		ls = append(ls, l+feedback(q, n.Feedback))
	}
	return ls
}
