package web_test

import (
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestDiskFullStatus: a write that failed for want of space, however
// deeply wrapped, is answered 507 with the plain message, as a page and
// as JSON; any other I/O error stays an opaque 500.
func TestDiskFullStatus(t *testing.T) {
	faults := map[string]error{
		"enospc": fmt.Errorf("save page: %w", &fs.PathError{Op: "write", Path: "handover.db", Err: syscall.ENOSPC}),
		"edquot": fmt.Errorf("upload: %w", fmt.Errorf("commit: %w", syscall.EDQUOT)),
		"eio":    fmt.Errorf("save page: %w", &fs.PathError{Op: "write", Path: "handover.db", Err: syscall.EIO}),
	}
	app := webtest.New(t, webtest.Options{Register: func(mux *http.ServeMux, deps *web.Deps) {
		for name, err := range faults {
			h := deps.Views.Handle(func(http.ResponseWriter, *http.Request) error { return err })
			mux.Handle("POST /fault/"+name, h)
			mux.Handle("POST /api/fault/"+name, h)
		}
	}})
	app.AddUser("alex", wiki.RoleMember)
	c := app.Login("alex")
	for name := range faults {
		status, text := http.StatusInsufficientStorage, "disk is full"
		if name == "eio" {
			status, text = http.StatusInternalServerError, "Internal error"
		}
		page := c.PostForm("/fault/"+name, nil)
		webtest.WantStatus(t, name+" page", page, status)
		webtest.MustContain(t, name+" page", page.Body, text)
		api := c.Send(http.MethodPost, "/api/fault/"+name, "application/json", "{}", nil)
		webtest.WantStatus(t, name+" API", api, status)
		if !strings.HasPrefix(api.Body, `{"error":"`) || !strings.Contains(api.Body, text) {
			t.Errorf("%s API body = %q, want {\"error\": ...%s...}", name, api.Body, text)
		}
		if strings.Contains(page.Body+api.Body, "handover.db") {
			t.Errorf("%s: the answer shows the file name, an internal detail", name)
		}
	}
}
