package main

import (
	"testing"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki"
)

// quizPageMD is a crisis protocol with a critical section.
const quizPageMD = `---
title: Crisis protocol
owner: alex
critical: [first-steps]
---

For when the WMS is down.

## First steps

1. Acknowledge the page.
2. Call the shift lead.
3. Fence the old primary before promoting the standby.

## Escalation

Call Morgan after 30 minutes.
`

// quizStore returns the app's quiz store.
func (a *testApp) quizStore() *quiz.Store { return quiz.NewStore(a.Main.Store) }

// user returns the account called name.
func (a *testApp) quizUser(name string) *wiki.User {
	a.t.Helper()
	u, err := a.Main.Store.UserByName(name)
	if err != nil {
		a.t.Fatalf("user %s: %v", name, err)
	}
	return u
}

// page returns the live page at path.
func (a *testApp) quizPage(path string) *wiki.Page {
	a.t.Helper()
	p, err := a.Main.Store.Page(path)
	if err != nil {
		a.t.Fatalf("page %s: %v", path, err)
	}
	return p
}

// addQuestion adds q to the quiz of the page at path as author.
func (a *testApp) quizAdd(path, author string, q *quiz.Question) *quiz.Question {
	a.t.Helper()
	if err := a.quizStore().AddQuestion(a.quizPage(path), a.quizUser(author), q); err != nil {
		a.t.Fatalf("add question: %v", err)
	}
	return q
}

// settings sets the quiz settings of the page at path as author.
func (a *testApp) quizSettings(path, author string, st quiz.Settings) {
	a.t.Helper()
	if _, err := a.quizStore().SaveSettings(a.quizPage(path).ID, a.quizUser(author), st); err != nil {
		a.t.Fatalf("settings: %v", err)
	}
}

// clock lets a test move the app's time.
type quizClock struct{ t time.Time }

func (c *quizClock) now() time.Time          { return c.t }
func (c *quizClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func (a *testApp) quizSetClock() *quizClock {
	c := &quizClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	a.Main.Store.SetClock(c.now)
	return c
}

// essayQuestion is a teach-back question on the critical section.
func essayQuestion() *quiz.Question {
	return &quiz.Question{Type: quiz.Essay, Section: "first-steps", Critical: true,
		Text: "Why do we fence the old primary before promoting?", Explanation: "Two primaries split the data."}
}

func choiceQuestion() *quiz.Question {
	return &quiz.Question{Type: quiz.SingleChoice, Section: "first-steps", Critical: true, Text: "What comes first?",
		Answers:     []gift.Answer{{Text: "Acknowledge the page", Weight: 100, Feedback: "FB-RIGHT-ack"}, {Text: "Call Morgan", Feedback: "FB-WRONG-morgan"}},
		Explanation: "EXPL-acknowledge-first"}
}

// seedQuizFor gives the page at path a quiz by author with one essay
// question, a submitted attempt by taker answering it, and a flag by
// taker; it returns the question, attempt and flag IDs.
func (a *testApp) seedQuizFor(t *testing.T, path, author, taker string) (q, at, fl uint64) {
	t.Helper()
	qs := a.quizStore()
	question := a.quizAdd(path, author, essayQuestion())
	att, err := qs.StartAttempt(a.quizPage(path), a.quizUser(taker))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.SubmitAttempt(att.ID, a.quizUser(taker), []quiz.Response{{Text: "Split brain."}}); err != nil {
		t.Fatal(err)
	}
	flag, err := qs.AddFlag(att.ID, question.ID, a.quizUser(taker), quiz.FlagAmbiguous, "which primary?")
	if err != nil {
		t.Fatal(err)
	}
	return question.ID, att.ID, flag.ID
}
