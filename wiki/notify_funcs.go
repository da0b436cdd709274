package wiki

import "html/template"

// ViewFuncs are the template functions that need the store or the
// configuration: unreadNotifications (the header's badge, "" when none)
// and maxUpload (the attachment size limit, for the editor's hint). cmd
// passes them to NewViews; layout.html and edit.html use them.
func ViewFuncs(s *Store, maxUpload int64) template.FuncMap {
	if maxUpload <= 0 {
		maxUpload = DefaultMaxUpload
	}
	return template.FuncMap{
		"unreadNotifications": s.NotificationBadge,
		"maxUpload":           func() int64 { return maxUpload },
	}
}
