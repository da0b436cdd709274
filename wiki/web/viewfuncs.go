package web

import (
	"html/template"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

func (v *Views) funcMap() template.FuncMap {
	return template.FuncMap{
		"asset":    v.Asset,
		"date":     formatDate,
		"datetime": formatDateTime,
		"ago":      ago,
		"crumbs":   Breadcrumbs,
		"join":     strings.Join,
		"bytes":    wiki.FormatBytes,
		"add":      func(a, b int) int { return a + b },
		"pageURL":  wiki.PageURL,
		"isoTime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	}
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006 15:04 MST")
}

// ago describes how long ago t was in words, to the coarsest sensible unit.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case t.IsZero():
		return "never"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return wiki.Plural(int(d.Minutes()), "minute") + " ago"
	case d < 24*time.Hour:
		return wiki.Plural(int(d.Hours()), "hour") + " ago"
	case d < 60*24*time.Hour:
		return wiki.Plural(int(d.Hours()/24), "day") + " ago"
	}
	return formatDate(t)
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
