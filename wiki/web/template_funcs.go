package web

import (
	"html/template"

	"github.com/handover/handover/wiki"
)

// ViewFuncs are the template functions that need the store or the
// configuration: unreadNotifications (the header's badge, "" when none)
// and maxUpload (the attachment size limit, for the editor's hint). cmd
// passes them to NewViews; layout.html and edit.html use them.
func ViewFuncs(s *wiki.Store, maxUpload int64) template.FuncMap {
	if maxUpload <= 0 {
		maxUpload = wiki.DefaultMaxUpload
	}
	return template.FuncMap{
		"unreadNotifications": s.NotificationBadge,
		"maxUpload":           func() int64 { return maxUpload },
	}
}
