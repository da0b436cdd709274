package quiz

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// giftQuestions is a GIFT file of n questions with ids, numbered from first.
func giftQuestions(first, n int) string {
	var b strings.Builder
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "// [id:q%d]\n::q%d:: Is step %d done before step %d? {T}\n\n", i, i, i, i+1)
	}
	return b.String()
}

func questionCount(t *testing.T, f *quizFixture, p *wiki.Page) int {
	t.Helper()
	qs, err := f.s.Questions(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(qs)
}

func TestImportQuestionCap(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)

	_, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(giftQuestions(0, MaxQuestions+1)))
	if wiki.ErrorKind(err) != wiki.Invalid || !strings.Contains(err.Error(), "at most 2000 questions") {
		t.Fatalf("ImportGIFT(%d questions) = %v, want Invalid naming the limit of 2000", MaxQuestions+1, err)
	}
	if n := questionCount(t, f, p); n != 0 {
		t.Fatalf("after a refused import the quiz has %d questions, want 0", n)
	}

	start := time.Now()
	rep, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(giftQuestions(0, MaxQuestions)))
	if err != nil || rep.Added != MaxQuestions {
		t.Fatalf("ImportGIFT(%d questions) = %+v, %v, want all added", MaxQuestions, rep, err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("ImportGIFT(%d questions) took %v, want well under 20s", MaxQuestions, d)
	}
	rep, err = f.s.ImportGIFT(p, f.alex, strings.NewReader(giftQuestions(0, MaxQuestions)))
	if err != nil || rep.Unchanged != MaxQuestions {
		t.Fatalf("ImportGIFT(the same file again) = %+v, %v, want all unchanged", rep, err)
	}

	// The quiz is full: one more question, imported or added, is refused.
	_, err = f.s.ImportGIFT(p, f.alex, strings.NewReader(giftQuestions(MaxQuestions, 1)))
	if wiki.ErrorKind(err) != wiki.Invalid || !strings.Contains(err.Error(), "at most 2000 questions") {
		t.Errorf("ImportGIFT(one more) = %v, want Invalid naming the limit", err)
	}
	err = f.s.AddQuestion(p, f.alex, tfQuestion("steps", true))
	if wiki.ErrorKind(err) != wiki.Invalid || !strings.Contains(err.Error(), "at most 2000 questions") {
		t.Errorf("AddQuestion(one more) = %v, want Invalid naming the limit", err)
	}
	if n := questionCount(t, f, p); n != MaxQuestions {
		t.Errorf("the quiz has %d questions, want %d", n, MaxQuestions)
	}
}

// TestImportUpdatesByIDAndContent: the one-pass import still replaces by
// export id, keeps identical questions, and adds the rest.
func TestImportUpdatesByIDAndContent(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	if _, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(giftQuestions(0, 3)+"No id here? {F}\n\n")); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(giftQuestions(0, 4), "{T}", "{F}", 1) + "No id here? {F}\n\n"
	rep, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(src))
	if err != nil || rep.Updated != 1 || rep.Unchanged != 3 || rep.Added != 1 {
		t.Fatalf("ImportGIFT = %+v, %v, want 1 updated, 3 unchanged, 1 added", rep, err)
	}
	if n := questionCount(t, f, p); n != 5 {
		t.Errorf("the quiz has %d questions, want 5", n)
	}
}

// BenchmarkImportGIFT imports a quiz of MaxQuestions into a new page while
// another goroutine keeps making small writes; max-write-wait-ms is the
// longest any of them waited, i.e. how long the import held the lock.
func BenchmarkImportGIFT(b *testing.B) {
	f := newQuizFixture(&testing.T{})
	src := giftQuestions(0, MaxQuestions)
	var maxWait atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			_ = f.s.w.Update(func(tx *wiki.Tx) error { return nil })
			if d := time.Since(start).Milliseconds(); d > maxWait.Load() {
				maxWait.Store(d)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	for i := 0; b.Loop(); i++ {
		p := f.page(fmt.Sprintf("ops/p%d", i), quizTestPageMD)
		if _, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(src)); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	<-done
	b.ReportMetric(float64(maxWait.Load()), "max-write-wait-ms")
}
