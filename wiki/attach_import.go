package wiki

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// FilesDirSuffix ends the directory that holds a page's attachments in an
// export: the files of page "it-ops/contacts" are in
// "it-ops/contacts.files/". Import reads them from there and never takes
// Markdown files inside such a directory for pages.
const FilesDirSuffix = ".files"

// IsFilesDir reports whether the slash-separated directory name holds
// attachments.
func IsFilesDir(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), FilesDirSuffix) && len(path.Base(name)) > len(FilesDirSuffix)
}

// EachAttachment calls fn with every file of every live page, with the
// page's path, in one read transaction; data is only valid during fn.
func (s *Store) EachAttachment(fn func(pagePath string, a *Attachment, data []byte) error) error {
	return s.View(func(tx *Tx) error {
		pages := map[uint64]*Page{}
		return tx.ForEach(bucketAttachments, nil, func(k, v []byte) error {
			var a Attachment
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			p, ok := pages[a.PageID]
			if !ok {
				var err error
				if p, err = tx.PageByID(a.PageID); err != nil && !errors.Is(err, ErrNotFound) {
					return err
				}
				pages[a.PageID] = p
			}
			if p == nil || p.Deleted {
				return nil
			}
			return fn(p.Path, &a, tx.Get(bucketAttachData, k))
		})
	})
}

// PutAttachment stores data as the file name of the live page at pagePath,
// replacing a file of that name: what an import does, so that importing
// an export again changes nothing and a changed file keeps its references.
// It reports whether anything changed.
func (s *Store) PutAttachment(pagePath, name, uploader string, data []byte) (changed bool, err error) {
	a, err := s.newAttachment(name, uploader, data)
	if err != nil {
		return false, err
	}
	err = s.Update(func(tx *Tx) error {
		p, err := tx.PageByPath(pagePath)
		if errors.Is(err, ErrNotFound) {
			return Errorf(NotFound, "there is no page %q to attach it to", pagePath)
		} else if err != nil {
			return err
		}
		a.PageID = p.ID
		key := attachKey(p.ID, a.Name)
		var old Attachment
		if tx.GetJSON(bucketAttachments, key, &old) == nil && old.SHA256 == a.SHA256 &&
			bytes.Equal(tx.Get(bucketAttachData, key), data) {
			return nil
		}
		changed = true
		if err := tx.Put(bucketAttachData, key, data); err != nil {
			return err
		}
		return tx.PutJSON(bucketAttachments, key, a)
	})
	return changed, err
}

// FileImportReport says what ImportFiles did.
type FileImportReport struct {
	Stored, Unchanged int
	Skipped           []ImportProblem
}

// ImportFiles stores the files of every PAGE.files directory of fsys as
// attachments of the page Prefix/PAGE (lowercased, as Import names pages),
// which must exist: import the pages first. A file larger than maxSize,
// empty, in a nested directory, or of a page that does not exist is
// skipped and listed in the report.
func (s *Store) ImportFiles(ctx context.Context, fsys fs.FS, opts ImportOptions, maxSize int64) (*FileImportReport, error) {
	prefix, err := opts.pathPrefix()
	if err != nil {
		return nil, err
	}
	rep := &FileImportReport{}
	skip := func(name, why string) { rep.Skipped = append(rep.Skipped, ImportProblem{File: name, Reason: why}) }
	uploader := opts.Author
	if uploader == "" {
		uploader = "import"
	}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		dir := path.Dir(name)
		switch {
		case d.IsDir() && vcsDirs[d.Name()]:
			return fs.SkipDir
		case d.IsDir() && IsFilesDir(path.Dir(name)):
			skip(name, "attachments are files directly inside a "+FilesDirSuffix+" directory, not in directories below it")
			return fs.SkipDir
		case d.IsDir() || !IsFilesDir(dir):
			return nil
		}
		pagePath, err := CleanPath(prefix + strings.ToLower(dir[:len(dir)-len(FilesDirSuffix)]))
		if err != nil {
			skip(name, "its directory does not name a valid page path: "+reason(err))
			return nil
		}
		data, err := readLimited(fsys, name, int(maxSize))
		if ErrorKind(err) == TooLarge {
			skip(name, "it is larger than "+FormatBytes(maxSize)+", the attachment size limit")
			return nil
		} else if err != nil {
			skip(name, err.Error())
			return nil
		}
		changed, err := s.PutAttachment(pagePath, path.Base(name), uploader, data)
		switch {
		case err != nil && ErrorKind(err) == Internal:
			return err
		case err != nil:
			skip(name, reason(err))
		case changed:
			rep.Stored++
		default:
			rep.Unchanged++
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("import files: %w", err)
	}
	sort.Slice(rep.Skipped, func(i, j int) bool { return rep.Skipped[i].File < rep.Skipped[j].File })
	return rep, nil
}
