package markup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"blockquotes", strings.Repeat(">", MaxNesting+1), "nested 33 deep"},
		{"lists", strings.Repeat("- ", MaxNesting+1), "nested 33 deep"},
		{"quotes and lists", strings.Repeat("> 1. ", MaxNesting/2+1), "nested 34 deep"},
		{"indented lists", indented(3000), "nested 33 deep"},
		{"footnotes", numbered("[^%d]\n", 20000), "more than 1000 footnotes"},
		{"blocks", repeatTo("# h\n", 20000), "more than 3000 blocks"},
		{"code blocks", repeatTo("```\nx\n```\n", 20000), "more than 200 code blocks"},
		{"marks", repeatTo("*a ", 100000), "more than 20000 markup characters"},
		{"links", repeatTo("www.a ", 100000), "more than 5000 links"},
		{"lines", repeatTo("a\n", 200000), "more than 50000 lines"},
		{"links on a line", repeatTo("[a](b) ", 7*(MaxLineOpeners+1)), "17 links"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check([]byte(tc.src))
			var le *LimitError
			if !errors.As(err, &le) || le.Line == 0 || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check(%.30q…) = %v, want a *LimitError with a line, containing %q", tc.src, err, tc.want)
			}
		})
	}
}

// TestCheckAccepts: real pages are far below the limits.
func TestCheckAccepts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, "testdata/corpus/PersistentVolumeFillingUp.md")
	if _, err := os.Stat(corpusDir); err == nil {
		files = append(files, corpusFiles(t)...)
	}
	accept := map[string]string{
		"nested 32":  strings.Repeat(">", MaxNesting) + " a\n",
		"long prose": repeatTo("Lorem ipsum dolor sit amet, *consectetur* adipiscing elit.\n\n", 150000),
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		accept[path] = string(src)
	}
	for name, src := range accept {
		if err := Check([]byte(src)); err != nil {
			t.Errorf("Check(%s) = %v, want nil", name, err)
		}
	}
}
