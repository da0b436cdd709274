package web

import (
	"net/http"
	"time"

	"github.com/handover/handover/wiki"
)

// attachmentsView is the data of attachments.html: a page's files and the
// upload form.
type attachmentsView struct {
	Base
	Page      *wiki.Page
	Files     []attachmentRow
	MaxUpload int64
	Error     string
}

// attachmentRow is one file in the list, with what the viewer may do.
type attachmentRow struct {
	*wiki.Attachment
	URL, Markdown string
	CanDelete     bool
}

// fileInfo is an attachment as the JSON API shows it.
type fileInfo struct {
	Name     string `json:"name"`
	URL      string `json:"url"`
	Markdown string `json:"markdown"`
	Size     int64  `json:"size"`
	Type     string `json:"type"`
	Image    bool   `json:"image"`
	Uploader string `json:"uploader"`
	Uploaded string `json:"uploaded"`
}

func newFileInfo(page *wiki.Page, a *wiki.Attachment) fileInfo {
	return fileInfo{Name: a.Name, URL: wiki.FileURL(page.Path, a.Name), Markdown: a.Markdown(page.Path),
		Size: a.Size, Type: a.Type, Image: a.IsImage(), Uploader: a.Uploader,
		Uploaded: a.Uploaded.Format(time.RFC3339)}
}

func (h *handlers) maxUpload() int64 {
	if h.MaxUpload > 0 {
		return h.MaxUpload
	}
	return wiki.DefaultMaxUpload
}

func (h *handlers) attachments(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	return h.renderAttachments(w, r, http.StatusOK, page, "")
}

func (h *handlers) renderAttachments(w http.ResponseWriter, r *http.Request, status int, page *wiki.Page, problem string) error {
	files, err := h.Store.Attachments(page.ID)
	if err != nil {
		return err
	}
	user := UserFromContext(r.Context())
	data := &attachmentsView{Base: Base{Title: "Files of " + page.Title, Nav: "wiki"}, Page: page,
		MaxUpload: h.maxUpload(), Error: problem}
	for _, a := range files {
		data.Files = append(data.Files, attachmentRow{Attachment: a, URL: wiki.FileURL(page.Path, a.Name),
			Markdown: a.Markdown(page.Path), CanDelete: user != nil && (user.IsAdmin() || user.Is(a.Uploader))})
	}
	return h.Views.Render(w, r, status, "attachments.html", data)
}

// upload stores a file sent by the plain upload form, then shows the list.
// Errors the user can fix re-render the list with the message.
func (h *handlers) upload(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	a, err := h.storeUpload(w, r, page)
	if err != nil {
		if ErrorKind(err) == wiki.Internal || ErrorKind(err) == wiki.NotFound {
			return err
		}
		return h.renderAttachments(w, r, ErrorStatus(err), page, ErrorMessage(err))
	}
	h.Views.Flash(w, r, "Attached "+a.Name+". Put it on the page with "+a.Markdown(page.Path))
	http.Redirect(w, r, "/attachments"+wiki.EscapedPath(page.Path), http.StatusSeeOther)
	return nil
}

func (h *handlers) storeUpload(w http.ResponseWriter, r *http.Request, page *wiki.Page) (*wiki.Attachment, error) {
	name, data, err := readUpload(w, r, h.maxUpload())
	if err != nil {
		return nil, err
	}
	return h.Store.AddAttachment(page.Path, name, UserFromContext(r.Context()).Name, data)
}

// apiUpload is the upload the editor's script uses (and scripts with a
// token): the same multipart form, answered with the file as JSON.
func (h *handlers) apiUpload(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	a, err := h.storeUpload(w, r, page)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusCreated, newFileInfo(page, a))
}

func (h *handlers) apiAttachments(w http.ResponseWriter, r *http.Request) error {
	page, err := h.livePage(r)
	if err != nil {
		return err
	}
	files, err := h.Store.Attachments(page.ID)
	if err != nil {
		return err
	}
	out := make([]fileInfo, 0, len(files))
	for _, a := range files {
		out = append(out, newFileInfo(page, a))
	}
	return WriteJSON(w, http.StatusOK, struct {
		Files []fileInfo `json:"files"`
	}{out})
}

// deleteFile removes /delete-file/{page path}/{name}; the uploader or an
// admin may.
func (h *handlers) deleteFile(w http.ResponseWriter, r *http.Request) error {
	ref, err := h.fileRef(r)
	if err != nil {
		return err
	}
	if ref.page == nil {
		return wiki.Errorf(wiki.NotFound, "there is no page %q", ref.pagePath)
	}
	if err := h.Store.DeleteAttachment(ref.page.ID, ref.name, UserFromContext(r.Context())); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Deleted the file "+ref.name+".")
	http.Redirect(w, r, "/attachments"+wiki.EscapedPath(ref.page.Path), http.StatusSeeOther)
	return nil
}

func (h *handlers) registerFiles(handle func(string, HandlerFunc)) {
	handle("GET /files/{path...}", RequireReader(h.serveFile))
	handle("GET /attachments/{path...}", RequireReader(h.attachments))
	handle("POST /attachments/{path...}", RequireUser(h.upload))
	handle("POST /delete-file/{path...}", RequireUser(h.deleteFile))
	handle("GET /api/attachments/{path...}", RequireReader(h.apiAttachments))
	handle("POST /api/attachments/{path...}", RequireUser(h.apiUpload))
}
