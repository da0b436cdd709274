package gift

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRoundTrip checks Write against golden files, that Parse reads the
// output back to the same questions, and that writing those again gives
// the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"moodle_examples", "roundtrip"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", name+".gift"))
			if err != nil {
				t.Fatal(err)
			}
			qs := mustParse(t, string(src))
			out := mustWrite(t, qs)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(out)); diff != "" {
				t.Errorf("Write(Parse(%s)) mismatch with %s (-want +got):\n%s", name, golden, diff)
			}
			again := mustParse(t, string(out))
			if diff := cmp.Diff(qs, again, ignoreLine); diff != "" {
				t.Errorf("Parse(Write(Parse(%s))) mismatch (-first +second):\n%s", name, diff)
			}
			if out2 := mustWrite(t, again); !bytes.Equal(out, out2) {
				t.Errorf("Write is not stable on %s:\n%s", name, cmp.Diff(string(out), string(out2)))
			}
		})
	}
}

func mustWrite(t *testing.T, qs []Question) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, qs); err != nil {
		t.Fatalf("Write() error = %v", err)
	}
	return b.Bytes()
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		qs   []Question
		want string
	}{
		{"defaults", []Question{{Text: "Up?", Type: TypeTrueFalse, Truth: true}}, "Up?{TRUE}\n\n"},
		{"id and tags", []Question{{ID: "a]b", Tags: []string{"x", "y z"}, Text: "Q", Type: TypeEssay}},
			"// [id:a\\]b] [tag:x] [tag:y z]\nQ{}\n\n"},
		{"category changes", []Question{
			{Category: "a", Text: "1", Type: TypeEssay},
			{Category: "a", Text: "2", Type: TypeEssay},
			{Category: "b", Text: "3", Type: TypeEssay}},
			"$CATEGORY: a\n\n1{}\n\n2{}\n\n$CATEGORY: b\n\n3{}\n\n"},
		{"comment-like text", []Question{{Text: "// x", Type: TypeDescription}}, "[moodle]// x\n\n"},
		{"missing word", []Question{{Text: "a _____ b", Type: TypeShortAnswer, Answers: []Answer{ans("x", 100)}}},
			"a {\n\t=x\n} b\n\n"},
		{"short answer with an arrow", []Question{{Text: "Q", Type: TypeShortAnswer, Answers: []Answer{ans("T", 100, "a->b")}}},
			"Q{%100%T#a->b}\n\n"},
		{"numerical", []Question{{Text: "N", Type: TypeNumerical, Numbers: []NumAnswer{
			{Value: 3, Tolerance: 0.5, Weight: 100}, {IsRange: true, Min: 1, Max: 5, Weight: 50, Feedback: "close"}, {Any: true, Feedback: "no"}}}},
			"N{#\n\t=3:0.5\n\t=%50%1..5#close\n\t~#no\n}\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(mustWrite(t, tc.qs))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Write(%v) mismatch (-want +got):\n%s", tc.qs, diff)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	ok := Question{Text: "fine", Type: TypeEssay}
	tests := []struct {
		name string
		q    Question
		want string
	}{
		{"back to no category", Question{Text: "x", Type: TypeEssay}, `category "" cannot be written in GIFT`},
		{"arrow on the left", Question{Category: "c", Text: "x", Type: TypeMatching, Pairs: []Pair{{"a->b", "c"}, {"d", "e"}}},
			`matching left side "a->b" contains ->`},
		{"arrows in short answers", Question{Category: "c", Text: "x", Type: TypeShortAnswer, Answers: []Answer{ans("a->b", 100), ans("c", 100)}},
			`short answer "a->b": -> in its text or feedback is possible in GIFT only in a question with one answer`},
		{"unknown format", Question{Category: "c", Format: "rtf", Text: "x", Type: TypeEssay}, `unknown format "rtf"`},
		{"unknown type", Question{Category: "c", Text: "x", Type: "cloze"}, `unknown question type "cloze"`},
		{"not UTF-8", Question{Category: "c", Text: "caf\xe9", Type: TypeEssay}, "text is not UTF-8"},
		{"control in id", Question{Category: "c", ID: "a\tb", Text: "x", Type: TypeEssay}, `id "a\tb" cannot be written in GIFT`},
		{"bad tag", Question{Category: "c", Tags: []string{"<b>"}, Text: "x", Type: TypeEssay}, `tag "<b>" cannot be written in GIFT`},
		{"no right answer", Question{Category: "c", Text: "x", Type: TypeMultichoice, Answers: []Answer{ans("a", 50), ans("b", 0)}},
			"multiple choice needs an answer worth 100% (mark it with =)"},
		{"category with newline", Question{Category: "a\nb", Text: "x", Type: TypeEssay}, `category "a\nb" cannot be written in GIFT`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first := ok
			first.Category = "c"
			var b bytes.Buffer
			err := Write(&b, []Question{first, tc.q})
			if err == nil || !strings.HasSuffix(err.Error(), tc.want) || !strings.Contains(err.Error(), "question 2") {
				t.Fatalf("Write(%v) error = %v, want question 2 ...: %s", tc.q, err, tc.want)
			}
			if b.Len() != 0 {
				t.Errorf("Write(%v) wrote %q on error, want nothing", tc.q, b.String())
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteWriterError(t *testing.T) {
	err := Write(failWriter{}, []Question{{Text: "x", Type: TypeEssay}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write(failing writer) error = %v, want disk full", err)
	}
}
