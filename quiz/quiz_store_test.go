package quiz

import (
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/quiz/gift"
	"github.com/handover/handover/wiki"
)

// edit replaces old with new in the page's text, as alex.
func (f *quizFixture) edit(p *wiki.Page, old, new string) *wiki.Page {
	f.t.Helper()
	text, err := f.s.w.CurrentText(p)
	if err != nil {
		f.t.Fatal(err)
	}
	if !strings.Contains(text, old) {
		f.t.Fatalf("page text lacks %q", old)
	}
	p, err = f.s.w.SavePage(wiki.SaveRequest{Path: p.Path, Markdown: strings.Replace(text, old, new, 1),
		Author: "alex", BaseRevision: p.Revision})
	if err != nil {
		f.t.Fatalf("edit %s: %v", p.Path, err)
	}
	return p
}

func TestStalenessFollowsThePinnedSection(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))

	p = f.edit(p, "Power the old primary back on.", "Power the old primary back on, then rejoin it.")
	if q, _ = f.s.Question(q.ID); q.Stale(p) {
		t.Fatalf("question on steps went stale after an edit of rollback")
	}
	p = f.edit(p, "2. Promote the standby.", "2. Promote db-02.")
	if q, _ = f.s.Question(q.ID); !q.Stale(p) {
		t.Fatalf("question on steps is not stale after its section changed")
	}
	if err := f.s.ConfirmQuestion(p, f.sam, q.ID); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("ConfirmQuestion by a non-author = %v, want Forbidden", err)
	}
	if err := f.s.ConfirmQuestion(p, f.alex, q.ID); err != nil {
		t.Fatal(err)
	}
	q, _ = f.s.Question(q.ID)
	if q.Stale(p) || q.Version != 1 || q.Confirmed.IsZero() {
		t.Errorf("after confirm: stale %v, version %d, confirmed %v; want fresh version 1 with a confirmation time", q.Stale(p), q.Version, q.Confirmed)
	}
}

func TestWholePageQuestionFollowsTheIntroduction(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/intro", "Intro text.\n\n## Steps\n\nDo it.\n")
	q := f.add(p, tfQuestion("", true))
	p = f.edit(p, "Do it.", "Do it twice.")
	if q, _ = f.s.Question(q.ID); q.Stale(p) {
		t.Errorf("a whole-page question went stale after an edit of a section")
	}
	p = f.edit(p, "Intro text.", "New intro.")
	if q, _ = f.s.Question(q.ID); !q.Stale(p) {
		t.Errorf("a whole-page question is not stale after its introduction changed")
	}
}

func TestEditMakesANewVersionAndRepins(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))
	p = f.edit(p, "2. Promote the standby.", "2. Promote db-02.")
	q2 := *q
	q2.Text = "We power off the old primary before promoting db-02."
	if err := f.s.UpdateQuestion(p, f.alex, &q2); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Question(q.ID)
	if got.Version != 2 || got.Stale(p) || got.Author != "alex" {
		t.Errorf("after edit: version %d, stale %v, author %q; want version 2, fresh, alex", got.Version, got.Stale(p), got.Author)
	}
	if err := f.s.UpdateQuestion(p, f.sam, &q2); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("UpdateQuestion by a non-author = %v, want Forbidden", err)
	}
	if err := f.s.UpdateQuestion(p, f.admin, &q2); err != nil {
		t.Errorf("UpdateQuestion by an admin = %v, want nil", err)
	}
}

func TestTimeLimitEnforcedByTheServer(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	f.settings(p, Settings{PassMark: 80, TimeLimitMinutes: 10})
	right := []Response{{Bool: ptrBool(true)}}

	a, _ := f.s.StartAttempt(p, f.sam)
	if want := f.clock.t.Add(10 * time.Minute); !a.Deadline.Equal(want) {
		t.Fatalf("deadline = %v, want %v", a.Deadline, want)
	}
	f.clock.advance(10*time.Minute + 30*time.Second) // within the grace
	if a, _ = f.s.SubmitAttempt(a.ID, f.sam, right); a.Late || !a.Passed {
		t.Errorf("submitted within the grace: late %v passed %v, want on time and passed", a.Late, a.Passed)
	}

	b, _ := f.s.StartAttempt(p, f.sam)
	f.clock.advance(12 * time.Minute)
	b, err := f.s.SubmitAttempt(b.ID, f.sam, right)
	if err != nil || !b.Late || b.Score != 0 || b.Passed {
		t.Errorf("late submission: err %v late %v score %v passed %v; want late with no credit", err, b.Late, b.Score, b.Passed)
	}
}

