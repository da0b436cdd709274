package wiki

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/handover/handover/wiki/markup"
)

// PageTemplate is a starting point for a new page, from
// static/pagetemplates/NAME.md. Its front matter gives the title shown in
// the picker, a description, default tags, review interval and the
// sections that start out critical.
type PageTemplate struct {
	Name        string
	Title       string
	Description string
	Tags        []string
	ReviewDays  int
	Critical    []string
	Body        []byte
}

// LoadTemplates returns every page template, sorted by file name.
func LoadTemplates(fsys fs.FS) ([]*PageTemplate, error) {
	names, err := fs.Glob(fsys, "pagetemplates/*.md")
	if err != nil {
		return nil, err
	}
	out := make([]*PageTemplate, 0, len(names))
	for _, n := range names {
		t, err := LoadTemplate(fsys, strings.TrimSuffix(path.Base(n), ".md"))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// LoadTemplate returns the page template called name.
func LoadTemplate(fsys fs.FS, name string) (*PageTemplate, error) {
	if strings.ContainsAny(name, "/\\.") || name == "" {
		return nil, Errorf(NotFound, "there is no page template %q", name)
	}
	data, err := fs.ReadFile(fsys, "pagetemplates/"+name+".md")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Errorf(NotFound, "there is no page template %q", name)
	} else if err != nil {
		return nil, err
	}
	fm, body, err := markup.SplitFrontMatter(data)
	if err != nil {
		return nil, fmt.Errorf("page template %s: %w", name, err)
	}
	return &PageTemplate{Name: name, Title: fm.Title, Description: fm.Description,
		Tags: fm.Tags, ReviewDays: fm.ReviewDays, Critical: fm.Critical, Body: body}, nil
}
