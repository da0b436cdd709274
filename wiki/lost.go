package wiki

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrLostDatabase is returned by OpenStore for a data directory that
// shows it had a database (a search index, a copy kept by restore, a
// restore's staged file) but has no handover.db: creating a new, empty
// one there would silently start a new wiki and offer a new first admin.
var ErrLostDatabase = errors.New("this data directory lost its database")

// CheckNotLost returns an error wrapping ErrLostDatabase, naming what it
// found, when dataDir has no database file but traces of one.
func CheckNotLost(dataDir string) error {
	if _, err := os.Lstat(filepath.Join(dataDir, DBFile)); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	entries, err := os.ReadDir(dataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read data directory: %w", err)
	}
	var found []string
	for _, e := range entries {
		if tracesDatabase(e.Name()) {
			found = append(found, e.Name())
		}
	}
	if len(found) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s holds %s but no %s; restore it with 'handover restore --data %s FILE' "+
		"(a backup, or a %s.before-restore-* copy), or move those away to start a new wiki",
		ErrLostDatabase, dataDir, strings.Join(found, ", "), DBFile, dataDir, DBFile)
}

// tracesDatabase reports whether a file in a data directory is only
// there when a database was: the index (and its rebuild and restore
// leftovers), copies of the database, and restore's staged copy.
func tracesDatabase(name string) bool {
	return name == "index" || strings.HasPrefix(name, "index.") ||
		strings.HasPrefix(name, DBFile+".") || strings.HasPrefix(name, ".handover-backup-")
}
