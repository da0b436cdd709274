package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
)

// atOnce runs fn(0) … fn(n-1) on n goroutines released together and
// returns their responses' statuses.
func atOnce(n int, fn func(i int) *webtest.Response) map[int]int {
	statuses := make([]int, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = fn(i).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	out := map[int]int{}
	for _, s := range statuses {
		out[s]++
	}
	return out
}

// TestSubmissionConcurrent: sam's browser sends the same attempt 20 times
// at once, half of them with the right answer and half with the wrong
// one. It is graded once: one submitted attempt, one answer recorded per
// question, one entry in the handover's record, and every request answered
// with the result (303), never a 5xx.
func TestSubmissionConcurrent(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	app.SavePage("it-ops/crisis", quiztest.PageMD)
	q := app.AddQuestion("it-ops/crisis", "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "first-steps", Critical: true, Text: "Fence first?", Truth: true})
	sam := app.Login("sam")
	att, err := app.Quiz.StartAttempt(app.Page("it-ops/crisis"), app.User("sam"))
	if err != nil {
		t.Fatal(err)
	}
	statuses := atOnce(20, func(i int) *webtest.Response {
		return sam.PostForm(fmt.Sprintf("/quiz/attempt/%d", att.ID), url.Values{"q0": {fmt.Sprint(i%2 == 0)}})
	})
	if statuses[http.StatusSeeOther] != 20 {
		t.Errorf("20 submissions at once: statuses %v, want 20 × 303", statuses)
	}
	attempts, err := app.Quiz.UserAttempts(app.User("sam").ID, app.Page("it-ops/crisis").ID)
	if err != nil || len(attempts) != 1 || attempts[0].Open() {
		t.Fatalf("attempts = %v, %v; want one, submitted", attempts, err)
	}
	history, err := app.Quiz.AnswerHistory(app.User("sam").ID, q.ID)
	if err != nil || len(history) != 1 {
		t.Errorf("answers recorded = %d, %v; want 1", len(history), err)
	}
	h, _ := app.Quiz.Handover(1)
	rec, err := app.Quiz.Record(h, app.User("morgan"), quiz.RecordFilter{Kind: quiz.RecordAttempt})
	if err != nil || len(rec) != 1 {
		t.Errorf("attempts on the record = %d, %v; want 1", len(rec), err)
	}
	t.Logf("20 submissions at once: %v, %d attempt graded once", statuses, len(attempts))
}

// TestAcknowledgementConcurrent: sam presses "I have read this revision"
// in 20 tabs at once. One acknowledgement is stored, one entry recorded,
// every request answered 303.
func TestAcknowledgementConcurrent(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SeedHandover()
	p := app.SavePage("it-ops/crisis", quiztest.PageMD)
	sam := app.Login("sam")
	statuses := atOnce(20, func(int) *webtest.Response {
		return sam.PostForm("/ack/it-ops/crisis", url.Values{"rev": {fmt.Sprint(p.Revision)}})
	})
	if statuses[http.StatusSeeOther] != 20 {
		t.Errorf("20 acknowledgements at once: statuses %v, want 20 × 303", statuses)
	}
	ack, err := app.Quiz.Ack(app.User("sam").ID, p.ID)
	if err != nil || ack == nil || ack.Rev != p.Revision {
		t.Errorf("acknowledgement = %+v, %v; want revision %d", ack, err, p.Revision)
	}
	h, _ := app.Quiz.Handover(1)
	rec, err := app.Quiz.Record(h, app.User("morgan"), quiz.RecordFilter{Kind: quiz.RecordAck})
	if err != nil || len(rec) != 1 {
		t.Errorf("acknowledgements on the record = %d, %v; want 1", len(rec), err)
	}
}
