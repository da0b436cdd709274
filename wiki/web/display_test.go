package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// hiddenRunes are the invisible format characters (bidi controls,
// zero-width characters, the Arabic letter mark, the BOM) that no shown
// name may keep.
var hiddenRunes = []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
	0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF}

// TestHiddenCharactersNotShown sends each hidden character through the
// HTTP entry points of shown names: an attachment's file name and its
// name field, by form and API; a page's title and tags by the edit form
// and PUT /api/pages. None of it is stored, listed or sent back
// (Content-Disposition included): "invoice\u202Egnp.exe" was listed and
// downloaded as if it were "invoiceexe.png".
func TestHiddenCharactersNotShown(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	u := app.AddUser("alex", wiki.RoleMember)
	_, token, _ := app.Store.CreateToken(u.ID, "ci")
	bearer := map[string]string{"Authorization": "Bearer " + token}
	c := app.Login("alex")
	for i, r := range hiddenRunes {
		in := func(a, b string) string { return a + string(r) + b }
		name, path := fmt.Sprintf("U+%04X", r), fmt.Sprintf("p%d", i)
		app.SavePage(path, "# P")
		uploads := []*webtest.Response{
			c.Upload("/attachments/"+path, in("invoice", "gnp.exe"), []byte("a"), ""),
			c.Upload("/attachments/"+path, "x.bin", []byte("b"), in("form", "gnp.exe")),
			c.Upload("/api/attachments/"+path, in("api", "gnp.exe"), []byte("c"), ""),
		}
		for j, resp := range uploads {
			if resp.StatusCode >= 300 && resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s: upload %d = %d %s", name, j, resp.StatusCode, resp.Body)
			}
		}
		for _, file := range []string{"invoicegnp.exe", "formgnp.exe", "apignp.exe"} {
			dl := c.Get("/files/" + path + "/" + file)
			if dl.StatusCode != http.StatusOK || strings.ContainsFunc(dl.Header.Get("Content-Disposition"), wiki.HiddenRune) {
				t.Errorf("%s: GET %s = %d, Content-Disposition %q", name, file, dl.StatusCode, dl.Header.Get("Content-Disposition"))
			}
		}
		if list := c.Get("/attachments/" + path).Body; strings.ContainsRune(list, r) {
			t.Errorf("%s: the attachment list shows the character", name)
		}
		form := url.Values{"markdown": {in("# Pay", "roll")}, "title": {in("Form ", "title")}, "tags": {in("form", "tag")}, "base_revision": {"1"}}
		webtest.WantStatus(t, name+" edit form", c.PostForm("/edit/"+path, form), http.StatusSeeOther)
		body, _ := json.Marshal(map[string]any{"markdown": "# A", "base_revision": 0, "title": in("API ", "title"), "tags": []string{in("api", "tag")}})
		webtest.WantStatus(t, name+" PUT", app.Anonymous().Send("PUT", "/api/pages/"+path+"/api", "application/json", string(body), bearer), http.StatusOK)
		for _, p := range []string{path, path + "/api"} {
			page, err := app.Store.Page(p)
			if err != nil || strings.ContainsFunc(page.Title+strings.Join(page.Tags, ","), wiki.HiddenRune) {
				t.Errorf("%s: page %s stored title %q, tags %q (%v)", name, p, page.Title, page.Tags, err)
			}
			view := c.Get("/wiki/" + p).Body
			if title, _, _ := strings.Cut(view[strings.Index(view, "<title>")+1:], "</title>"); strings.ContainsRune(title, r) {
				t.Errorf("%s: the page view of %s has the character in its <title>", name, p)
			}
		}
	}
}