// TestLateSubmissionKeepsTheAnswers: answers sent after the time limit are
// kept and shown, with no credit; a late essay is not left to grade.
func TestLateSubmissionKeepsTheAnswers(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	tf := f.add(p, tfQuestion("steps", true))
	essay := f.add(p, &Question{Type: Essay, Section: "steps", Text: "Why fence first?"})
	f.settings(p, Settings{PassMark: 80, TimeLimitMinutes: 5})
	a, _ := f.s.StartAttempt(p, f.sam)
	responses := make([]Response, len(a.Items))
	for i, it := range a.Items {
		responses[i] = Response{Bool: ptrBool(true), Text: "Split brain.", Confidence: 3}
		if it.QuestionID == tf.ID {
			responses[i].Text = ""
		}
	}
	f.clock.advance(7 * time.Minute)
	a, err := f.s.SubmitAttempt(a.ID, f.sam, responses)
	if err != nil || !a.Late || a.Score != 0 || a.Pending() {
		t.Fatalf("late submission: err %v late %v score %v pending %v; want late, 0, nothing to grade", err, a.Late, a.Score, a.Pending())
	}
	for i, it := range a.Items {
		if got := a.Responses[i]; got.Bool == nil || (it.QuestionID == essay.ID && got.Text != "Split brain.") {
			t.Errorf("response %d = %+v, want the answer kept", i, got)
		}
		if a.Outcomes[i].Credit != 0 || a.Responses[i].Confidence != 0 {
			t.Errorf("outcome %d: credit %v, confidence %d; want no credit and no confidence", i, a.Outcomes[i].Credit, a.Responses[i].Confidence)
		}
	}
	if recs, _ := f.s.AnswerHistory(f.sam.ID, tf.ID); len(recs) != 1 || recs[0].Credit != 0 {
		t.Errorf("answer records = %+v, want one with no credit", recs)
	}
	if _, err := f.s.GradeEssay(a.ID, essay.ID, f.alex, 1, "good"); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("grading a late essay = %v, want Invalid", err)
	}
}

func TestExpiredAttemptIsClosedWhenStartingAgain(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	f.settings(p, Settings{PassMark: 80, TimeLimitMinutes: 5})
	a, _ := f.s.StartAttempt(p, f.sam)
	if again, _ := f.s.StartAttempt(p, f.sam); again.ID != a.ID {
		t.Fatalf("second start = attempt %d, want the open attempt %d (one at a time)", again.ID, a.ID)
	}
	f.clock.advance(7 * time.Minute)
	b, err := f.s.StartAttempt(p, f.sam)
	if err != nil || b.ID == a.ID {
		t.Fatalf("start after expiry = %v, %v; want a new attempt", b, err)
	}
	if old, _ := f.s.Attempt(a.ID); old.Open() || !old.Late {
		t.Errorf("expired attempt: open %v late %v, want closed as late", old.Open(), old.Late)
	}
}

// TestExpiredAttemptAndCooldown: an attempt left open past its time limit
// ends when its time runs out, and the cooldown counts from there; a start
// refused during the cooldown still closes it, so the taker is not locked
// out.
func TestExpiredAttemptAndCooldown(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	f.settings(p, Settings{PassMark: 80, TimeLimitMinutes: 1, CooldownMinutes: 3})
	a, _ := f.s.StartAttempt(p, f.sam) // 09:00, closes at 09:02 with the grace

	f.clock.advance(3 * time.Minute)
	if st, _ := f.s.TakeState(p, f.sam); !st.RetryAt.Equal(time.Date(2026, 3, 2, 9, 5, 0, 0, time.UTC)) {
		t.Errorf("TakeState at 09:03: retry at %v, want 09:05", st.RetryAt)
	}
	_, err := f.s.StartAttempt(p, f.sam)
	if wiki.ErrorKind(err) != wiki.TooMany || !strings.Contains(wiki.ErrorMessage(err), "09:05") {
		t.Fatalf("start at 09:03 = %v, want TooMany naming 09:05", err)
	}
	old, _ := f.s.Attempt(a.ID)
	if old.Open() || !old.Late || !old.Submitted.Equal(time.Date(2026, 3, 2, 9, 2, 0, 0, time.UTC)) {
		t.Errorf("expired attempt after a refused start: open %v late %v submitted %v; want closed late at 09:02", old.Open(), old.Late, old.Submitted)
	}

	f.clock.advance(2 * time.Minute)
	b, err := f.s.StartAttempt(p, f.sam)
	if err != nil || b.ID == a.ID {
		t.Fatalf("start at 09:05 = %v, %v; want a new attempt", b, err)
	}
	st, _ := f.s.TakeState(p, f.sam)
	if len(st.Submitted) != 1 || st.Submitted[0].ID != a.ID || st.Open == nil || st.Open.ID != b.ID {
		t.Errorf("TakeState: submitted %v, open %v; want the expired attempt in the history and the new one open", st.Submitted, st.Open)
	}
}

