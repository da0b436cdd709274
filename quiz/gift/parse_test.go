package gift

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Question
	}{
		{"escapes in text and answers", `1 \{2\} \= 3\: \~a\#b\\c \n x{=a\=b ~c\#d#fb\~}`,
			Question{Text: "1 {2} = 3: ~a#b\\c \n x", Type: TypeMultichoice, Answers: []Answer{ans("a=b", 100), ans("c#d", 0, "fb~")}}},
		{"other backslashes stay", `C:\Users\x{T}`,
			Question{Text: `C:\Users\x`, Type: TypeTrueFalse, Truth: true}},
		{"escaped colons in title", `::a\:\:b::text{T}`,
			Question{Name: "a::b", Text: "text", Type: TypeTrueFalse, Truth: true}},
		{"title without closing colons is dropped", `::no title{T}`,
			Question{Text: "no title", Type: TypeTrueFalse, Truth: true}},
		{"title over two lines", "::Question title\n:: Question {=a ~b}",
			Question{Name: "Question title", Text: "Question", Type: TypeMultichoice, Answers: []Answer{ans("a", 100), ans("b", 0)}}},
		{"html format", `::n::[html]<b>Bold</b>{=a ~[plain]b#[markdown]*x*}`,
			Question{Name: "n", Format: FormatHTML, Text: "<b>Bold</b>", Type: TypeMultichoice,
				Answers: []Answer{ans("a", 100), ans("b", 0, "*x*")}}},
		{"unknown format stays in text", `[note] mind the gap{T}`,
			Question{Text: "[note] mind the gap", Type: TypeTrueFalse, Truth: true}},
		{"true with both feedbacks", `Sky is blue.{T#Look up.#Yes.}`,
			Question{Text: "Sky is blue.", Type: TypeTrueFalse, Truth: true, TrueFeedback: "Yes.", FalseFeedback: "Look up."}},
		{"false with both feedbacks", `Sun is cold.{FALSE#Touch it.#Right.####It is hot.}`,
			Question{Text: "Sun is cold.", Type: TypeTrueFalse, TrueFeedback: "Touch it.", FalseFeedback: "Right.", GeneralFeedback: "It is hot."}},
		{"lowercase t is a short answer", `Letter?{t}`,
			Question{Text: "Letter?", Type: TypeShortAnswer, Answers: []Answer{ans("t", 100)}}},
		{"short answer without =", `Say yes.{yes}`,
			Question{Text: "Say yes.", Type: TypeShortAnswer, Answers: []Answer{ans("yes", 100)}}},
		{"short answer wildcard and weights", `Animal?{=Frog#Good! =%50%Cat =%0%*#Wrong}`,
			Question{Text: "Animal?", Type: TypeShortAnswer, Answers: []Answer{ans("Frog", 100, "Good!"), ans("Cat", 50), ans("*", 0, "Wrong")}}},
		{"fractional weights", `Pick.{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}`,
			Question{Text: "Pick.", Type: TypeMultianswer, Answers: []Answer{
				ans("a", 33.33333), ans("b", 33.33333), ans("c", 33.33333), ans("d", -100)}}},
		{"= takes no weight in multiple choice", `Pick.{=%50%a ~b}`,
			Question{Text: "Pick.", Type: TypeMultichoice, Answers: []Answer{ans("%50%a", 100), ans("b", 0)}}},
		{"percent that is no weight is text", `Pick.{=a ~%x%b}`,
			Question{Text: "Pick.", Type: TypeMultichoice, Answers: []Answer{ans("a", 100), ans("%x%b", 0)}}},
		{"empty answers dropped", `Pick.{=a ~ ~b ~#fb}`,
			Question{Text: "Pick.", Type: TypeMultichoice, Answers: []Answer{ans("a", 100), ans("b", 0)}}},
		{"matching distractor and hash", `Match.{=a -> 1 =b -> 2#x = -> 3 ####gf}`,
			Question{Text: "Match.", Type: TypeMatching, Pairs: []Pair{{"a", "1"}, {"b", "2#x"}, {"", "3"}}, GeneralFeedback: "gf"}},
		{"numerical forms", "N?{#\n=%50%3:0.1#close\n=2..4\n=-1e3\n=*#any\n~#other}",
			Question{Text: "N?", Type: TypeNumerical, Numbers: []NumAnswer{
				numTol(3, 0.1, 50, "close"), numRng(2, 4, 100), numTol(-1000, 0, 100, ""),
				{Any: true, Weight: 100, Feedback: "any"}, {Any: true, Feedback: "other"}}}},
		{"numerical without =", `N?{#1822:5 =%50%1822:10}`,
			Question{Text: "N?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(1822, 5, 100, ""), numTol(1822, 10, 50, "")}}},
		{"escaped colon in numerical is a tolerance", `N?{#3\:2}`,
			Question{Text: "N?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(3, 2, 100, "")}}},
		{"essay with general feedback", `Explain.{####Mention the backups.}`,
			Question{Text: "Explain.", Type: TypeEssay, GeneralFeedback: "Mention the backups."}},
		{"missing word at the start", `{=Oslo ~Bergen} is the capital.`,
			Question{Text: "_____ is the capital.", Type: TypeMultichoice, Answers: []Answer{ans("Oslo", 100), ans("Bergen", 0)}}},
		{"essay missing word", `Write {} here.`,
			Question{Text: "Write _____ here.", Type: TypeEssay}},
		{"comment lines inside and id tags", "// [id:ops-1] [tag:backup]\n// [tag: db \\] ]\n::n::Q{\n// [tag:late]\n=a ~b}",
			Question{ID: "ops-1", Tags: []string{"backup", "db ]", "late"}, Name: "n", Text: "Q", Type: TypeMultichoice,
				Answers: []Answer{ans("a", 100), ans("b", 0)}}},
		{"first id wins", "// [id:one] [id:two]\nQ{T}",
			Question{ID: "one", Text: "Q", Type: TypeTrueFalse, Truth: true}},
		{"description", "::Intro::[markdown]Read *this* first.",
			Question{Name: "Intro", Format: FormatMarkdown, Text: "Read *this* first.", Type: TypeDescription}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseOne(t, tc.src)
			if diff := diffQuestion(tc.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.src, diff)
			}
		})
	}
}

func TestParseFile(t *testing.T) {
	src := "\xef\xbb\xbf// header\r\n\r\n$CATEGORY: ops/db\r\n\r\n" +
		"Q1{T}\r\n   \r\n\t// only a comment\r\n\r\n" +
		"Q2{\r\n=a\r\n~b\r\n}\r\n\r\n$CATEGORY:   ops/net  \r\n\r\nQ3{}"
	qs := mustParse(t, src)
	type summary struct {
		Line     int
		Category string
		Text     string
	}
	var got []summary
	for _, q := range qs {
		got = append(got, summary{q.Line, q.Category, q.Text})
	}
	want := []summary{{5, "ops/db", "Q1"}, {9, "ops/db", "Q2"}, {16, "ops/net", "Q3"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(%q) mismatch (-want +got):\n%s", src, diff)
	}
}

func TestParseLineEnds(t *testing.T) {
	for _, sep := range []string{"\n", "\r\n", "\r"} {
		src := strings.Join([]string{"// c", "A{T}", "", "B{", "=x", "}"}, sep)
		qs := mustParse(t, src)
		var lines []int
		for _, q := range qs {
			lines = append(lines, q.Line)
		}
		if diff := cmp.Diff([]int{2, 4}, lines); diff != "" {
			t.Errorf("Parse(%q) lines mismatch (-want +got):\n%s", src, diff)
		}
	}
}

func TestTrueFalseFeedback(t *testing.T) {
	tests := []struct {
		src         string
		right, wrng string
	}{
		{"Q{T#wrong#right}", "right", "wrong"},
		{"Q{F#wrong#right}", "right", "wrong"},
		{"Q{TRUE##right}", "right", ""},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			q := parseOne(t, tc.src)
			if q.RightFeedback() != tc.right || q.WrongFeedback() != tc.wrng {
				t.Errorf("Parse(%q) right, wrong = %q, %q; want %q, %q", tc.src, q.RightFeedback(), q.WrongFeedback(), tc.right, tc.wrng)
			}
		})
	}
}
