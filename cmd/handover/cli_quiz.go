package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// runQuizImport is `handover quiz import --page PATH [--author NAME] FILE`
// ("-" reads stdin). It prints "imported N questions"; each skipped
// question is named with its line on stderr. A file that is not UTF-8 is
// refused whole (exit 1), as is a file of which nothing could be imported.
func runQuizImport(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("quiz import", env)
	page := fs.String("page", "", "the page whose quiz receives the questions (required)")
	author := fs.String("author", "", "author of a new quiz (default: the page's owner)")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if *page == "" || fs.NArg() != 1 {
		return usagef("quiz import takes --page PATH and one GIFT file")
	}
	in, name, err := openInput(env, fs.Arg(0))
	if err != nil {
		return err
	}
	defer in.Close()
	store, qs, err := openStoreFor(*dir, "import a quiz")
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := importQuiz(store, qs, *page, *author, in)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	reportQuizImport(env.stderr, name, rep)
	fmt.Fprintf(env.stdout, "imported %d questions\n", rep.Imported())
	if rep.Imported() == 0 {
		return fmt.Errorf("%s: no question could be imported", name)
	}
	return nil
}

func openInput(env *cmdEnv, name string) (io.ReadCloser, string, error) {
	if name == "-" {
		return io.NopCloser(env.stdin), "stdin", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, err
	}
	return f, name, nil
}

// importQuiz imports GIFT into the quiz of the page at pagePath.
func importQuiz(store *wiki.Store, qs *quiz.Store, pagePath, author string, r io.Reader) (*quiz.ImportReport, error) {
	p, err := livePage(store, pagePath)
	if err != nil {
		return nil, err
	}
	return qs.ImportGIFT(p, cliAuthor(qs, p, author), r)
}

func livePage(store *wiki.Store, pagePath string) (*wiki.Page, error) {
	clean, err := wiki.CleanPath(pagePath)
	if err != nil {
		return nil, err
	}
	p, err := store.Page(clean)
	if errors.Is(err, wiki.ErrNotFound) || (err == nil && p.Deleted) {
		return nil, fmt.Errorf("there is no page %q", clean)
	}
	return p, err
}

// cliAuthor is whom a command-line import acts as: the quiz's author when
// the page has a quiz, else name, else the page's owner or last editor. It
// has an administrator's rights: whoever runs the command holds the data
// directory.
func cliAuthor(qs *quiz.Store, p *wiki.Page, name string) *wiki.User {
	if qz, err := qs.Quiz(p.ID); err == nil {
		name = qz.Author
	}
	for _, n := range []string{name, p.Owner, p.UpdatedBy, "admin"} {
		if n != "" {
			return &wiki.User{Name: n, Role: wiki.RoleAdmin}
		}
	}
	return nil
}

// reportQuizImport names every skipped question and every warning, one
// line each, on w.
func reportQuizImport(w io.Writer, file string, rep *quiz.ImportReport) {
	for _, e := range rep.Skipped {
		fmt.Fprintf(w, "handover: %s: line %d: skipped: %s\n", file, e.Line, e.Msg)
	}
	for _, e := range rep.Warnings {
		fmt.Fprintf(w, "handover: %s: line %d: warning: %s\n", file, e.Line, e.Msg)
	}
	if rep.Updated+rep.Unchanged > 0 {
		fmt.Fprintf(w, "handover: %s: %d new, %d updated, %d unchanged (matched by id)\n", file, rep.Added, rep.Updated, rep.Unchanged)
	}
}

// runQuizExport is `handover quiz export --page PATH`: the quiz as GIFT on
// stdout.
func runQuizExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("quiz export", env)
	page := fs.String("page", "", "the page whose quiz to export (required)")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if *page == "" || fs.NArg() != 0 {
		return usagef("quiz export takes --page PATH and writes GIFT to stdout")
	}
	store, qs, err := openStoreFor(*dir, "export a quiz")
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := livePage(store, *page)
	if err != nil {
		return err
	}
	if _, err := qs.Quiz(p.ID); errors.Is(err, wiki.ErrNotFound) {
		return fmt.Errorf("the page %q has no quiz", p.Path)
	}
	_, err = qs.ExportGIFT(p.ID, env.stdout)
	return err
}

// exportQuizzes writes every page's quiz as <path>.gift beside the page's
// <path>.md; it is one of the exporters of `handover export`.
func exportQuizzes(ctx context.Context, store *wiki.Store, qs *quiz.Store, root *os.Root, progress wiki.Progress) (int, error) {
	quizzes, err := qs.QuizzesBy(&wiki.User{Role: wiki.RoleAdmin})
	if err != nil {
		return 0, err
	}
	n := 0
	for i, qz := range quizzes {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		p, err := store.PageByID(qz.PageID)
		if err != nil || p.Deleted || len(qz.Order) == 0 {
			continue
		}
		var b strings.Builder
		if _, err := qs.ExportGIFT(p.ID, &b); err != nil {
			return n, fmt.Errorf("quiz of %s: %w", p.Path, err)
		}
		if err := writeExportFile(root, p.Path+".gift", []byte(b.String())); err != nil {
			return n, err
		}
		n++
		progress(i+1, len(quizzes))
	}
	return n, nil
}

// importQuizTree imports every *.gift file of fsys into the quiz of the
// page at prefix/ + its path without ".gift" (lowercased, as `handover
// import` names pages), after the pages were imported. Problems are
// reported on w, one line each; it returns the quizzes and questions
// imported.
func importQuizTree(store *wiki.Store, qs *quiz.Store, fsys fs.FS, prefix string, w io.Writer) (quizzes, questions int, err error) {
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && wiki.IsFilesDir(name) {
			return fs.SkipDir // attachments, even ones named *.gift
		}
		if err != nil || d.IsDir() || !strings.EqualFold(path.Ext(name), ".gift") {
			return err
		}
		n, ierr := importQuizFile(store, qs, fsys, name, prefix, w)
		if ierr != nil {
			fmt.Fprintf(w, "handover: skipped %s: %v\n", name, ierr)
		} else if n > 0 {
			quizzes, questions = quizzes+1, questions+n
		}
		return nil
	})
	return quizzes, questions, err
}

func importQuizFile(store *wiki.Store, qs *quiz.Store, fsys fs.FS, name, prefix string, w io.Writer) (int, error) {
	pagePath := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	if prefix != "" {
		pagePath = strings.Trim(prefix, "/") + "/" + pagePath
	}
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rep, err := importQuiz(store, qs, pagePath, "", f)
	if err != nil {
		return 0, err
	}
	reportQuizImport(w, name, rep)
	return rep.Imported(), nil
}
