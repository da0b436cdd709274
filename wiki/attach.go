package wiki

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Attachments are files kept in bbolt beside the page they belong to, keyed
// by the page's ID so that a rename keeps them. They are only reachable while
// the page is live: a soft-deleted page's files are hidden with it and come
// back when an admin restores the page. Metadata and content live in two
// buckets so that listing a page's files never reads their bytes.
const (
	bucketAttachments = "attachments"
	bucketAttachData  = "attachment_data"
)

// DefaultMaxUpload is the size limit of one attachment unless configured.
const DefaultMaxUpload = 10 << 20

// MaxFileNameLen is the longest attachment name, in characters.
const MaxFileNameLen = 100

// Attachment describes a stored file.
type Attachment struct {
	V        int       `json:"v"`
	PageID   uint64    `json:"page_id"`
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	Type     string    `json:"type"` // sniffed by http.DetectContentType
	Uploader string    `json:"uploader"`
	Uploaded time.Time `json:"uploaded"`
	SHA256   string    `json:"sha256"`
}

// IsImage reports whether the file is shown inline: PNG, JPEG, GIF or WebP
// by its content, never by its name. SVG is not, as it can carry scripts.
func (a *Attachment) IsImage() bool { return inlineTypes[a.Type] }

var inlineTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// FileURL returns the address of attachment name of the page at pagePath.
// Parentheses are escaped too, so the URL can go into a Markdown link.
func FileURL(pagePath, name string) string {
	return "/files" + EscapedPath(pagePath) + "/" +
		strings.NewReplacer("(", "%28", ")", "%29").Replace(url.PathEscape(name))
}

// Markdown returns the reference to paste into a page: an image for images,
// a link otherwise.
func (a *Attachment) Markdown(pagePath string) string {
	label := strings.NewReplacer("[", "", "]", "").Replace(a.Name)
	ref := "[" + label + "](" + FileURL(pagePath, a.Name) + ")"
	if a.IsImage() {
		return "!" + ref
	}
	return ref
}

