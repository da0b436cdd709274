package main

import (
	"io/fs"

	"github.com/handover/handover/quiz"
)

// seedDemoQuizzes adds the demo's knowledge checks to the demo pages.
func seedDemoQuizzes(qs *quiz.Store, fsys fs.FS) error {
	return nil
}
