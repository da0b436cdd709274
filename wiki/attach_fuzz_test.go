package wiki

import (
	"fmt"
	"mime"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCleanFileName checks that an uploaded file's name, once cleaned,
// is safe everywhere it goes: no path separators or characters special in
// URLs, Markdown or HTML, no control characters, no leading dot, at most
// MaxFileNameLen characters, stable under a second cleaning, encodable in
// a Content-Disposition header, and one URL segment. The names given to a
// second and later upload of the same name obey the same rules.
func FuzzCleanFileName(f *testing.F) {
	for _, s := range []string{
		"diagram.png", "../../etc/passwd", `C:\x\y.txt`, "/abs/olute", "a\x00b.png", ". .", "...",
		"<script>alert(1)</script>.html", `"><img src=x onerror=alert(1)>.png`, "javascript:alert(1)",
		"a\u202egnp.exe", "\u200b", "x\r\ny.txt", "[link](x).md", "%2e%2e%2f", "{{.}}.txt",
		strings.Repeat("é", 150) + ".png", "a.bcdefg." + strings.Repeat("z", 91),
		"q." + strings.Repeat("y", 89) + "." + strings.Repeat("z", 9), strings.Repeat("a", 98) + "-2.png",
	} {
		f.Add(s)
	}
	for _, p := range corpusPaths(100) {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, in string) {
		name, err := CleanFileName(in)
		if err != nil {
			if ErrorKind(err) != Invalid {
				t.Fatalf("CleanFileName(%q) error %v, want Invalid", in, err)
			}
			return
		}
		checkFileName(t, fmt.Sprintf("CleanFileName(%q)", in), name)
		if again, err := CleanFileName(name); err != nil || again != name {
			t.Fatalf("CleanFileName(CleanFileName(%q) = %q) = %q, %v; want it unchanged", in, name, again, err)
		}
		seen := map[string]bool{name: true}
		for _, i := range []int{2, 3, 10, 999, 1000} {
			next := numberedName(name, i)
			checkFileName(t, fmt.Sprintf("numberedName(%q, %d)", name, i), next)
			if seen[next] && i > 2 {
				t.Fatalf("numberedName(%q, %d) = %q, a name given before", name, i, next)
			}
			seen[next] = true
		}
	})
}

// checkFileName fails t unless name is a clean attachment name.
func checkFileName(t *testing.T, what, name string) {
	t.Helper()
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxFileNameLen {
		t.Fatalf("%s = %q, want 1 to %d characters of UTF-8", what, name, MaxFileNameLen)
	}
	if strings.HasPrefix(name, ".") || strings.TrimSpace(name) != name || strings.HasSuffix(name, ".") {
		t.Fatalf("%s = %q, want no leading dot, trailing dot or surrounding space", what, name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|[]()#%{}`, r) || r == utf8.RuneError {
			t.Fatalf("%s = %q contains %q", what, name, r)
		}
	}
	if mime.FormatMediaType("attachment", map[string]string{"filename": name}) == "" {
		t.Fatalf("%s = %q cannot be put in a Content-Disposition header", what, name)
	}
	u, err := url.Parse(FileURL("ops/db", name))
	if err != nil || u.Path != "/files/ops/db/"+name {
		t.Fatalf("FileURL of %s = %q does not parse back to the name (%v)", what, name, err)
	}
}

// TestAttachSameLongNameTwice: a second upload under a long name with a
// long extension gets a numbered name (it once sliced out of range).
func TestAttachSameLongNameTwice(t *testing.T) {
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB"})
	for _, name := range []string{"a.bcdefg." + strings.Repeat("z", 91), strings.Repeat("a", 98) + "-2.png", "plain.txt"} {
		first, err := s.AddAttachment("ops/db", name, "alex", []byte("one"))
		if err != nil {
			t.Fatalf("AddAttachment(%q): %v", name, err)
		}
		second, err := s.AddAttachment("ops/db", name, "alex", []byte("two"))
		if err != nil || second.Name == first.Name {
			t.Fatalf("second AddAttachment(%q) = %v, %v; want a new name beside %q", name, second, err, first.Name)
		}
		checkFileName(t, fmt.Sprintf("second upload of %q", name), second.Name)
	}
}