func TestAttemptLimitAndCooldown(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	f.settings(p, Settings{PassMark: 80, MaxAttempts: 2, CooldownMinutes: 30})
	a, _ := f.s.StartAttempt(p, f.sam)
	f.s.SubmitAttempt(a.ID, f.sam, nil)

	f.clock.advance(29 * time.Minute)
	_, err := f.s.StartAttempt(p, f.sam)
	if wiki.ErrorKind(err) != wiki.TooMany || !strings.Contains(wiki.ErrorMessage(err), "09:30") {
		t.Fatalf("start during the cooldown = %v, want TooMany naming 09:30", err)
	}
	st, _ := f.s.TakeState(p, f.sam)
	if want := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC); !st.RetryAt.Equal(want) || st.Left != 1 {
		t.Errorf("TakeState: retry at %v, left %d; want %v, 1", st.RetryAt, st.Left, want)
	}
	f.clock.advance(time.Minute)
	b, err := f.s.StartAttempt(p, f.sam)
	if err != nil {
		t.Fatalf("start after the cooldown: %v", err)
	}
	f.s.SubmitAttempt(b.ID, f.sam, nil)
	f.clock.advance(24 * time.Hour)
	if _, err := f.s.StartAttempt(p, f.sam); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("third start with 2 allowed = %v, want Forbidden", err)
	}
}

func TestDoubleSubmissionKeepsTheFirst(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	a, _ := f.s.StartAttempt(p, f.sam)
	first, _ := f.s.SubmitAttempt(a.ID, f.sam, []Response{{Bool: ptrBool(true)}})
	f.clock.advance(time.Second)
	second, err := f.s.SubmitAttempt(a.ID, f.sam, []Response{{Bool: ptrBool(false)}})
	if err != nil || !second.Passed || !second.Submitted.Equal(first.Submitted) {
		t.Errorf("resubmission: err %v passed %v submitted %v; want the first grading kept", err, second.Passed, second.Submitted)
	}
	if _, err := f.s.SubmitAttempt(a.ID, f.alex, nil); wiki.ErrorKind(err) != wiki.NotFound {
		t.Errorf("submitting someone else's attempt = %v, want NotFound", err)
	}
}

func TestGradeEssayByTheAuthor(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	tf := f.add(p, tfQuestion("steps", true))
	essay := f.add(p, &Question{Type: Essay, Section: "steps", Text: "Why fence first?"})
	f.settings(p, Settings{PassMark: 80})
	a, _ := f.s.StartAttempt(p, f.sam)
	resp := make([]Response, len(a.Items))
	for i, it := range a.Items {
		if it.QuestionID == essay.ID {
			resp[i].Text = "Two primaries would split the data."
		} else {
			resp[i].Bool = ptrBool(true)
		}
	}
	a, _ = f.s.SubmitAttempt(a.ID, f.sam, resp)
	if !a.Pending() || a.Passed {
		t.Fatalf("with an ungraded essay: pending %v passed %v, want pending, not passed", a.Pending(), a.Passed)
	}
	pending, _ := f.s.PendingEssays(f.alex)
	if len(pending) != 1 || pending[0].Attempt.ID != a.ID {
		t.Errorf("PendingEssays(alex) = %v, want the one essay", pending)
	}
	if _, err := f.s.GradeEssay(a.ID, essay.ID, f.sam, 1, "self-graded"); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("GradeEssay by the taker = %v, want Forbidden", err)
	}
	if _, err := f.s.GradeEssay(a.ID, tf.ID, f.alex, 0, ""); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("GradeEssay on a true/false question = %v, want Invalid", err)
	}
	a, err := f.s.GradeEssay(a.ID, essay.ID, f.alex, 0.9, "Good: and the WAL positions.")
	if err != nil || a.Pending() || !a.Passed || a.Score < 94 {
		t.Errorf("after grading: err %v pending %v passed %v score %v; want passed ≈95", err, a.Pending(), a.Passed, a.Score)
	}
	if pending, _ = f.s.PendingEssays(f.alex); len(pending) != 0 {
		t.Errorf("PendingEssays after grading = %d, want 0", len(pending))
	}
}

