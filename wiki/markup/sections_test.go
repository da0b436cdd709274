package markup

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sectionIDs(secs []Section) []string {
	ids := make([]string, len(secs))
	for i, s := range secs {
		ids[i] = s.ID
	}
	return ids
}

func TestSectionIDs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"preamble only", "just text", []string{""}},
		{"h2", "## Scope", []string{"", "scope"}},
		{"nested under h2", "## Crisis protocol\n### Major outage", []string{"", "crisis-protocol", "crisis-protocol--major-outage"}},
		{"h1 not in path", "# Handover\n## Scope\n### Detail", []string{"", "handover", "scope", "scope--detail"}},
		{"h1 resets path", "## A\n# B\n### C", []string{"", "a", "b", "c"}},
		{"skipped level", "## A\n#### B\n### C", []string{"", "a", "a--b", "a--c"}},
		{"siblings", "## A\n### B\n## C\n### B", []string{"", "a", "a--b", "c", "c--b"}},
		{"duplicates", "## A\n## A\n## a", []string{"", "a", "a-2", "a-3"}},
		{"duplicate vs literal suffix", "## A\n## A\n## A 2", []string{"", "a", "a-2", "a-2-2"}},
		{"duplicate paths", "## A\n### B\n## A\n### B", []string{"", "a", "a--b", "a-2", "a--b-2"}},
		{"empty heading", "##\n## ???", []string{"", "section", "section-2"}},
		{"code block is not a heading", "```\n# not\n```\n    ## not either\n## Yes", []string{"", "yes"}},
		{"setext", "Title\n=====\n\nSub\n---", []string{"", "title", "sub"}},
		{"heading in quote and list", "> ## Quoted\n\n- ## Listed", []string{"", "quoted", "listed"}},
		{"markup in heading", "## The *big* `db` [[ops/db|failover]] <b>x</b>", []string{"", "the-big-db-failover-x"}},
		{"entities", "## Q&amp;A", []string{"", "q-a"}},
		{"html block is not a heading", "<div>\n# not\n</div>\n\n## Yes", []string{"", "yes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sectionIDs(Outline([]byte(tc.src)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Outline(%q) IDs = %v, want %v", tc.src, got, tc.want)
			}
		})
	}
}

const runbook = `Intro for the page.

# Database handover

## Scope

Primary and replica.

## Crisis protocol

Page the DBA.

### Major outage

1. Fail over.
2. Tell the status page.

### Data breach

Call security.

## Contacts

| Who | Phone |
|-----|-------|
| DBA | 123   |
`

func hashes(src string) map[string]string {
	m := map[string]string{}
	for _, s := range Outline([]byte(src)) {
		m[s.ID] = s.Hash
	}
	return m
}

func TestSectionHashes(t *testing.T) {
	base := hashes(runbook)
	tests := []struct {
		name, edited string
		changed      []string // every other section must keep its hash
	}{
		{"edit subsection", strings.Replace(runbook, "Fail over.", "Fail over now.", 1),
			[]string{"database-handover", "crisis-protocol", "crisis-protocol--major-outage"}},
		{"edit parent's own text", strings.Replace(runbook, "Page the DBA.", "Page the on-call DBA.", 1),
			[]string{"database-handover", "crisis-protocol"}},
		{"edit last section", strings.Replace(runbook, "| 123 ", "| 124 ", 1),
			[]string{"database-handover", "contacts"}},
		{"edit preamble", strings.Replace(runbook, "Intro", "Introduction", 1), []string{""}},
		{"rename heading", strings.Replace(runbook, "### Data breach", "### Data leak", 1),
			[]string{"database-handover", "crisis-protocol", "crisis-protocol--data-leak"}},
		{"CRLF", strings.ReplaceAll(runbook, "\n", "\r\n"), nil},
		{"trailing spaces", strings.ReplaceAll(runbook, "\n", "  \t\n"), nil},
		{"blank lines", strings.ReplaceAll(runbook, "\n\n", "\n\n\n\n"), nil},
		{"leading blank lines", "\n\n  \n" + runbook + "\n\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := hashes(tc.edited)
			changed := map[string]bool{}
			for _, id := range tc.changed {
				changed[id] = true
			}
			for id, h := range got {
				old, existed := base[id]
				if changed[id] == (existed && old == h) {
					t.Errorf("Outline(%q): section %q changed = %v, want %v", tc.edited, id, !changed[id], changed[id])
				}
			}
		})
	}
}

func TestSectionHashIsWholeSection(t *testing.T) {
	secs := Outline([]byte(runbook))
	want := "## Crisis protocol\n\nPage the DBA.\n\n### Major outage\n\n1. Fail over.\n2. Tell the status page.\n\n### Data breach\n\nCall security."
	if got := secs[3].Hash; got != Hash([]byte(want)) {
		t.Errorf("Outline(runbook)[3].Hash = %s, want Hash(%q)", got, want)
	}
}

func TestSectionText(t *testing.T) {
	src := "Before *any* heading.\n\n## Steps\n\nRun `make db` then see [the docs](https://x.org) and [[ops/db|failover]].\n" +
		"<b>raw</b> &amp; done\n\n```sh\n# restart\nsystemctl restart db\n```\n\n### Sub\n\n- one\n- two[^n]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^n]: A note.\n"
	want := []Section{
		{Text: "Before any heading."},
		{ID: "steps", Heading: "Steps", Level: 2,
			Text: "Run make db then see the docs and failover. raw & done\n# restart\nsystemctl restart db"},
		{ID: "steps--sub", Heading: "Sub", Level: 3, Text: "one\ntwo\na\tb\n1\t2\nA note."},
	}
	got := Outline([]byte(src))
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".Hash"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("Outline(%q) mismatch (-want +got):\n%s", src, diff)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"\n\n", ""},
		{"a\r\nb\r\n", "a\nb"},
		{"a  \n\t\n\n\nb\t\n", "a\n\nb"},
		{"\n  \na\n", "a"},
		{"a\rb", "a\nb"},
		{"    code\n", "    code"},
	}
	for _, tc := range tests {
		if got := string(Normalize([]byte(tc.in))); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOutlineMatchesRender(t *testing.T) {
	inputs := map[string][]byte{"runbook": []byte(runbook)}
	for _, f := range []string{"gfm", "footnotes", "code", "wikilinks", "headings", "injection"} {
		src, err := os.ReadFile("testdata/" + f + ".md")
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := SplitFrontMatter(src)
		inputs[f] = body
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			checkOutlineMatchesRender(t, src)
		})
	}
}

// checkOutlineMatchesRender asserts that Outline and Render agree and that
// every section ID is an id attribute of the rendered HTML.
func checkOutlineMatchesRender(t *testing.T, src []byte) {
	t.Helper()
	res, err := Render(src, Options{Resolve: testResolve})
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	if diff := cmp.Diff(Outline(src), res.Sections); diff != "" {
		t.Errorf("Outline(%q) != Render().Sections (-outline +render):\n%s", src, diff)
	}
	for _, s := range res.Sections[1:] {
		if !strings.Contains(string(res.HTML), ` id="`+htmlEscape(s.ID)+`"`) {
			t.Errorf("Render(%q) = %s, want an element with id %q", src, res.HTML, s.ID)
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
