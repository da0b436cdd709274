package web

import (
	"net/http"

	"github.com/handover/handover/wiki"
)

// followPanel offers the page's Atom feed and, to signed-in users, the
// watch button.
type followPanel struct{ store *wiki.Store }

// PageAddons implements PageExtension.
func (f followPanel) PageAddons(r *http.Request, p *wiki.Page) (PageAddons, error) {
	path := wiki.EscapedPath(p.Path)
	panel := Panel{Title: "Follow changes", Items: []PanelItem{{Text: "Atom feed of this page", URL: "/feed" + path}}}
	if user := UserFromContext(r.Context()); user != nil {
		watching, err := f.store.Watching(user.ID, wiki.WatchPage, p.ID)
		if err != nil {
			return PageAddons{}, err
		}
		if watching {
			panel.Items = append(panel.Items, PanelItem{Text: "You are watching this page.",
				Note: "You get a notification when someone else edits, renames or deletes it."})
			panel.Actions = []Action{{Label: "Stop watching", URL: "/unwatch" + path, Post: true}}
		} else {
			panel.Actions = []Action{{Label: "Watch this page", URL: "/watch" + path, Post: true}}
		}
	}
	return PageAddons{Panels: []Panel{panel}}, nil
}