func TestFlagsRoutedToTheAuthor(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))
	a, _ := f.s.StartAttempt(p, f.sam)
	if _, err := f.s.AddFlag(a.ID, q.ID, f.sam, FlagOutdated, "db-02 is gone"); wiki.ErrorKind(err) != wiki.NotFound {
		t.Errorf("flag on an open attempt = %v, want NotFound", err)
	}
	f.s.SubmitAttempt(a.ID, f.sam, nil)
	if _, err := f.s.AddFlag(a.ID, q.ID, f.alex, FlagOutdated, ""); wiki.ErrorKind(err) != wiki.NotFound {
		t.Errorf("flag on someone else's attempt = %v, want NotFound", err)
	}
	if _, err := f.s.AddFlag(a.ID, q.ID, f.sam, "nonsense", ""); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("flag of an unknown kind = %v, want Invalid", err)
	}
	fl, err := f.s.AddFlag(a.ID, q.ID, f.sam, FlagOutdated, "db-02 is gone")
	if err != nil || fl.PageID != p.ID || fl.KindLabel() != "Outdated" {
		t.Fatalf("AddFlag = %+v, %v", fl, err)
	}
	if _, err := f.s.ResolveFlag(fl.ID, f.sam); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("ResolveFlag by the taker = %v, want Forbidden", err)
	}
	if fl, err = f.s.ResolveFlag(fl.ID, f.alex); err != nil || fl.Open() || fl.ResolvedBy != "alex" {
		t.Errorf("ResolveFlag by the author = %+v, %v; want resolved by alex", fl, err)
	}
	if flags, _ := f.s.PageFlags(p.ID); len(flags) != 1 {
		t.Errorf("PageFlags = %d flags, want 1", len(flags))
	}
}

func TestWhoSeesAttempts(t *testing.T) {
	f := newQuizFixture(t)
	morgan := f.user("morgan", wiki.RoleManager)
	other := f.user("pat", wiki.RoleManager)
	p := f.page("ops/failover", quizTestPageMD)
	f.add(p, tfQuestion("steps", true))
	a, _ := f.s.StartAttempt(p, f.sam)
	start := f.clock.t
	err := f.s.CreateHandover(&Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"},
		Start: start, Due: start.AddDate(0, 1, 0), Scope: []string{"ops/"}}, morgan)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		u    *wiki.User
		want bool
	}{{f.sam, true}, {f.alex, true}, {f.admin, true}, {morgan, true}, {other, false}, {f.user("kim", wiki.RoleMember), false}} {
		if got, err := f.s.CanSeeAttempt(tc.u, a, p); got != tc.want || err != nil {
			t.Errorf("CanSeeAttempt(%s) = %v, %v; want %v", tc.u.Name, got, err, tc.want)
		}
	}
}

func TestImportPinsMissingSectionsToThePage(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	src := "// [tag:section:steps] [tag:critical]\n::fence::We fence first. {T}\n\n" +
		"// [tag:section:gone]\nWhat is promoted? {=the standby ~the primary}\n\n" +
		"Broken {=a\n\n" +
		"Just a description.\n"
	rep, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || len(rep.Skipped) != 2 || len(rep.Warnings) != 1 || rep.Warnings[0].Line != 5 {
		t.Fatalf("report = %+v, want 2 added, 2 skipped, a warning on line 5", rep)
	}
	qs, _ := f.s.Questions(p.ID)
	if !qs[0].Critical || qs[0].Section != "steps" || qs[1].Section != "" || qs[1].Stale(p) {
		t.Errorf("imported: %+v / %+v; want the first critical on steps, the second on the page", qs[0], qs[1])
	}
	if _, err := f.s.ImportGIFT(p, f.sam, strings.NewReader(src)); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("import into alex's quiz by sam = %v, want Forbidden", err)
	}
}

func TestImportRefusesNonUTF8(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	_, err := f.s.ImportGIFT(p, f.alex, strings.NewReader("Caf\xe9 {T}\n"))
	if wiki.ErrorKind(err) != wiki.Invalid || !strings.Contains(wiki.ErrorMessage(err), "not UTF-8") {
		t.Errorf("ImportGIFT(latin-1) = %v, want Invalid naming UTF-8", err)
	}
	if qs, _ := f.s.Questions(p.ID); len(qs) != 0 {
		t.Errorf("a refused file imported %d questions", len(qs))
	}
}

