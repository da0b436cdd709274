package gift

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that Parse never panics nor takes longer than the
// budget (budget_test.go), and that whatever it accepts
// Write can write, Parse reads back to the same questions, and a second
// Write gives the same bytes.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*.gift")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		for _, block := range bytes.Split(data, []byte("\n\n")) {
			f.Add(block)
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var qs []Question
		var err error
		if d := cpuOf(func() { qs, _, err = Parse(bytes.NewReader(data)) }); d > parseBudget {
			t.Fatalf("Parse(%d bytes %q…) took %v, want < %v", len(data), data[:min(len(data), 40)], d, parseBudget)
		}
		if err != nil || len(qs) == 0 {
			return
		}
		var out bytes.Buffer
		if err := Write(&out, qs); err != nil {
			t.Fatalf("Write(Parse(%q)) error = %v", data, err)
		}
		again, errs, err := Parse(bytes.NewReader(out.Bytes()))
		if err != nil || len(errs) > 0 {
			t.Fatalf("Parse(%q) errors = %v, %v; want none", out.Bytes(), errs, err)
		}
		if diff := cmp.Diff(qs, again, ignoreLine); diff != "" {
			t.Fatalf("Parse(Write(Parse(%q))) mismatch (-first +second):\n%s\nwritten:\n%s", data, diff, out.Bytes())
		}
		var out2 bytes.Buffer
		if err := Write(&out2, again); err != nil || !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("second Write of %q = %q, %v; want %q", data, out2.Bytes(), err, out.Bytes())
		}
	})
}

// fuzzSeeds are inputs that once needed care: tokens inside tokens, odd
// whitespace, format markers, escapes at the edges.
var fuzzSeeds = []string{
	"// [tag:a] [id:x [tag:b]]\nQ{T}",
	"// [tag:[id:z] [id:a]\nQ{T}",
	"// [id:a\\] [tag:x]\nQ{T}",
	"// [tag:]\n// [tag: ]\nQ{T}",
	"a {=x} _____",
	"::::::foo{T}",
	"::  [html]x{T}",
	"{T#[html]a#[plain]b}",
	"Q{~%-0%a =b}",
	"Q{#-0:0 =.5:5. =+1e5 =1e300..1.7e308}",
	"x\x00{T}",
	"x\ry{T}",
	"Q{a->b}",
	"Q{=a ~%100%b}",
	"[moodle]//x{T}",
}
