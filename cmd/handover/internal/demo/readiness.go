package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// The readiness demo adds a second role (a social media engagement lead,
// Dana, handing over to Priya, Lee and Chris) and an overdue weekend-cover
// handover (to Tom), both managed by morgan, with answers placed in the
// past by moving the store's clock, so that the dashboard shows every
// status and every reason:
//
//	Priya  ready      everything answered twice, spaced, and acknowledged
//	Lee    expiring   the content calendar answered 25 days ago (R = 0.56)
//	Chris  not ready  stale, failed critical, not tried, essay waiting,
//	                  missing and outdated acknowledgements, cooldown,
//	                  below the pass mark
//	Tom    overdue    answered 45 days ago (R = 0.35 < 0.5), due 4 days ago
//
// The crisis page's holding statement is critical without a question: the
// gap the coverage map asks Dana to close.
//
// These accounts get random passwords that are not printed; an admin can
// set them under Admin → Users.

var demoReadinessPeople = []struct{ name, display string }{
	{"dana", "Dana Whitfield"}, {"priya", "Priya Raman"}, {"lee", "Lee Park"},
	{"chris", "Chris Novak"}, {"tom", "Tom Berger"},
}

// demoSeeder places the demo's events in time.
type demoSeeder struct {
	qs    *quiz.Store
	w     *wiki.Store
	now   time.Time
	clock time.Time
	users map[string]*wiki.User
}

// seedDemoReadiness creates the readiness demo. It restores the store's
// clock when done.
func seedDemoReadiness(qs *quiz.Store) error {
	d := &demoSeeder{qs: qs, w: qs.Wiki(), now: time.Now().UTC(), users: map[string]*wiki.User{}}
	d.w.SetClock(func() time.Time { return d.clock })
	defer d.w.SetClock(time.Now)
	d.at(-50)
	steps := []func() error{d.accounts, d.pages, d.questions, d.handovers, d.history}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("readiness demo: %w", err)
		}
	}
	return nil
}

// at sets the clock to days from now (fractions allowed).
func (d *demoSeeder) at(days float64) {
	d.clock = d.now.Add(time.Duration(days * 24 * float64(time.Hour)))
}

func (d *demoSeeder) accounts() error {
	for _, p := range demoReadinessPeople {
		u, err := d.w.CreateUser(p.name, wiki.RoleMember, demoPassword(p.name)+demoPassword(p.name))
		if err != nil {
			return err
		}
		if u, err = d.w.UpdateUser(u.ID, func(u *wiki.User) error { u.DisplayName = p.display; return nil }); err != nil {
			return err
		}
		d.users[p.name] = u
	}
	morgan, err := d.w.UserByName("morgan")
	d.users["morgan"] = morgan
	return err
}

func (d *demoSeeder) pages() error {
	for _, p := range demoSocialPages {
		_, err := d.w.SavePage(wiki.SaveRequest{Path: p.path, Markdown: p.md, Author: "dana", Owner: "dana",
			Critical: p.critical, Comment: "Handover notes"})
		if err != nil {
			return fmt.Errorf("page %s: %w", p.path, err)
		}
	}
	return nil
}

func (d *demoSeeder) questions() error {
	for _, q := range demoSocialQuestions {
		question := &quiz.Question{Type: quiz.TrueFalse, Text: q.text, Truth: !q.false_, Section: q.section, Critical: q.critical}
		if q.essay {
			question = &quiz.Question{Type: quiz.Essay, Text: q.text, Section: q.section}
		}
		p, err := d.w.Page(q.page)
		if err != nil {
			return err
		}
		if err := d.qs.AddQuestion(p, d.users["dana"], question); err != nil {
			return fmt.Errorf("question on %s#%s: %w", q.page, q.section, err)
		}
	}
	// A failed attempt at the crisis quiz asks for a day of re-reading.
	p, err := d.w.Page("social/crisis-communication")
	if err != nil {
		return err
	}
	st := quiz.DefaultSettings
	st.CooldownMinutes = 24 * 60
	_, err = d.qs.SaveSettings(p.ID, d.users["dana"], st)
	return err
}

func (d *demoSeeder) handovers() error {
	social := &quiz.Handover{Title: "Social media engagement lead", Outgoing: []string{"dana"},
		Incoming: []string{"priya", "lee", "chris"}, Manager: "morgan", Start: d.day(-40), Due: d.day(12),
		Scope: []string{"social/"}}
	weekend := &quiz.Handover{Title: "Weekend community cover", Outgoing: []string{"dana"},
		Incoming: []string{"tom"}, Manager: "morgan", Start: d.day(-50), Due: d.day(-4),
		Scope: []string{"social/brand-voice"}}
	for _, h := range []*quiz.Handover{social, weekend} {
		if err := d.qs.CreateHandover(h, d.users["morgan"]); err != nil {
			return fmt.Errorf("handover %q: %w", h.Title, err)
		}
		for _, item := range h.Checklist[:4] {
			if _, err := d.qs.SetChecklistItem(h.ID, item.ID, d.users["morgan"], true); err != nil {
				return err
			}
		}
	}
	return nil
}

// day is the start of the UTC day days from now.
func (d *demoSeeder) day(days int) time.Time {
	return d.now.Truncate(24*time.Hour).AddDate(0, 0, days)
}

