package web

import (
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrail(t *testing.T) {
	page := []Crumb{{"it-ops", "/wiki/it-ops"}, {"vpn", "/wiki/it-ops/vpn"}}
	tests := []struct {
		name  string
		parts []any
		want  []Crumb
	}{
		{"empty", nil, nil},
		{"here only", []any{"Overview"}, []Crumb{{Name: "Overview"}}},
		{"pairs then here", []any{"Handovers", "/handovers", "Overview"},
			[]Crumb{{"Handovers", "/handovers"}, {Name: "Overview"}}},
		{"pairs only", []any{"Handovers", "/handovers"}, []Crumb{{"Handovers", "/handovers"}}},
		{"page trail then more", []any{page, "History", "/history/it-ops/vpn", "Changes"},
			[]Crumb{page[0], page[1], {"History", "/history/it-ops/vpn"}, {Name: "Changes"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Trail(tc.parts...)
			if err != nil {
				t.Fatalf("Trail(%v): %v", tc.parts, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Trail(%v) mismatch (-want +got):\n%s", tc.parts, diff)
			}
		})
	}
}

func TestTrailRefusesBadArguments(t *testing.T) {
	for _, parts := range [][]any{
		{"Handovers", 1, "Overview"},
		{"Handovers", []Crumb{{"a", "/a"}}},
		{42},
	} {
		if got, err := Trail(parts...); err == nil {
			t.Errorf("Trail(%v) = %v, want an error", parts, got)
		}
	}
}

// TestBreadcrumbsPartial renders the partial every page header uses: the
// last crumb is the current page, named and not linked; a lone crumb is
// not shown at all.
func TestBreadcrumbsPartial(t *testing.T) {
	tmpl := template.Must(template.New("").Funcs((&Views{}).funcMap()).
		ParseFS(os.DirFS("../../static"), "templates/partials/*.html"))
	render := func(trail []Crumb) string {
		t.Helper()
		var b strings.Builder
		if err := tmpl.ExecuteTemplate(&b, "breadcrumbs", trail); err != nil {
			t.Fatalf("breadcrumbs(%v): %v", trail, err)
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	got := render([]Crumb{{"Handovers", "/handovers"}, {"<b>", "/handovers/1"}, {Name: "Coverage map"}})
	want := `<nav class="breadcrumbs" aria-label="Breadcrumb"> <ol> ` +
		`<li><a href="/handovers">Handovers</a></li>` +
		`<li><a href="/handovers/1">&lt;b&gt;</a></li>` +
		`<li><span aria-current="page">Coverage map</span></li> </ol> </nav>`
	if got != want {
		t.Errorf("breadcrumbs = %q, want %q", got, want)
	}
	if got := render(Breadcrumbs("home")); got != "" {
		t.Errorf("breadcrumbs(%v) = %q, want nothing", Breadcrumbs("home"), got)
	}
}
