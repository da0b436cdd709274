package web

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// fileCSP is the Content-Security-Policy of every file response: nothing
// runs, nothing loads, and the document is sandboxed into an opaque origin,
// so even a file a browser would render cannot act in the wiki's origin.
const fileCSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"

// downloadTypes are sniffed types served as themselves (as downloads);
// anything else, HTML and XML (so SVG) included, is served as
// application/octet-stream.
var downloadTypes = map[string]bool{
	"application/pdf": true, "text/plain; charset=utf-8": true, "application/zip": true,
	"application/x-gzip": true, "application/json": true,
}

// servedType returns the Content-Type a file is served with and whether it
// is shown inline (images only).
func servedType(a *wiki.Attachment) (string, bool) {
	switch {
	case a.IsImage():
		return a.Type, true
	case downloadTypes[a.Type]:
		return a.Type, false
	}
	return "application/octet-stream", false
}

// serveFile serves /files/{page path}/{name}: the file's bytes with a type
// from its content (never its name), nosniff, a sandboxing CSP, and
// Content-Disposition: attachment for everything but images. Files of a
// renamed page are found through its redirect; a deleted page's are hidden.
func (h *handlers) serveFile(w http.ResponseWriter, r *http.Request) error {
	ref, err := h.fileRef(r)
	if err != nil {
		return err
	}
	if ref.page == nil {
		if to, rerr := h.Store.Redirect(ref.pagePath); rerr == nil {
			http.Redirect(w, r, wiki.FileURL(to, ref.name), http.StatusMovedPermanently)
			return nil
		}
		return wiki.Errorf(wiki.NotFound, "there is no page %q", ref.pagePath)
	}
	a, data, err := h.Store.Attachment(ref.page.ID, ref.name)
	if errors.Is(err, wiki.ErrNotFound) {
		return wiki.Errorf(wiki.NotFound, "the page %q has no file %q", ref.pagePath, ref.name)
	} else if err != nil {
		return err
	}
	ctype, inline := servedType(a)
	disposition := "attachment"
	if inline {
		disposition = "inline"
	}
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": a.Name}))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", fileCSP)
	hd.Set("Cache-Control", "private, no-cache")
	hd.Set("ETag", `"`+a.SHA256+`"`)
	http.ServeContent(w, r, "", a.Uploaded, bytes.NewReader(data))
	return nil
}

// fileRef is what a /files/{page path}/{name} address names; page is nil
// when there is no live page at the path.
type fileRef struct {
	pagePath, name string
	page           *wiki.Page
}

// fileRef splits the request's {path} into the page path and the file name
// (names never contain '/') and looks the page up.
func (h *handlers) fileRef(r *http.Request) (fileRef, error) {
	p := r.PathValue("path")
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return fileRef{}, wiki.Errorf(wiki.NotFound, "a file address is /files/PAGE/NAME")
	}
	ref := fileRef{name: p[i+1:]}
	var err error
	if ref.pagePath, err = wiki.CleanPath(p[:i]); err != nil {
		return ref, wiki.Errorf(wiki.NotFound, "there is no page %q", p[:i])
	}
	page, err := h.Store.Page(ref.pagePath)
	if err == nil && !page.Deleted {
		ref.page = page
	} else if err != nil && !errors.Is(err, wiki.ErrNotFound) {
		return ref, err
	}
	return ref, nil
}

// uploadOverhead is what a multipart body may carry besides the file: the
// part headers and the small fields.
const uploadOverhead = 64 << 10

// readUpload reads the "file" part of a multipart upload of at most limit
// bytes, and the optional "name" field that renames it. Too large is
// TooLarge with the limit in the message; no file or an empty one Invalid.
func readUpload(w http.ResponseWriter, r *http.Request, limit int64) (string, []byte, error) {
	tooLarge := wiki.Errorf(wiki.TooLarge, "the file is larger than the upload limit of %s", wiki.FormatBytes(limit))
	if r.ContentLength > limit+uploadOverhead {
		return "", nil, tooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+uploadOverhead)
	if err := r.ParseMultipartForm(256 << 10); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return "", nil, tooLarge
		}
		return "", nil, &wiki.Error{Kind: wiki.Invalid, Msg: "the upload could not be read: send a multipart form with a file field", Err: err}
	}
	defer r.MultipartForm.RemoveAll()
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, wiki.Errorf(wiki.Invalid, "choose a file to upload")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		return "", nil, err
	case int64(len(data)) > limit:
		return "", nil, tooLarge
	case len(data) == 0:
		return "", nil, wiki.Errorf(wiki.Invalid, "the file %q is empty", hdr.Filename)
	}
	name := hdr.Filename
	if n := strings.TrimSpace(r.FormValue("name")); n != "" {
		name = n
	}
	return name, data, nil
}
