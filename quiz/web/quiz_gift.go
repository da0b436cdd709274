package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxReportLines is how many skipped or changed questions an import names
// in its flash messages (they live in the session cookie).
const maxReportLines = 5

func (h *handlers) importQuiz(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.editablePage(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, quiz.MaxGIFTBytes+64<<10)
	file, _, err := r.FormFile("file")
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		err = &wiki.Error{Kind: wiki.TooLarge, Msg: "the GIFT file is larger than the limit of 1 MiB", Err: err}
	case err != nil:
		err = &wiki.Error{Kind: wiki.Invalid, Msg: "choose a GIFT file (.gift or .txt) to import", Err: err}
	default:
		defer file.Close()
		var rep *quiz.ImportReport
		if rep, err = h.Store.ImportGIFT(p, user(r), file); err == nil {
			h.flashImport(w, r, rep)
			http.Redirect(w, r, quiz.EditURL(p.Path)+"#questions", http.StatusSeeOther)
			return nil
		}
	}
	if k := wikiweb.ErrorKind(err); k != wiki.Invalid && k != wiki.TooLarge {
		return err
	}
	data, derr := h.editorData(r, p, qz)
	if derr != nil {
		return derr
	}
	data.Error = "Nothing was imported: " + wikiweb.ErrorMessage(err)
	return h.Views.Render(w, r, wikiweb.ErrorStatus(err), "quiz_edit.html", data)
}

func (h *handlers) flashImport(w http.ResponseWriter, r *http.Request, rep *quiz.ImportReport) {
	h.Views.Flash(w, r, fmt.Sprintf("Imported %s (%d new, %d updated, %d unchanged), %d skipped.",
		plural(rep.Imported(), "question"), rep.Added, rep.Updated, rep.Unchanged, len(rep.Skipped)))
	lines := append(rep.Skipped, rep.Warnings...)
	for i, e := range lines {
		if i == maxReportLines {
			h.Views.Flash(w, r, fmt.Sprintf("… and %d more; the command line import lists them all.", len(lines)-i))
			break
		}
		h.Views.Flash(w, r, e.Error())
	}
}

func (h *handlers) exportQuiz(w http.ResponseWriter, r *http.Request) error {
	p, qz, err := h.editablePage(r)
	if err != nil {
		return err
	}
	if qz == nil {
		return wiki.Errorf(wiki.NotFound, "the page %q has no knowledge check yet", p.Path)
	}
	var buf bytes.Buffer
	if _, err := h.Store.ExportGIFT(p.ID, &buf); err != nil {
		return err
	}
	name := strings.ReplaceAll(p.Path, "/", "-") + ".gift"
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}
