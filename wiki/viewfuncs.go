package wiki

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

func (v *Views) funcMap() template.FuncMap {
	return template.FuncMap{
		"asset":    v.Asset,
		"date":     formatDate,
		"datetime": formatDateTime,
		"ago":      ago,
		"crumbs":   Breadcrumbs,
		"join":     strings.Join,
		"bytes":    FormatBytes,
		"add":      func(a, b int) int { return a + b },
		"pageURL":  PageURL,
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
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	case d < 60*24*time.Hour:
		return plural(int(d.Hours()/24), "day") + " ago"
	}
	return formatDate(t)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// FormatBytes says a size the way people read it: "512 bytes", "1.5 MiB".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
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
		crumbs = append(crumbs, Crumb{Name: parts[i], URL: PageURL(strings.Join(parts[:i+1], "/"))})
	}
	return crumbs
}
