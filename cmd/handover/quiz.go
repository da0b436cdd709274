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
	ext := quizweb.Register(mux, quizweb.Deps{Store: quiz.NewStore(m.Store), Wiki: m.Store, Views: deps.Views, Log: m.Log})
	deps.Extensions = append(deps.Extensions, ext)
}

// openStore opens the data directory's database with every package's
// buckets; all commands use it.
func openStore(dir string) (*wiki.Store, error) {
	s, err := wiki.OpenStore(dir, quiz.Buckets()...)
	if err != nil {
		return nil, err
	}
	quiz.NewStore(s) // registers what quizzes do on page saves, whoever saves
	return s, nil
}