func TestExportImportExportIsStable(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	for _, q := range []*Question{
		{Type: SingleChoice, Section: "steps", Critical: true, Text: "First step?", Explanation: "Fencing prevents split brain.",
			Answers: []gift.Answer{{Text: "Fence", Weight: 100, Feedback: "yes"}, {Text: "Promote"}}},
		{Type: Numerical, Section: "rollback", Text: "Minutes allowed?", Numbers: []gift.NumAnswer{{Value: 20, Tolerance: 5, Min: 15, Max: 25, Weight: 100}}},
		{Type: Essay, Section: "", Text: "Why fence first?"},
	} {
		f.add(p, q)
	}
	var first strings.Builder
	if n, err := f.s.ExportGIFT(p.ID, &first); err != nil || n != 3 {
		t.Fatalf("ExportGIFT = %d, %v", n, err)
	}
	// Into the same quiz: every question is recognised by its id.
	rep, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(first.String()))
	if err != nil || rep.Unchanged != 3 || rep.Added != 0 {
		t.Fatalf("re-import = %+v, %v; want 3 unchanged", rep, err)
	}
	// Into another page's quiz, and out again.
	p2 := f.page("ops/failover-copy", quizTestPageMD)
	if _, err := f.s.ImportGIFT(p2, f.alex, strings.NewReader(first.String())); err != nil {
		t.Fatal(err)
	}
	var second strings.Builder
	f.s.ExportGIFT(p2.ID, &second)
	if first.String() != second.String() {
		t.Errorf("export → import → export changed:\n%s\n---\n%s", first.String(), second.String())
	}
	if !strings.Contains(first.String(), "[tag:critical]") || !strings.Contains(first.String(), "[tag:section:steps]") {
		t.Errorf("export lacks the critical and section tags:\n%s", first.String())
	}
}

// TestPinsFollowARenamedHeading: renaming a heading keeps the questions and
// threads pinned to its section on it; the questions ask for review (the
// section's text changed) and can be confirmed there.
func TestPinsFollowARenamedHeading(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))
	other := f.add(p, tfQuestion("rollback", true))
	now := f.clock.now()
	if err := f.s.CreateHandover(&Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "root",
		Start: now, Due: now.AddDate(0, 0, 14), Scope: []string{"ops/"}}, f.admin); err != nil {
		t.Fatal(err)
	}
	th, err := f.s.CreateThread(p, "steps", f.sam, "Which standby?")
	if err != nil {
		t.Fatal(err)
	}
	p = f.edit(p, "## Steps", "## Failover steps")
	q, _ = f.s.Question(q.ID)
	if q.Section != "failover-steps" || !q.Stale(p) {
		t.Errorf("question on the renamed section: section %q, stale %v; want failover-steps, stale", q.Section, q.Stale(p))
	}
	if other, _ = f.s.Question(other.ID); other.Section != "rollback" || other.Stale(p) {
		t.Errorf("question on another section: section %q, stale %v; want rollback, fresh", other.Section, other.Stale(p))
	}
	if th, _ = f.s.Thread(th.ID); th.Section != "failover-steps" {
		t.Errorf("thread section = %q, want failover-steps", th.Section)
	}
	if err := f.s.ConfirmQuestion(p, f.alex, q.ID); err != nil {
		t.Fatalf("confirm the moved question: %v", err)
	}
}

