package gift

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want ParseError
	}{
		{"unterminated brace", "// c\nWhat is\nthis? {\n=a\n~b", ParseError{3, "missing closing }"}},
		{"closing brace only", "Q } x", ParseError{1, "} without an opening {"}},
		{"closing before opening", "Q } x {T}", ParseError{1, "} before the opening {"}},
		{"second block", "Q {T} and {F}", ParseError{1, "second answer block (write a literal brace as \\{ or \\})"}},
		{"brace inside block", "Q\n{=a {b}", ParseError{2, "{ inside an answer block (write a literal brace as \\{)"}},
		{"empty multiple choice", "Q {~}", ParseError{1, "multiple choice needs at least 2 answers"}},
		{"multiple choice of blanks", "Q {~ ~ ~#fb}", ParseError{1, "multiple choice needs at least 2 answers"}},
		{"one choice", "Q {=a ~}", ParseError{1, "multiple choice needs at least 2 answers"}},
		{"no right choice", "Q {~a ~b#x=}", ParseError{1, "multiple choice needs an answer worth 100% (mark it with =)"}},
		{"weights not adding up", "Q {~%50%a ~%-100%b}", ParseError{1, "multiple answer weights of the right answers add up to 50%, want 100%"}},
		{"weight out of range", "Q {~%150%a ~b =c}", ParseError{1, "weight 150% is outside -100%..100%"}},
		{"bad weight", "Q {=a ~%--50%b}", ParseError{1, "bad weight %--50%"}},
		{"bad number", "Q {#abc}", ParseError{1, `numerical answer "abc" is not a number`}},
		{"bad tolerance", "Q {#3:x}", ParseError{1, `numerical answer "x" is not a number`}},
		{"negative tolerance", "Q {#3:-1}", ParseError{1, `numerical answer "3:-1": negative tolerance`}},
		{"reversed range", "Q {#5..1}", ParseError{1, `numerical range "5..1": minimum above maximum`}},
		{"number out of range", "Q {#1e999}", ParseError{1, `numerical answer "1e999" is out of range`}},
		{"numerical without answers", "Q {#~#other}", ParseError{1, "numerical question without answers"}},
		{"short answer without full marks", "Q {=%50%a}", ParseError{1, "short answer needs an answer worth 100%"}},
		{"short answer of blanks", "Q {= =}", ParseError{1, "short answer without answers"}},
		{"one pair", "Q {=a -> b}", ParseError{1, "matching needs at least 2 pairs"}},
		{"pair without arrow", "Q {=a -> b =c}", ParseError{1, `matching pair "c" has no ->`}},
		{"pair without right side", "Q {=a -> b =c ->}", ParseError{1, `matching pair "c" has an empty right side`}},
		{"empty description", "::name::", ParseError{1, "description without text"}},
		{"empty category", "$CATEGORY:  ", ParseError{1, "empty $CATEGORY"}},
		{"text after category", "$CATEGORY: a\nQ{T}", ParseError{2, "text after the $CATEGORY line: leave a blank line between it and the question"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs, errs, err := Parse(strings.NewReader(tc.src))
			if err != nil || len(qs) != 0 {
				t.Fatalf("Parse(%q) = %d questions, %v; want 0, nil", tc.src, len(qs), err)
			}
			if diff := cmp.Diff([]ParseError{tc.want}, errs); diff != "" {
				t.Errorf("Parse(%q) errors mismatch (-want +got):\n%s", tc.src, diff)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	e := ParseError{Line: 12, Msg: "missing closing }"}
	if got, want := e.Error(), "line 12: missing closing }"; got != want {
		t.Errorf("ParseError.Error() = %q, want %q", got, want)
	}
}

// TestParseGoodAfterBad checks that a malformed question is skipped and
// the others, before and after it, are still imported.
func TestParseGoodAfterBad(t *testing.T) {
	src := "Good 1{T}\n\nBad {=a\n~b\n\nGood 2{F}\n\nBad{#x}\n\n$CATEGORY: c\n\nGood 3{}"
	qs, errs, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse(%q) error = %v", src, err)
	}
	var texts []string
	for _, q := range qs {
		texts = append(texts, q.Text)
	}
	if diff := cmp.Diff([]string{"Good 1", "Good 2", "Good 3"}, texts); diff != "" {
		t.Errorf("Parse(%q) questions mismatch (-want +got):\n%s", src, diff)
	}
	wantErrs := []ParseError{{3, "missing closing }"}, {8, `numerical answer "x" is not a number`}}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("Parse(%q) errors mismatch (-want +got):\n%s", src, diff)
	}
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
		line int
	}{
		{"latin-1 e acute", "Q1{T}\n\nCaf\xe9?{T}\n\nR\xe9sum\xe9{F}", "not UTF-8: invalid byte 0xe9 at line 3 (save the file as UTF-8)", 3},
		{"after a BOM", "\xef\xbb\xbf\xff", "not UTF-8: invalid byte 0xff at line 1 (save the file as UTF-8)", 1},
		{"UTF-16", "\xff\xfeQ\x00{\x00T\x00}\x00", "not UTF-8: the file starts with a UTF-16 byte order mark (save the file as UTF-8)", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs, errs, err := Parse(strings.NewReader(tc.src))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("Parse(%q) error = %v, want %q", tc.src, err, tc.want)
			}
			var encErr *EncodingError
			if !errors.As(err, &encErr) || encErr.Line != tc.line {
				t.Errorf("Parse(%q) error = %#v, want *EncodingError at line %d", tc.src, err, tc.line)
			}
			if qs != nil || errs != nil {
				t.Errorf("Parse(%q) = %v, %v; want nothing with an encoding error", tc.src, qs, errs)
			}
		})
	}
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, _, err := Parse(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Errorf("Parse(failing reader) error = %v, want it to wrap %v", err, boom)
	}
}
