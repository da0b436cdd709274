package wiki

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// hiddenRunes are the invisible format characters no shown name may keep
// (control characters were already dropped).
var hiddenRunes = []rune{
	0x202A, 0x202B, 0x202C, 0x202D, 0x202E, // bidi embeddings and overrides
	0x2066, 0x2067, 0x2068, 0x2069, // bidi isolates
	0x200B, 0x200C, 0x200D, 0x200E, 0x200F, // zero-width characters, LRM, RLM
	0x061C, 0xFEFF,
}

// hasHidden reports whether s holds a character of hiddenRunes.
func hasHidden(s string) bool { return strings.ContainsFunc(s, HiddenRune) }

// TestDisplayNamesHideNothing sends each hidden character through every
// way a shown name enters the store: attachment names, page titles (the
// title field, the H1, front matter, an imported file's name and H1),
// tags, display names, and user names (refused). "invoice\u202Egnp.exe" was
// stored as it came and shown as "invoiceexe.png".
func TestDisplayNamesHideNothing(t *testing.T) {
	s := mustOpenStore(t)
	for i, c := range hiddenRunes {
		in := func(a, b string) string { return a + string(c) + b }
		name := fmt.Sprintf("U+%04X", c)
		path := fmt.Sprintf("p%d", i)
		mustSave(t, s, SaveRequest{Path: path, Markdown: "# P"})
		if att, err := s.AddAttachment(path, in("invoice", "gnp.exe"), "alex", []byte("x")); err != nil || att.Name != "invoicegnp.exe" {
			t.Errorf("%s: attachment name = %v, %v; want invoicegnp.exe", name, att, err)
		}
		for how, req := range map[string]SaveRequest{
			"title field":  {Path: path + "/a", Markdown: "x", Title: in("Pay", "roll")},
			"H1":           {Path: path + "/b", Markdown: in("# Pay", "roll\n")},
			"front matter": {Path: path + "/c", Markdown: "---\ntitle: " + in("Pay", "roll") + "\ntags: [" + in("pay", "roll") + "]\n---\nx"},
			"tags":         {Path: path + "/d", Markdown: "# Payroll", Tags: []string{in("pay", "roll"), in("", "")}},
		} {
			req.Author = "alex"
			p, err := s.SavePage(req)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, how, err)
			}
			if hasHidden(p.Title) || hasHidden(strings.Join(p.Tags, ",")) || p.Title != "Payroll" {
				t.Errorf("%s, %s: title %q, tags %q; want Payroll without hidden characters", name, how, p.Title, p.Tags)
			}
		}
		files := fstest.MapFS{in("run", "book.md"): {Data: []byte("no heading")}, "h1.md": {Data: []byte(in("# Run", "book"))}}
		if _, err := s.Import(context.Background(), files, ImportOptions{Prefix: path + "/imp"}); err != nil {
			t.Fatalf("%s: import: %v", name, err)
		}
		pages, _ := s.ListPages(path + "/imp/")
		for _, p := range pages {
			if hasHidden(p.Title) {
				t.Errorf("%s: imported %s has the title %q", name, p.Path, p.Title)
			}
		}
		if _, err := s.CreateUser(in("mal", "lory"), RoleMember, "a long enough password"); ErrorKind(err) != Invalid {
			t.Errorf("%s: CreateUser with it in the name: %v, want Invalid", name, err)
		}
		if u := (&User{Name: "sam", DisplayName: in("Sam ", "Lee")}); u.Label() != "Sam Lee" {
			t.Errorf("%s: Label() = %q, want Sam Lee", name, u.Label())
		}
	}
}