// history places everyone's answers and acknowledgements.
func (d *demoSeeder) history() error {
	all := []string{"social/handover", "social/content-calendar", "social/brand-voice", "social/moderation", "social/crisis-communication"}
	quizzes := all[1:]
	steps := []struct {
		days  float64
		run   func() error
		title string
	}{
		{-45, func() error { return d.take("tom", []string{"social/brand-voice"}, nil, true) }, "tom answers"},
		{-30, func() error { return d.take("priya", quizzes, nil, true) }, "priya's first round"},
		{-25, func() error { return d.take("lee", []string{"social/content-calendar"}, nil, true) }, "lee's calendar"},
		{-12, func() error { return d.take("chris", []string{"social/moderation"}, nil, true) }, "chris on moderation"},
		{-6, d.changeEscalation, "dana changes the escalation rules"},
		{-3, func() error { return d.take("priya", quizzes, all, false) }, "priya's second round"},
		{-3, func() error { return d.take("lee", quizzes[1:], all, false) }, "lee's other quizzes"},
		{-2, d.gradeEssays, "dana grades teach-backs"},
		{-1, func() error { return d.take("chris", []string{"social/content-calendar"}, all[:2], false) }, "chris's calendar"},
		{-1.0 / 24, d.chrisFailsCrisis, "chris fails the crisis quiz"},
	}
	for _, st := range steps {
		d.at(st.days)
		if err := st.run(); err != nil {
			return fmt.Errorf("%s: %w", st.title, err)
		}
	}
	return nil
}

// take has name answer every question of the quizzes correctly (essays
// get a teach-back) and acknowledge the pages in acks, or the quiz pages
// themselves when ackQuizzes is set.
func (d *demoSeeder) take(name string, quizzes, acks []string, ackQuizzes bool) error {
	for _, path := range quizzes {
		if err := d.answer(name, path, nil); err != nil {
			return err
		}
	}
	if ackQuizzes {
		acks = quizzes
	}
	for _, path := range acks {
		p, err := d.w.Page(path)
		if err != nil {
			return err
		}
		if _, err := d.qs.Acknowledge(p, d.users[name]); err != nil {
			return err
		}
	}
	return nil
}

// answer submits one attempt at the page's quiz, right except for the
// questions whose section is in wrong.
func (d *demoSeeder) answer(name, path string, wrong map[string]bool) error {
	p, err := d.w.Page(path)
	if err != nil {
		return err
	}
	u := d.users[name]
	a, err := d.qs.StartAttempt(p, u)
	if err != nil {
		return err
	}
	responses := make([]quiz.Response, len(a.Items))
	for i, it := range a.Items {
		q, err := d.qs.Question(it.QuestionID)
		if err != nil {
			return err
		}
		v := q.Truth != wrong[q.Section]
		responses[i] = quiz.Response{Bool: &v, Confidence: 2}
		if q.Type == quiz.Essay {
			responses[i] = quiz.Response{Text: "It can hurt the person and breaks the law; I hide the post at once, tell the poster why, and log it."}
		}
	}
	_, err = d.qs.SubmitAttempt(a.ID, u, responses)
	return err
}

// changeEscalation is a significant edit of a critical section; dana
// rewrites its question, so earlier answers to it are stale.
func (d *demoSeeder) changeEscalation() error {
	p, err := d.w.Page("social/moderation")
	if err != nil {
		return err
	}
	md := strings.Replace(demoSocialPages[3].md, "by phone, day or night.", "by phone, day or night, and logged in the safety tracker.", 1)
	p, err = d.w.SavePage(wiki.SaveRequest{Path: p.Path, Markdown: md, BaseRevision: p.Revision, Author: "dana",
		Comment: "Escalations are now logged", Significant: true})
	if err != nil {
		return err
	}
	qs, err := d.qs.Questions(p.ID)
	if err != nil {
		return err
	}
	q := *qs[0]
	q.Text = "A doxxing post is hidden at once, escalated by phone and logged in the safety tracker."
	return d.qs.UpdateQuestion(p, d.users["dana"], &q)
}

// gradeEssays grades every teach-back priya and lee wrote.
func (d *demoSeeder) gradeEssays() error {
	p, err := d.w.Page("social/moderation")
	if err != nil {
		return err
	}
	for _, name := range []string{"priya", "lee"} {
		attempts, err := d.qs.UserAttempts(d.users[name].ID, p.ID)
		if err != nil {
			return err
		}
		for _, a := range attempts {
			if err := d.grade(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *demoSeeder) grade(a *quiz.Attempt) error {
	for i, o := range a.Outcomes {
		if o.Pending {
			if _, err := d.qs.GradeEssay(a.ID, a.Items[i].QuestionID, d.users["dana"], 1, "Clear and complete."); err != nil {
				return err
			}
		}
	}
	return nil
}

// chrisFailsCrisis: the first-hour question answered wrongly an hour ago,
// so a day's cooldown runs (the cooldown reason shows during the demo's
// first day); chris's teach-back on moderation still waits for its grade.
func (d *demoSeeder) chrisFailsCrisis() error {
	return d.answer("chris", "social/crisis-communication", map[string]bool{"first-hour": true})
}
