package static

import (
	"io/fs"
	"testing"
)

// TestFilesExist guards the files the server cannot run without.
func TestFilesExist(t *testing.T) {
	for _, name := range []string{
		"templates/layout.html", "templates/page.html", "templates/edit.html", "templates/error.html",
		"templates/search.html", "templates/login.html", "templates/setup.html",
		"css/app.css", "css/chroma.css", "js/app.js", "img/logo.svg", "img/favicon.svg",
		"pagetemplates/it-operations-handover.md", "pagetemplates/social-media-handover.md",
		"pagetemplates/generic-role-handover.md", "pagetemplates/crisis-protocol.md",
		"pagetemplates/runbook.md", "pagetemplates/key-contacts.md",
		"demo/home.md", "demo/it-ops/handover.md",
	} {
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("embedded %s: %v", name, err)
		}
	}
}
