package main

import (
	"net/http"

	"github.com/handover/handover/quiz"
	quizweb "github.com/handover/handover/quiz/web"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
)

// registerQuiz adds the quiz package's routes and its page extension.
func (m *Main) registerQuiz(mux *http.ServeMux, deps *web.Deps) {
	ext := quizweb.Register(mux, quizweb.Deps{Store: m.Quiz, Wiki: m.Store, Views: deps.Views, Log: m.Log, Static: deps.Static})
	deps.Extensions = append(deps.Extensions, ext)
}

// openStore opens the data directory's database with every package's
// buckets, and the quiz store over it; all commands use it. Whoever saves
// pages needs the quiz store opened: it moves critical marks and question
// pins with renamed sections.
func openStore(dir string) (*wiki.Store, *quiz.Store, error) {
	s, err := wiki.OpenStore(dir, quiz.Buckets()...)
	if err != nil {
		return nil, nil, err
	}
	qs, err := quiz.Open(s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, qs, nil
}
