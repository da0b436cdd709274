package wiki

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Page is the current state of a wiki page. Its text lives in revisions.
type Page struct {
	V          int       `json:"v"`
	ID         uint64    `json:"id"`
	Path       string    `json:"path"`
	Title      string    `json:"title"`
	Tags       []string  `json:"tags,omitempty"`
	Owner      string    `json:"owner,omitempty"`
	ReviewDays int       `json:"review_days,omitempty"`
	Verified   time.Time `json:"verified,omitzero"`
	Revision   int       `json:"revision"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated"`
	UpdatedBy  string    `json:"updated_by"`
	// SignificantRev is the newest revision that asks incoming owners to
	// acknowledge the page again.
	SignificantRev int           `json:"significant_rev"`
	Critical       []string      `json:"critical,omitempty"`
	Sections       []SectionInfo `json:"sections,omitempty"`
	Links          []string      `json:"links,omitempty"`
	Deleted        bool          `json:"deleted,omitempty"`
	DeletedAt      time.Time     `json:"deleted_at,omitzero"`
	DeletedBy      string        `json:"deleted_by,omitempty"`
}

// SectionInfo is what the page remembers of each section of its current
// revision: the stable ID, heading and text hash.
type SectionInfo struct {
	ID      string `json:"id"`
	Heading string `json:"heading"`
	Level   int    `json:"level"`
	Hash    string `json:"hash"`
}

// Section returns the section with the given ID, or false.
func (p *Page) Section(id string) (SectionInfo, bool) {
	for _, s := range p.Sections {
		if s.ID == id {
			return s, true
		}
	}
	return SectionInfo{}, false
}

// IsCritical reports whether section id is marked critical.
func (p *Page) IsCritical(id string) bool {
	for _, c := range p.Critical {
		if c == id {
			return true
		}
	}
	return false
}

// NeedsReview reports whether the page is overdue for its periodic review.
func (p *Page) NeedsReview(now time.Time) bool {
	if p.ReviewDays <= 0 {
		return false
	}
	last := p.Verified
	if last.IsZero() {
		last = p.Created
	}
	return now.Sub(last) > time.Duration(p.ReviewDays)*24*time.Hour
}

// ReviewDue returns the date the next review is due (zero if none).
func (p *Page) ReviewDue() time.Time {
	if p.ReviewDays <= 0 {
		return time.Time{}
	}
	last := p.Verified
	if last.IsZero() {
		last = p.Created
	}
	return last.AddDate(0, 0, p.ReviewDays)
}

// URL returns the page's address.
func (p *Page) URL() string { return PageURL(p.Path) }

// Revision is one saved version of a page.
type Revision struct {
	V        int       `json:"v"`
	PageID   uint64    `json:"page_id"`
	N        int       `json:"n"`
	Path     string    `json:"path"`
	Title    string    `json:"title"`
	Markdown string    `json:"markdown"`
	Author   string    `json:"author"`
	Time     time.Time `json:"time"`
	Comment  string    `json:"comment,omitempty"`
	// Significant is set when this revision asks for re-acknowledgement.
	Significant bool `json:"significant,omitempty"`
	// Changed lists the IDs of sections whose text changed from the
	// previous revision (added, removed or edited).
	Changed []string `json:"changed,omitempty"`
}

// Maximum sizes.
const (
	MaxPathLen     = 200
	MaxTitleLen    = 200
	MaxMarkdownLen = 1 << 20
	MaxTags        = 20
	MaxCommentLen  = 500
)

// CleanPath validates a page path and returns its canonical form: lowercase,
// trimmed of surrounding slashes and spaces. Segments are letters, digits
// (with their combining marks), '-', '_' and '.', with no empty, "." or
// ".." segment. PathFromTitle derives a segment from a title.
func CleanPath(p string) (string, error) {
	p = strings.ToLower(strings.Trim(strings.TrimSpace(p), "/"))
	switch {
	case p == "":
		return "", Errorf(Invalid, "the page path is empty")
	case !utf8.ValidString(p):
		return "", Errorf(Invalid, "the page path is not valid UTF-8")
	case utf8.RuneCountInString(p) > MaxPathLen:
		return "", Errorf(Invalid, "the page path is longer than %d characters", MaxPathLen)
	}
	for _, seg := range strings.Split(p, "/") {
		if err := checkSegment(seg); err != nil {
			return "", err
		}
	}
	return p, nil
}

func checkSegment(seg string) error {
	switch seg {
	case "":
		return Errorf(Invalid, "the page path has an empty segment (two slashes in a row)")
	case ".", "..":
		return Errorf(Invalid, "the page path may not contain %q segments", seg)
	}
	for _, r := range seg {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isPathMark(r) && !strings.ContainsRune("-_.", r) {
			return Errorf(Invalid, "the page path may only contain letters, digits, '-', '_', '.' and '/' (found %q)", r)
		}
	}
	return nil
}

// isPathMark reports a combining mark a path may hold: accents and vowel
// signs belong to the letters of many scripts ("हिन्दी" cannot be spelt
// without them), but variation selectors and other invisible marks would
// let two paths look the same.
func isPathMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Mc) &&
		!unicode.In(r, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// PageURL returns the URL of the page at path.
func PageURL(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "/wiki/" + strings.Join(segs, "/")
}

// TitleFromPath makes a readable title from a path's last segment.
func TitleFromPath(path string) string {
	last := path[strings.LastIndex(path, "/")+1:]
	last = strings.NewReplacer("-", " ", "_", " ").Replace(last)
	r, size := utf8.DecodeRuneInString(last)
	if r == utf8.RuneError {
		return path
	}
	return string(unicode.ToUpper(r)) + last[size:]
}

// CleanTags trims, lowercases and de-duplicates tags, without hidden
// characters (CleanDisplayText).
func CleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToLower(CleanDisplayText(t))
		t = strings.Join(strings.Fields(t), "-")
		if t == "" || seen[t] || len(out) >= MaxTags {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// SplitTags splits a comma- or space-separated tag list from a form.
func SplitTags(s string) []string {
	return CleanTags(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }))
}
