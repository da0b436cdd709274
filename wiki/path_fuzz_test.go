package wiki

import (
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusDir holds real public runbooks (see its README); fuzz targets seed
// from its file names when it exists next to the checkout.
const corpusDir = "../../shared/corpus"

// corpusPaths returns the corpus's Markdown files relative to corpusDir,
// at most limit of them; none without the corpus.
func corpusPaths(limit int) []string {
	var out []string
	_ = filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || len(out) >= limit {
			return fs.SkipAll
		}
		if rel, rerr := filepath.Rel(corpusDir, path); rerr == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// FuzzCleanPath checks that CleanPath never panics and that a path it
// accepts is canonical: cleaning it again gives it back, it is lowercase,
// has no empty, "." or ".." segment, no surrounding space and at most
// MaxPathLen characters.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{
		"ops/db", "/Ops/DB/", " a/b ", "a//b", "a/./b", "a/../b", "..", ".", "a/..", "a/.../b",
		"A\u0130", "\u212a", "é/Ü", "a b", "a\x00b", "a\\b", "\xff", "a/%2e%2e/b", "\u3164", "ǅ",
		strings.Repeat("a", MaxPathLen), strings.Repeat("a", MaxPathLen+1), strings.Repeat("é", MaxPathLen),
	} {
		f.Add(s)
	}
	for _, p := range corpusPaths(200) {
		f.Add(strings.TrimSuffix(p, ".md"))
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := CleanPath(in)
		if err != nil {
			if ErrorKind(err) != Invalid {
				t.Fatalf("CleanPath(%q) error %v, want Invalid", in, err)
			}
			return
		}
		if again, err := CleanPath(got); err != nil || again != got {
			t.Fatalf("CleanPath(CleanPath(%q) = %q) = %q, %v; want it unchanged", in, got, again, err)
		}
		if got != strings.ToLower(got) || !utf8.ValidString(got) {
			t.Fatalf("CleanPath(%q) = %q, want valid lowercase UTF-8", in, got)
		}
		if n := utf8.RuneCountInString(got); n == 0 || n > MaxPathLen {
			t.Fatalf("CleanPath(%q) = %q has %d characters, want 1 to %d", in, got, n, MaxPathLen)
		}
		for _, seg := range strings.Split(got, "/") {
			if seg == "" || seg == "." || seg == ".." || strings.TrimSpace(seg) != seg {
				t.Fatalf("CleanPath(%q) = %q has the segment %q", in, got, seg)
			}
		}
		if u, err := url.Parse(PageURL(got)); err != nil || u.Path != "/wiki/"+got {
			t.Fatalf("PageURL(%q) = %q does not parse back to the path (%v)", got, PageURL(got), err)
		}
	})
}
