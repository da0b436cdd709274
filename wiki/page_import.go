package wiki

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/handover/handover/wiki/markup"
)

// ImportOptions configures Store.Import.
type ImportOptions struct {
	// Prefix goes before every page path ("" for none); it must be a valid
	// page path itself.
	Prefix string
	// Author is the author of the imported revisions; "import" when empty.
	Author string
	// Progress is told how many files are done after each committed chunk.
	Progress Progress
}

// pathPrefix is the checked Prefix with a trailing "/", or "".
func (o ImportOptions) pathPrefix() (string, error) {
	if o.Prefix == "" {
		return "", nil
	}
	p, err := CleanPath(o.Prefix)
	if err != nil {
		return "", fmt.Errorf("prefix %q: %w", o.Prefix, err)
	}
	return p + "/", nil
}

// ImportProblem is a file Import skipped, and why.
type ImportProblem struct {
	File   string
	Reason string
}

// ImportReport says what Import did with each file.
type ImportReport struct {
	Created, Updated, Unchanged int
	// Skipped lists the files that were not imported, by file name.
	Skipped []ImportProblem
}

// Imported is the number of files that are now pages.
func (r *ImportReport) Imported() int { return r.Created + r.Updated + r.Unchanged }

// mdFile is a Markdown file found by Import and the page it becomes.
type mdFile struct {
	name string // slash-separated, relative to the tree's root
	path string // the page path
}

// Import makes every *.md file in fsys a page. The page path is
// Prefix + "/" + the file's path, lowercased, without ".md"; the title is
// the front matter's title:, else the first H1, else made from the file
// name; tags, owner, review_days and critical come from the front matter
// (ones it does not mention keep the page's current values). A file whose
// path is not a valid page path, or that is not UTF-8, is larger than
// MaxMarkdownLen or has malformed front matter, is skipped and listed in
// the report; the rest are imported. Unchanged files leave their pages
// alone; changed ones become new revisions by Author with the comment
// "Imported from FILE". Files are read and parsed in parallel and saved
// savePagesChunk to a transaction. Directories of version control systems
// (.git, .hg, .svn) and of attachments (PAGE.files, see ImportFiles) are not
// searched. The error is for the import as a
// whole (an unreadable root, the database); chunks saved before it stay.
func (s *Store) Import(ctx context.Context, fsys fs.FS, opts ImportOptions) (*ImportReport, error) {
	prefix, err := opts.pathPrefix()
	if err != nil {
		return nil, err
	}
	files, skipped, err := findMarkdown(fsys, prefix)
	if err != nil {
		return nil, err
	}
	author := cmp.Or(opts.Author, "import")
	results := make([]SaveResult, len(files))
	err = s.saveBatch(ctx, results, func(i int) (*preparedSave, error) {
		return prepareImport(fsys, files[i], author)
	}, opts.Progress)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	report := &ImportReport{Skipped: skipped}
	for i, r := range results {
		report.add(files[i].name, r)
	}
	sort.Slice(report.Skipped, func(i, j int) bool { return report.Skipped[i].File < report.Skipped[j].File })
	return report, nil
}

func (r *ImportReport) add(file string, res SaveResult) {
	switch {
	case res.Err != nil:
		r.Skipped = append(r.Skipped, ImportProblem{File: file, Reason: reason(res.Err)})
	case res.Status == Created:
		r.Created++
	case res.Status == Updated:
		r.Updated++
	default:
		r.Unchanged++
	}
}

// reason is the user-facing text of why a file was skipped.
func reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}

// vcsDirs are directories that never hold pages.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// findMarkdown lists the *.md files of fsys in lexical order with their
// page paths; files without a valid, distinct page path are skipped.
func findMarkdown(fsys fs.FS, prefix string) ([]mdFile, []ImportProblem, error) {
	var files []mdFile
	var skipped []ImportProblem
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && name == ".":
			return err
		case err != nil:
			skipped = append(skipped, ImportProblem{File: name, Reason: err.Error()})
			return nil
		case d.IsDir() && (vcsDirs[d.Name()] || IsFilesDir(name)):
			return fs.SkipDir // version control, or a page's attachments (ImportFiles)
		case d.IsDir() || !isMarkdown(name):
			return nil
		}
		p, err := CleanPath(prefix + name[:len(name)-len(".md")])
		switch {
		case err != nil:
			skipped = append(skipped, ImportProblem{File: name, Reason: "its name is not a valid page path: " + reason(err)})
		case seen[p] != "":
			skipped = append(skipped, ImportProblem{File: name, Reason: fmt.Sprintf("it becomes the same page %q as %s", p, seen[p])})
		default:
			seen[p] = name
			files = append(files, mdFile{name: name, path: p})
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read the import directory: %w", err)
	}
	return files, skipped, nil
}

func isMarkdown(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md") && len(path.Base(name)) > len(".md")
}

// prepareImport reads and checks one file and prepares its save.
func prepareImport(fsys fs.FS, f mdFile, author string) (*preparedSave, error) {
	data, err := readLimited(fsys, f.name, MaxMarkdownLen)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if line, bad := invalidUTF8Line(data); bad {
		return nil, Errorf(Invalid, "the file is not valid UTF-8 (line %d); convert it first, e.g. with iconv", line)
	}
	ps, err := prepareSave(SaveRequest{Path: f.path, Markdown: string(data), BaseRevision: AnyRevision,
		Author: author, Comment: clipRunes("Imported from "+f.name, MaxCommentLen)})
	if err != nil {
		return nil, err
	}
	// Set the title here rather than leave it to savePage, which keeps an
	// existing page's title: a re-imported file whose H1 changed must
	// change the title too.
	if ps.req.Title == "" {
		ps.req.Title = clipRunes(firstH1(ps.outline, fileTitle(f.name)), MaxTitleLen)
	}
	return ps, nil
}

// readLimited reads a file of at most limit bytes.
func readLimited(fsys fs.FS, name string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, Errorf(TooLarge, "the file is larger than %s, the page size limit", FormatBytes(int64(limit)))
	}
	return data, nil
}

// fileTitle makes a title from a file name, keeping its case
// ("KubePodCrashLooping.md" → "KubePodCrashLooping").
func fileTitle(name string) string {
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	return TitleFromPath(strings.Trim(stem, "-_ "))
}

// invalidUTF8Line returns the 1-based line of the first invalid UTF-8
// sequence in data, if there is one.
func invalidUTF8Line(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, false
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1, true
		}
		i += size
	}
	return 0, false
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// ExportMarkdown returns a page as a Markdown file whose front matter holds
// its title, tags, owner, review interval and critical sections: the
// inverse of Import, so importing the file reproduces the page.
func ExportMarkdown(p *Page, markdown string) []byte {
	fm := markup.FrontMatter{Title: p.Title, Tags: p.Tags, Owner: p.Owner,
		ReviewDays: p.ReviewDays, Critical: p.Critical}
	return markup.JoinFrontMatter(fm, []byte(markdown))
}
