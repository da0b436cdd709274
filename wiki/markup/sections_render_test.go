package markup

import (
	"strings"
	"testing"
)

const sectionsPage = `# Failover

Intro with a note.[^1]

## Steps

1. Fence the old primary.
2. Promote [[ops/db]].

### Check

Replication lag is zero.

## Background

> ### Quoted heading
>
> Kept with its quote.

## After

Done <script>alert(1)</script> now.

[^1]: The footnote.
`

func TestRenderSections(t *testing.T) {
	opts := Options{Resolve: testResolve, Critical: map[string]bool{"steps": true}}
	got, err := RenderSections([]byte(sectionsPage), opts, []string{"after", "steps", "steps--check", "background--quoted-heading", "nothing"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, heading   string
		want, notWant []string
	}{
		{"steps", "Steps", []string{`<h2 id="steps" class="critical">`, "Critical</span>", "Promote", `href="/wiki/ops/db"`,
			`<h3 id="steps--check">`, "Replication lag"}, []string{"Background", "Intro", "footnote"}},
		{"background--quoted-heading", "Quoted heading", []string{"<blockquote>", "Kept with its quote", "</blockquote>"},
			[]string{"After", "Steps"}},
		{"after", "After", []string{"Done", "now."}, []string{"<script", "The footnote"}},
	}
	if len(got) != len(tests) {
		t.Fatalf("RenderSections returned %d sections, want %d: %+v", len(got), len(tests), got)
	}
	for i, tc := range tests {
		s := got[i]
		if s.ID != tc.id || s.Heading != tc.heading {
			t.Errorf("section %d = %q %q, want %q %q", i, s.ID, s.Heading, tc.id, tc.heading)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(s.HTML), w) {
				t.Errorf("section %q lacks %q:\n%s", s.ID, w, s.HTML)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(string(s.HTML), w) {
				t.Errorf("section %q has %q:\n%s", s.ID, w, s.HTML)
			}
		}
	}
}
