package web

import "net/http"

// backup streams the database to an administrator (GET /admin/backup).
func (h *handlers) backup(w http.ResponseWriter, r *http.Request) error {
	name := "handover-" + h.Store.Now().Format("20060102-150405") + ".db"
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	n, err := h.Store.WriteBackup(w)
	if err != nil {
		h.Log.Error("backup", "err", err, "bytes", n)
		// The status line is gone. Abort the response so that the client
		// sees a broken stream, not a clean end of a short file.
		panic(http.ErrAbortHandler)
	}
	return nil
}
