package quiz

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/handover/handover/quiz/gift"
)

// Questions keep their text and explanation as Markdown, and their choices,
// matching pairs and feedback as plain text. A GIFT file says in which
// format each question is written ([moodle], the default, [html], [plain]
// or [markdown]); toMarkdown converts on import, so that "[plain]a *b*"
// shows its stars and "[html]<b>fence</b>" shows bold, not tags.
func toMarkdown(q *Question, format string) {
	switch format {
	case gift.FormatPlain:
		q.Text, q.Explanation = escapeMarkdown(q.Text), escapeMarkdown(q.Explanation)
	case gift.FormatHTML, gift.FormatMoodle:
		q.Text, q.Explanation = htmlToMarkdown(q.Text), htmlToMarkdown(q.Explanation)
		q.TrueFeedback, q.FalseFeedback = htmlToText(q.TrueFeedback), htmlToText(q.FalseFeedback)
		for i := range q.Answers {
			a := &q.Answers[i]
			if q.Type != ShortAnswer { // short answers are matched as typed
				a.Text = htmlToText(a.Text)
			}
			a.Feedback = htmlToText(a.Feedback)
		}
		for i := range q.Pairs {
			q.Pairs[i].Left, q.Pairs[i].Right = htmlToText(q.Pairs[i].Left), htmlToText(q.Pairs[i].Right)
		}
	}
}

// markdownSpecial matches the characters that Markdown could read as markup.
var markdownSpecial = regexp.MustCompile("[\\\\`*_\\[\\]<>#|~!]")

// escapeMarkdown makes plain text show as itself when read as Markdown.
func escapeMarkdown(s string) string { return markdownSpecial.ReplaceAllString(s, `\$0`) }

// htmlToMarkdown turns HTML into Markdown: paragraphs, line breaks, bold,
// italics, code, links and list items; other tags go, their text stays.
// Text without a tag is left as it is.
func htmlToMarkdown(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	var links []string
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return strings.TrimSpace(blankLines.ReplaceAllString(b.String(), "\n\n"))
		}
		tok := z.Token()
		mark, isMark := inlineMarks[tok.Data]
		switch {
		case tt == html.TextToken:
			b.WriteString(escapeMarkdown(tok.Data))
		case tt == html.StartTagToken || tt == html.SelfClosingTagToken:
			switch {
			case isMark:
				b.WriteString(mark)
			case blockTags[tok.Data]:
				b.WriteString("\n\n")
			case tok.Data == "br":
				b.WriteString("\\\n")
			case tok.Data == "li":
				b.WriteString("\n- ")
			case tok.Data == "a":
				links = append(links, attr(tok, "href"))
				b.WriteString("[")
			}
		case tt == html.EndTagToken:
			switch {
			case isMark:
				b.WriteString(mark)
			case blockTags[tok.Data]:
				b.WriteString("\n\n")
			case tok.Data == "a" && len(links) > 0:
				b.WriteString("](" + strings.ReplaceAll(links[len(links)-1], ")", "%29") + ")")
				links = links[:len(links)-1]
			}
		}
	}
}

// inlineMarks are the HTML tags kept as Markdown around their text, and
// blockTags those that end a paragraph.
var (
	inlineMarks = map[string]string{"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
	blockTags   = map[string]bool{"p": true, "div": true, "ul": true, "ol": true}
)

var blankLines = regexp.MustCompile(`\n\s*\n(\s*\n)*`)

// htmlToText keeps the text of HTML, for parts shown as plain text.
func htmlToText(s string) string {
	if !strings.Contains(s, "<") && !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			b.WriteString(" ")
		}
	}
}

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