// TestGIFTFormatsBecomeMarkdown: [plain] text shows its stars, [html] and
// Moodle's default format show their markup as Markdown, and HTML in
// choices and feedback (shown as plain text) keeps only its text; the
// export then says [markdown] and imports back unchanged.
func TestGIFTFormatsBecomeMarkdown(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	src := "::Plain::[plain]Use kill -9 *only* on pid_file {T}\n\n" +
		"::HTML::[html]<p>Fence <b>first</b>, then <a href=\"/wiki/ops\">promote</a>.</p>{\n=<i>Yes</i>#<b>Right</b>\n~No}\n\n" +
		"::Moodle::Is x &lt; 5 in <code>cfg</code>?{T}\n\n" +
		"::Markdown::[markdown]Keep **this**{T}\n"
	if _, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	if rep, err := f.s.ImportGIFT(p, f.alex, strings.NewReader(src)); err != nil || rep.Added+rep.Updated != 0 || rep.Unchanged != 4 {
		t.Errorf("importing the same file again: %+v, %v; want nothing new", rep, err)
	}
	qs := questionsByName(t, f, p)
	want := map[string]string{
		"Plain":    `Use kill -9 \*only\* on pid\_file`,
		"HTML":     "Fence **first**, then [promote](/wiki/ops).",
		"Moodle":   "Is x \\< 5 in `cfg`?",
		"Markdown": "Keep **this**",
	}
	for name, text := range want {
		if q := qs[name]; q == nil || q.Text != text {
			t.Errorf("%s: text = %q, want %q", name, q.Text, text)
		}
	}
	if a := qs["HTML"].Answers[0]; a.Text != "Yes" || a.Feedback != "Right" {
		t.Errorf("HTML choice = %+v, want text Yes, feedback Right", a)
	}
	var out strings.Builder
	if _, err := f.s.ExportGIFT(p.ID, &out); err != nil {
		t.Fatal(err)
	}
	q2 := f.page("ops/again", quizTestPageMD)
	if _, err := f.s.ImportGIFT(q2, f.alex, strings.NewReader(out.String())); err != nil {
		t.Fatal(err)
	}
	for name, q := range questionsByName(t, f, q2) {
		if q.Text != qs[name].Text {
			t.Errorf("%s after export and import: %q, want %q", name, q.Text, qs[name].Text)
		}
	}
}

func questionsByName(t *testing.T, f *quizFixture, p *wiki.Page) map[string]*Question {
	t.Helper()
	qz, err := f.s.Quiz(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Question{}
	for _, id := range qz.Order {
		q, err := f.s.Question(id)
		if err != nil {
			t.Fatal(err)
		}
		out[q.Name] = q
	}
	return out
}

// TestStaleQuestionsOverPages lists the stale questions of several pages
// in one read, past a page without a quiz, with who may edit each quiz.
func TestStaleQuestionsOverPages(t *testing.T) {
	f := newQuizFixture(t)
	bare := f.page("ops/bare", quizTestPageMD)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))
	f.add(p, tfQuestion("rollback", true))
	p = f.edit(p, "2. Promote the standby.", "2. Promote db-02.")
	for _, tc := range []struct {
		u       *wiki.User
		canEdit bool
	}{{f.alex, true}, {f.sam, false}} {
		got, err := f.s.StaleQuestions([]*wiki.Page{bare, p}, tc.u)
		if err != nil || len(got) != 1 || got[0].Q.ID != q.ID || got[0].Page.ID != p.ID || got[0].CanEdit != tc.canEdit {
			t.Errorf("StaleQuestions as %s = %+v, %v; want question %d on %s, may edit %v", tc.u.Name, got, err, q.ID, p.Path, tc.canEdit)
		}
	}
}

// TestEditQuestion: an edit that changes the question makes a new
// version; one that changes nothing confirms a stale question, or does
// nothing to a fresh one.
func TestEditQuestion(t *testing.T) {
	f := newQuizFixture(t)
	p := f.page("ops/failover", quizTestPageMD)
	q := f.add(p, tfQuestion("steps", true))
	same := *q
	if done, err := f.s.EditQuestion(p, f.alex, q, &same); err != nil || done != EditUnchanged {
		t.Errorf("EditQuestion(unchanged, fresh) = %v, %v; want EditUnchanged", done, err)
	}
	p = f.edit(p, "2. Promote the standby.", "2. Promote db-02.")
	q, _ = f.s.Question(q.ID)
	same = *q
	if done, err := f.s.EditQuestion(p, f.alex, q, &same); err != nil || done != EditConfirmed {
		t.Errorf("EditQuestion(unchanged, stale) = %v, %v; want EditConfirmed", done, err)
	}
	changed := *q
	changed.Text = "We promote db-02 after fencing."
	if done, err := f.s.EditQuestion(p, f.alex, q, &changed); err != nil || done != EditSaved {
		t.Errorf("EditQuestion(changed) = %v, %v; want EditSaved", done, err)
	}
	if got, _ := f.s.Question(q.ID); got.Version != q.Version+1 || got.Text != changed.Text {
		t.Errorf("after the edit: version %d %q, want version %d %q", got.Version, got.Text, q.Version+1, changed.Text)
	}
	changed.Section = "nowhere"
	if _, err := f.s.EditQuestion(p, f.alex, q, &changed); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("EditQuestion pinned to a missing section = %v, want Invalid", err)
	}
}
