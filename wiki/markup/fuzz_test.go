package markup

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fuzzSeeds are the golden inputs, the injection cases and a few real
// runbooks.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, "testdata/corpus/PersistentVolumeFillingUp.md",
		filepath.Join(corpusDir, "pagerduty/docs/crisis/pagerduty.md"),
		filepath.Join(corpusDir, "prometheus-operator/content/runbooks/kubernetes/KubePersistentVolumeFillingUp.md"),
		filepath.Join(corpusDir, "prometheus-operator/archetypes/default.md"))
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			seeds = append(seeds, src)
		}
	}
	for _, s := range []string{
		"<script>alert(1)</script>", `<img src=x onerror=alert(1)>`, "[x](javascript:alert(1))",
		"[[javascript:alert(1)]]", "[[x|<b>y</b>]]", `## a" onmouseover="alert(1)`, "---\ntags: a, b\n---\n",
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// FuzzRender checks that Render never panics, never emits executable HTML,
// and agrees with Outline.
func FuzzRender(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	opts := Options{Resolve: testResolve, Critical: map[string]bool{"scope": true, "a": true}}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Render(src, opts)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		if bytes.Contains(bytes.ToLower(res.HTML), []byte("<script")) {
			t.Fatalf("Render(%q) = %s, want no <script", src, res.HTML)
		}
		if bad := unsafeHTML(res.HTML); bad != "" {
			t.Fatalf("Render(%q) = %s, want no %s", src, res.HTML, bad)
		}
		if len(res.Sections) == 0 || res.Sections[0].ID != "" {
			t.Fatalf("Render(%q).Sections = %v, want the preamble first", src, res.Sections)
		}
		if diff := cmp.Diff(Outline(src), res.Sections); diff != "" {
			t.Fatalf("Outline(%q) != Render().Sections:\n%s", src, diff)
		}
	})
}

// FuzzFrontMatter checks that SplitFrontMatter never panics nor takes
// longer than the budget, and that
// whatever it accepts survives JoinFrontMatter unchanged.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("---\ntitle: T\ntags: [a, b]\nowner: o\nreview_days: 3\ncritical: x, y\n---\nbody"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var fm FrontMatter
		var body []byte
		var err error
		if d := cpuOf(func() { fm, body, err = SplitFrontMatter(src) }); d > parseBudget {
			t.Fatalf("SplitFrontMatter(%d bytes %q…) took %v, want < %v (frontmatter_budget_test.go)", len(src), src[:min(len(src), 40)], d, parseBudget)
		}
		if err != nil {
			return
		}
		joined := JoinFrontMatter(fm, body)
		fm2, body2, err := SplitFrontMatter(joined)
		if err != nil {
			t.Fatalf("SplitFrontMatter(JoinFrontMatter(%+v, %q)) = %q: %v", fm, body, joined, err)
		}
		if !cmp.Equal(fm, fm2, cmpopts.EquateEmpty()) || !bytes.Equal(body, body2) {
			t.Fatalf("SplitFrontMatter(%q) = %+v, %q, want %+v, %q", joined, fm2, body2, fm, body)
		}
	})
}
