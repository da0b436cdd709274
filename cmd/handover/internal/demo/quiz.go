package demo

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/handover/handover/quiz"
)

// demoQuizDir holds the demo's knowledge checks as GIFT, one file per page:
// demo/quizzes/<page path>.gift. Each starts with the "// handover quiz:"
// line that sets the quiz's settings.
const demoQuizDir = "demo/quizzes"

// seedDemoQuizzes adds the demo's knowledge checks to the demo pages, with
// alex (the outgoing owner) as their author. Demo content must import
// cleanly: a skipped question is an error.
func seedDemoQuizzes(qs *quiz.Store, fsys fs.FS) error {
	alex, err := qs.Wiki().UserByName("alex")
	if err != nil {
		return fmt.Errorf("demo quizzes: %w", err)
	}
	return fs.WalkDir(fsys, demoQuizDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".gift" {
			return err
		}
		pagePath := strings.TrimSuffix(strings.TrimPrefix(name, demoQuizDir+"/"), ".gift")
		p, err := qs.Wiki().Page(pagePath)
		if err != nil {
			return fmt.Errorf("demo quiz %s: page %s: %w", name, pagePath, err)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		rep, err := qs.ImportGIFT(p, alex, f)
		if err != nil {
			return fmt.Errorf("demo quiz %s: %w", name, err)
		}
		if len(rep.Skipped)+len(rep.Warnings) > 0 {
			return fmt.Errorf("demo quiz %s: %v %v", name, rep.Skipped, rep.Warnings)
		}
		return nil
	})
}
