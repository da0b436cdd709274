package web

import (
	"fmt"
	"net/http"

	"github.com/handover/handover/wiki"
)

// filesPanel lists a page's attachments beside it.
type filesPanel struct{ store *wiki.Store }

// maxPanelFiles is how many files the side panel names before linking to
// the full list.
const maxPanelFiles = 8

// PageAddons implements PageExtension.
func (f filesPanel) PageAddons(r *http.Request, p *wiki.Page) (PageAddons, error) {
	files, err := f.store.Attachments(p.ID)
	user := UserFromContext(r.Context())
	if err != nil || (len(files) == 0 && user == nil) {
		return PageAddons{}, err
	}
	list := "/attachments" + wiki.EscapedPath(p.Path)
	panel := Panel{Title: "Files"}
	for i, a := range files {
		if i == maxPanelFiles {
			panel.Items = append(panel.Items, PanelItem{Text: fmt.Sprintf("and %d more…", len(files)-i), URL: list})
			break
		}
		panel.Items = append(panel.Items, PanelItem{Text: a.Name, URL: wiki.FileURL(p.Path, a.Name), Note: wiki.FormatBytes(a.Size)})
	}
	if len(files) == 0 {
		panel.Items = []PanelItem{{Text: "No files attached yet."}}
	}
	label := "All files"
	if user != nil {
		label = "Attach or manage files"
	}
	panel.Actions = []Action{{Label: label, URL: list}}
	return PageAddons{Panels: []Panel{panel}}, nil
}
