package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki/markup"
)

// KitCSP is the Content-Security-Policy of a crisis kit: nothing runs and
// nothing loads but its own inline CSS. The file says the same in a meta
// element, for when it is opened from a disk.
const KitCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// kitTemplate parses the kit's template from the static tree on its own,
// not with layout.html: the kit is a document of its own, without the
// app's header, CSS or scripts. A kit is made seldom, so it is parsed each
// time, which also shows edits under -dev.
func kitTemplate(fsys fs.FS) (*template.Template, error) {
	funcs := template.FuncMap{"join": strings.Join, "kitTime": kitTime}
	return template.New("crisis_kit.html").Funcs(funcs).ParseFS(fsys, "templates/kit/crisis_kit.html")
}

// kitView is the data of crisis_kit.html.
type kitView struct {
	Kit                *quiz.CrisisKit
	Title, Due         string
	Made, MadeISO      string
	Pages              []kitPageView // Contacts, then Critical
	Contacts, Critical []kitPageView
}

type kitPageView struct {
	quiz.KitPage
	Sections []kitSectionView
}

type kitSectionView struct {
	quiz.KitSection
	// HTML is the wiki's sanitised Markdown rendering (wiki/markup),
	// re-serialised by quiz's offline rewrite, which only drops elements
	// and attributes and points links into the document.
	HTML template.HTML
}

// WriteCrisisKit writes kit as one self-contained HTML document, with the
// template of fsys (the static tree).
func WriteCrisisKit(w io.Writer, fsys fs.FS, kit *quiz.CrisisKit) error {
	t, err := kitTemplate(fsys)
	if err != nil {
		return fmt.Errorf("parse crisis kit template: %w", err)
	}
	h := kit.Handover
	data := &kitView{Kit: kit, Title: h.Title, Due: h.Due.Format("Monday 2 January 2006"),
		Made: kitTime(kit.Made), MadeISO: kit.Made.Format(time.RFC3339),
		Contacts: kitPages(kit.Contacts), Critical: kitPages(kit.Critical)}
	data.Pages = append(append(data.Pages, data.Contacts...), data.Critical...)
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render crisis kit: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

func kitPages(pages []quiz.KitPage) []kitPageView {
	out := make([]kitPageView, 0, len(pages))
	for _, p := range pages {
		v := kitPageView{KitPage: p}
		for _, s := range p.Sections {
			v.Sections = append(v.Sections, kitSectionView{KitSection: s, HTML: template.HTML(s.HTML)}) // see kitSectionView
		}
		out = append(out, v)
	}
	return out
}

// kitTime shows a time with its zone, since the kit is read elsewhere.
func kitTime(t time.Time) string { return t.Format("Monday 2 January 2006, 15:04 MST") }

// CrisisKitFileName is the name a kit is downloaded as:
// crisis-kit-<handover slug>-<date made>.html.
func CrisisKitFileName(kit *quiz.CrisisKit) string {
	slug := markup.Slug(kit.Handover.Title)
	if slug == "" {
		slug = fmt.Sprintf("handover-%d", kit.Handover.ID)
	}
	return "crisis-kit-" + slug + "-" + kit.Made.Format("2006-01-02") + ".html"
}

// crisisKit downloads the crisis kit of a handover, for whoever may view
// the handover.
func (h *handlers) crisisKit(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.viewableHandover(r)
	if err != nil {
		return err
	}
	kit, err := h.Store.CrisisKit(ho)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := WriteCrisisKit(&buf, h.Static, kit); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": CrisisKitFileName(kit)}))
	hd.Set("Content-Security-Policy", KitCSP)
	hd.Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}
