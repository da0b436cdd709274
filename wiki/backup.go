package wiki

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	bolt "go.etcd.io/bbolt"
)

// WriteBackup streams a consistent copy of the database to w while the
// store keeps serving (one read transaction; writers are not blocked).
func (s *Store) WriteBackup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// VerifyBackup checks that the file at path is a sound handover database:
// bbolt opens it, its consistency check passes, and it has the wiki's
// buckets. The error says what is wrong.
func VerifyBackup(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("%s is not a handover database: %w", path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketPages, bucketUsers} {
			if tx.Bucket(b) == nil {
				return fmt.Errorf("%s is not a handover database (no %s bucket)", path, b)
			}
		}
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("%s is damaged: %w", path, errors.Join(errs...))
		}
		return nil
	})
}

// backup streams the database to an administrator (GET /admin/backup).
func (h *handlers) backup(w http.ResponseWriter, r *http.Request) error {
	name := "handover-" + h.Store.Now().Format("20060102-150405") + ".db"
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	n, err := h.Store.WriteBackup(w)
	if err != nil {
		// Headers are gone; the client sees a truncated body and the
		// verification in `handover backup` refuses it.
		h.Log.Error("backup", "err", err, "bytes", n)
	}
	return nil
}