// CleanFileName makes an uploaded file name safe to store and serve: only
// the last element of a path is kept, hidden characters (HiddenRune:
// controls, bidi overrides, zero-width characters) are dropped,
// characters that are special in paths, URLs or Markdown become '_',
// leading dots and surrounding spaces go, and the name is cut to
// MaxFileNameLen characters, keeping its extension. Letters of any script
// are kept. A name with nothing left is Invalid.
func CleanFileName(name string) (string, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToValidUTF8(name, "")
	var b strings.Builder
	for _, r := range name {
		switch {
		case HiddenRune(r):
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		case strings.ContainsRune(`:*?"<>|[]()#%{}`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	name = strings.Join(strings.Fields(b.String()), " ")
	name = strings.TrimRight(strings.TrimLeft(name, ". "), ". ")
	if name == "" {
		return "", Errorf(Invalid, "the file name is empty or not allowed; give the file a name with letters or digits")
	}
	return truncateName(name, MaxFileNameLen), nil
}

// truncateName cuts name to max characters, keeping a short extension.
func truncateName(name string, max int) string {
	if utf8.RuneCountInString(name) <= max {
		return name
	}
	ext := shortExt(name)
	return cutStem(strings.TrimSuffix(name, ext), max-utf8.RuneCountInString(ext)) + ext
}

// shortExt returns name's extension when it has at most 10 characters; a
// longer "extension" is part of the name.
func shortExt(name string) string {
	if ext := path.Ext(name); utf8.RuneCountInString(ext) <= 10 {
		return ext
	}
	return ""
}

// cutStem cuts stem to at most n characters, without trailing dots or
// spaces.
func cutStem(stem string, n int) string {
	if r := []rune(stem); len(r) > n {
		stem = string(r[:max(n, 0)])
	}
	return strings.TrimRight(stem, ". ")
}

// numberedName is the name of the i-th upload of name to one page:
// "report-2.pdf". The stem is cut so that the number and the extension
// always fit in MaxFileNameLen.
func numberedName(name string, i int) string {
	ext, suffix := shortExt(name), fmt.Sprintf("-%d", i)
	room := MaxFileNameLen - utf8.RuneCountInString(ext) - len(suffix)
	return cutStem(strings.TrimSuffix(name, ext), room) + suffix + ext
}

func attachKey(pageID uint64, name string) []byte { return append(Itob(pageID), name...) }

// AddAttachment stores data as a file of the live page at pagePath. When
// the page already has a file of that name the new one is renamed
// ("name-2.png"), so earlier references keep pointing at what they showed.
// An empty file or a bad name is Invalid; a missing page is ErrNotFound.
func (s *Store) AddAttachment(pagePath, name, uploader string, data []byte) (*Attachment, error) {
	a, err := s.newAttachment(name, uploader, data)
	if err != nil {
		return nil, err
	}
	err = s.Update(func(tx *Tx) error {
		p, err := tx.PageByPath(pagePath)
		if err != nil {
			return err
		}
		a.PageID = p.ID
		if a.Name, err = tx.freeFileName(p.ID, a.Name); err != nil {
			return err
		}
		key := attachKey(p.ID, a.Name)
		if err := tx.Put(bucketAttachData, key, data); err != nil {
			return err
		}
		return tx.PutJSON(bucketAttachments, key, a)
	})
	if err != nil {
		return nil, fmt.Errorf("attach %q to %q: %w", a.Name, pagePath, err)
	}
	return a, nil
}

// newAttachment describes data as the file name, cleaned (CleanFileName),
// uploaded now; an empty file or a bad name is Invalid.
func (s *Store) newAttachment(name, uploader string, data []byte) (*Attachment, error) {
	name, err := CleanFileName(name)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, Errorf(Invalid, "the file %q is empty", name)
	}
	sum := sha256.Sum256(data)
	return &Attachment{V: 1, Name: name, Size: int64(len(data)), Type: http.DetectContentType(data),
		Uploader: uploader, Uploaded: s.Now(), SHA256: hex.EncodeToString(sum[:])}, nil
}

// freeFileName returns name, or name with "-2", "-3"… before its extension
// when the page already has a file of that name.
func (tx *Tx) freeFileName(pageID uint64, name string) (string, error) {
	for i := 1; i <= 1000; i++ {
		try := name
		if i > 1 {
			try = numberedName(name, i)
		}
		if tx.Get(bucketAttachments, attachKey(pageID, try)) == nil {
			return try, nil
		}
	}
	return "", Errorf(Conflict, "the page has too many files named like %q", name)
}

// Attachments returns the files of page pageID, sorted by name. It does not
// check that the page is live; callers do.
func (s *Store) Attachments(pageID uint64) ([]*Attachment, error) {
	var out []*Attachment
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketAttachments, Itob(pageID), func(_, v []byte) error {
			var a Attachment
			if err := decodeJSON(v, &a); err != nil {
				return err
			}
			out = append(out, &a)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, err
}

// Attachment returns one file of a page with its content, or ErrNotFound.
func (s *Store) Attachment(pageID uint64, name string) (*Attachment, []byte, error) {
	var a Attachment
	var data []byte
	err := s.View(func(tx *Tx) error {
		key := attachKey(pageID, name)
		if err := tx.GetJSON(bucketAttachments, key, &a); err != nil {
			return err
		}
		data = tx.Get(bucketAttachData, key)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &a, data, nil
}

// DeleteAttachment removes a file of a page. Only its uploader and admins
// may; others get Forbidden, a missing file NotFound.
func (s *Store) DeleteAttachment(pageID uint64, name string, by *User) error {
	return s.Update(func(tx *Tx) error {
		key := attachKey(pageID, name)
		var a Attachment
		err := tx.GetJSON(bucketAttachments, key, &a)
		if errors.Is(err, ErrNotFound) {
			return Errorf(NotFound, "the page has no file %q", name)
		} else if err != nil {
			return err
		}
		if !by.IsAdmin() && !by.Is(a.Uploader) {
			return Errorf(Forbidden, "only %s (who uploaded it) or an administrator may delete %q", a.Uploader, name)
		}
		if err := tx.Delete(bucketAttachData, key); err != nil {
			return err
		}
		return tx.Delete(bucketAttachments, key)
	})
}

// FormatBytes says a size the way people read it: "512 bytes", "1.5 MiB".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
