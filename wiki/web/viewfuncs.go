package web

import (
	"fmt"
	"html/template"
	"maps"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

func (v *Views) funcMap() template.FuncMap {
	funcs := template.FuncMap{
		"asset":   v.Asset,
		"crumbs":  Breadcrumbs,
		"trail":   Trail,
		"join":    strings.Join,
		"bytes":   wiki.FormatBytes,
		"add":     func(a, b int) int { return a + b },
		"pageURL": wiki.PageURL,
		"isoTime": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	}
	maps.Copy(funcs, zoneFuncs(wiki.UTC))
	return funcs
}

// zoneFuncs are the template funcs that tell times, in zone z: a page's
// template set is cloned per reader's zone with these (see templateSet).
// isoTime stays UTC: it is for machines (<time datetime>).
func zoneFuncs(z wiki.Zone) template.FuncMap {
	return template.FuncMap{"date": z.Date, "datetime": z.DateTime, "ago": z.Ago}
}

// Crumb is one step of a page's breadcrumb trail.
type Crumb struct {
	Name, URL string
}

// Breadcrumbs returns the trail of parent paths of a page path.
func Breadcrumbs(path string) []Crumb {
	parts := strings.Split(path, "/")
	crumbs := make([]Crumb, 0, len(parts))
	for i := range parts {
		crumbs = append(crumbs, Crumb{Name: parts[i], URL: wiki.PageURL(strings.Join(parts[:i+1], "/"))})
	}
	return crumbs
}

// Trail builds a breadcrumb trail in a template, which cannot write a Crumb
// itself. Each argument is a []Crumb, taken as it is, or a name followed by
// its URL; the last argument may be a name alone: the current page, which the
// "breadcrumbs" partial does not link. Any other argument is an error, so a
// mistyped trail fails the render instead of showing a broken link.
func Trail(parts ...any) ([]Crumb, error) {
	var trail []Crumb
	for i := 0; i < len(parts); i++ {
		switch p := parts[i].(type) {
		case []Crumb:
			trail = append(trail, p...)
		case string:
			if i == len(parts)-1 {
				return append(trail, Crumb{Name: p}), nil
			}
			url, ok := parts[i+1].(string)
			if !ok {
				return nil, fmt.Errorf("trail: crumb %q has URL %#v, want a string", p, parts[i+1])
			}
			trail = append(trail, Crumb{Name: p, URL: url})
			i++
		default:
			return nil, fmt.Errorf("trail: argument %d is %T, want a []Crumb or a string", i, p)
		}
	}
	return trail, nil
}
