package markup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusDir holds real public runbooks (see its README); tests that need it
// skip when it is absent, e.g. outside the development checkout.
const corpusDir = "../../../shared/corpus"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if os.IsNotExist(err) {
		t.Skipf("corpus %s not present", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// invalidCorpus lists corpus files whose front matter is not YAML, with why.
// They must fail with a *FrontMatterError naming a line; their whole source
// must still render.
var invalidCorpus = map[string]string{
	"prometheus-operator/archetypes/default.md": "Hugo archetype: a Go template for new pages, not a page",
}

func TestCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		name := strings.TrimPrefix(path, corpusDir+"/")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, body, err := SplitFrontMatter(src)
			var fe *FrontMatterError
			switch {
			case invalidCorpus[name] != "" && (!errors.As(err, &fe) || fe.Line == 0):
				t.Errorf("SplitFrontMatter(%s) error = %v, want a *FrontMatterError with a line (%s)", name, err, invalidCorpus[name])
			case invalidCorpus[name] == "" && err != nil:
				t.Fatalf("SplitFrontMatter(%s): %v", name, err)
			}
			res, err := Render(body, Options{Resolve: testResolve})
			if err != nil {
				t.Fatalf("Render(%s): %v", path, err)
			}
			if bad := unsafeHTML(res.HTML); bad != "" {
				t.Errorf("Render(%s) contains %s", path, bad)
			}
			checkOutlineMatchesRender(t, body)
		})
	}
}

func TestCorpusFrontMatter(t *testing.T) {
	corpusFiles(t) // skips without the corpus
	tests := []struct {
		path string
		want FrontMatter
	}{
		{"pagerduty/docs/crisis/pagerduty.md", FrontMatter{Description: "PagerDuty's Operations Cloud provides various tools and features that will help your organization manage crises effectively."}},
		{"prometheus-operator/content/runbooks/kubernetes/KubePersistentVolumeFillingUp.md", FrontMatter{Title: "Kube Persistent Volume Filling Up"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(corpusDir, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			fm, body, err := SplitFrontMatter(src)
			if err != nil {
				t.Fatalf("SplitFrontMatter(%s): %v", tc.path, err)
			}
			if diff := cmp.Diff(tc.want, fm); diff != "" {
				t.Errorf("SplitFrontMatter(%s) = %+v, want %+v", tc.path, fm, tc.want)
			}
			if strings.HasPrefix(string(body), "---") {
				t.Errorf("SplitFrontMatter(%s) body still starts with the front matter: %.40q", tc.path, body)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile("testdata/corpus/PersistentVolumeFillingUp.md")
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Resolve: testResolve, Critical: map[string]bool{"mitigation": true}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(src, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOutline(b *testing.B) {
	src, err := os.ReadFile("testdata/corpus/PersistentVolumeFillingUp.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Outline(src)
	}
}
