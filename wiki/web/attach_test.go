package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

func TestAttachmentUploadAndServe(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	c := app.Login("alex")

	resp := c.Upload("/attachments/ops/db", "net.png", webtest.PNG, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d, want 303\n%s", resp.StatusCode, resp.Body)
	}
	file := c.Get("/files/ops/db/net.png")
	h := file.Header
	if file.StatusCode != http.StatusOK || h.Get("Content-Type") != "image/png" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "inline") || file.Body != string(webtest.PNG) {
		t.Errorf("GET the image = %d %q %q, want the PNG inline", file.StatusCode, h.Get("Content-Type"), h.Get("Content-Disposition"))
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("image headers: CSP %q, nosniff %q; want a sandbox and nosniff", csp, h.Get("X-Content-Type-Options"))
	}
	list := c.Get("/attachments/ops/db")
	if !strings.Contains(list.Body, "net.png") || !strings.Contains(list.Body, "![net.png](/files/ops/db/net.png)") {
		t.Errorf("the file list lacks net.png or its reference")
	}
	if page := c.Get("/wiki/ops/db"); !strings.Contains(page.Body, `href="/files/ops/db/net.png"`) {
		t.Errorf("the page view does not list the file")
	}
}

// TestAttachmentSniffing uploads active content under harmless names: it
// must never come back as something a browser would render or run.
func TestAttachmentSniffing(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	c := app.Login("alex")
	tests := []struct{ name, content, wantType string }{
		{"evil.png", "<html><script>alert(document.cookie)</script></html>", "application/octet-stream"},
		{"logo.svg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "application/octet-stream"},
		{"notes.txt", "plain notes\n", "text/plain; charset=utf-8"},
		{"page.html", "<!DOCTYPE html><p>hi</p>", "application/octet-stream"},
		{"doc.pdf", "%PDF-1.4\n...", "application/pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if resp := c.Upload("/attachments/ops/db", tc.name, []byte(tc.content), ""); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload %s = %d", tc.name, resp.StatusCode)
			}
			resp := c.Get("/files/ops/db/" + tc.name)
			h := resp.Header
			if h.Get("Content-Type") != tc.wantType || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") ||
				h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
				t.Errorf("GET %s: type %q, disposition %q, nosniff %q, CSP %q; want %q as an attachment, nosniff, sandbox",
					tc.name, h.Get("Content-Type"), h.Get("Content-Disposition"), h.Get("X-Content-Type-Options"),
					h.Get("Content-Security-Policy"), tc.wantType)
			}
		})
	}
}

func TestAttachmentLimitsAndNames(t *testing.T) {
	app := webtest.New(t, webtest.Options{MaxUpload: 1024})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	c := app.Login("alex")
	tests := []struct {
		name, file, field string
		data              []byte
		status            int
		body              string
	}{
		{"too large", "big.bin", "", bytes.Repeat([]byte("x"), 1025), http.StatusRequestEntityTooLarge, "1.0 KiB"},
		{"at the limit", "ok.bin", "", bytes.Repeat([]byte("x"), 1024), http.StatusSeeOther, ""},
		{"empty", "empty.txt", "", nil, http.StatusBadRequest, "is empty"},
		{"dot-dot name", "a.txt", "..", []byte("a"), http.StatusBadRequest, "file name"},
		{"path in name", "a.txt", "../../../etc/passwd", []byte("a"), http.StatusSeeOther, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := c.Upload("/attachments/ops/db", tc.file, tc.data, tc.field)
			if resp.StatusCode != tc.status || !strings.Contains(resp.Body, tc.body) {
				t.Errorf("upload = %d, want %d with %q\n%s", resp.StatusCode, tc.status, tc.body, resp.Body)
			}
		})
	}
	p, _ := app.Store.Page("ops/db")
	if _, _, err := app.Store.Attachment(p.ID, "passwd"); err != nil {
		t.Errorf("the ../ name was not stored as plain passwd: %v", err)
	}
	api := c.Upload("/api/attachments/ops/db", "big.bin", bytes.Repeat([]byte("x"), 2000), "")
	if api.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(api.Body, `"error"`) {
		t.Errorf("API upload too large = %d %s, want 413 with a JSON error", api.StatusCode, api.Body)
	}
}

func TestAttachmentAPIUpload(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.SavePage("ops/db", "# DB")
	c := app.Login("alex")
	resp := c.Upload("/api/attachments/ops/db", "image.png", webtest.PNG, "screenshot 1.png")
	var got struct{ Name, URL, Markdown string }
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(resp.Body), &got) != nil {
		t.Fatalf("API upload = %d %s, want 201 with JSON", resp.StatusCode, resp.Body)
	}
	if got.Name != "screenshot 1.png" || got.Markdown != "![screenshot 1.png](/files/ops/db/screenshot%201.png)" {
		t.Errorf("API upload answered %+v", got)
	}
	if file := c.Get(got.URL); file.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d", got.URL, file.StatusCode)
	}
}

// TestAttachmentsFollowThePage: renaming keeps the files (old addresses
// redirect), deleting hides them, restoring brings them back.
func TestAttachmentsFollowThePage(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	app.AddUser("root", wiki.RoleAdmin)
	app.SavePage("ops/db", "# DB")
	alex, sam, root := app.Login("alex"), app.Login("sam"), app.Login("root")
	alex.Upload("/attachments/ops/db", "net.png", webtest.PNG, "")

	if resp := alex.PostForm("/rename/ops/db", url.Values{"to": {"ops/database"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename = %d", resp.StatusCode)
	}
	if resp := alex.Get("/files/ops/db/net.png"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/files/ops/database/net.png" {
		t.Errorf("old file address = %d → %q, want a redirect to the new one", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := alex.PostForm("/delete/ops/database", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete = %d", resp.StatusCode)
	}
	for _, path := range []string{"/files/ops/database/net.png", "/attachments/ops/database", "/api/attachments/ops/database"} {
		if resp := root.Get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s of a deleted page = %d, want 404", path, resp.StatusCode)
		}
	}
	if resp := root.PostForm("/restore/ops/database", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore = %d", resp.StatusCode)
	}
	if resp := sam.Get("/files/ops/database/net.png"); resp.StatusCode != http.StatusOK {
		t.Errorf("file after restore = %d, want 200", resp.StatusCode)
	}
	if resp := sam.PostForm("/delete-file/ops/database/net.png", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("sam deletes alex's file = %d, want 403", resp.StatusCode)
	}
	if resp := root.PostForm("/delete-file/ops/database/net.png", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin deletes the file = %d, want 303", resp.StatusCode)
	}
	if resp := sam.Get("/files/ops/database/net.png"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted file = %d, want 404", resp.StatusCode)
	}
}
