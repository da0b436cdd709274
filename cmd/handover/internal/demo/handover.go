package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// itOpsDemo writes the demo's history: each step moves the store's clock
// to when it happened, relative to the moment of seeding, so the demo is
// always "three weeks in, three weeks to go".
type itOpsDemo struct {
	qs    *quiz.Store
	w     *wiki.Store
	today time.Time // midnight UTC of the seeding day
	users map[string]*wiki.User
}

// seedDemoHandover creates the demo handovers: IT operations from alex to
// sam, managed by morgan, with sam part-way through (pages acknowledged,
// one of them changed significantly since, a quiz passed, a critical
// question failed, a question gone stale, an essay waiting for grading,
// questions to the owner). It runs after seedDemoQuizzes, whose quizzes
// sam answers; the readiness demo adds the other handovers.
func seedDemoHandover(qs *quiz.Store) error {
	d := &itOpsDemo{qs: qs, w: qs.Wiki(), today: time.Now().UTC().Truncate(24 * time.Hour), users: map[string]*wiki.User{}}
	defer d.w.SetClock(time.Now)
	for _, step := range []func() error{d.loadUsers, d.itOpsHandover, d.samReads, d.samTakesQuizzes,
		d.alexEdits, d.samAsks} {
		if err := step(); err != nil {
			return fmt.Errorf("demo handover: %w", err)
		}
	}
	return nil
}

// day is a moment relative to the seeding day: offset days, at hour:00.
func (d *itOpsDemo) day(offset, hour int) time.Time {
	return d.today.AddDate(0, 0, offset).Add(time.Duration(hour) * time.Hour)
}

func (d *itOpsDemo) setClock(t time.Time) { d.w.SetClock(func() time.Time { return t }) }

// loadUsers finds the demo accounts.
func (d *itOpsDemo) loadUsers() error {
	for _, name := range []string{"alex", "sam", "morgan"} {
		u, err := d.w.UserByName(name)
		if err != nil {
			return err
		}
		d.users[name] = u
	}
	return nil
}

// itOpsHandover opens the main handover three weeks ago, due in three
// weeks, and ticks part of its checklist.
func (d *itOpsDemo) itOpsHandover() error {
	d.setClock(d.day(-21, 9))
	h := &quiz.Handover{Title: "IT operations: Alex Rivera → Sam Okafor", Outgoing: []string{"alex"}, Incoming: []string{"sam"},
		Manager: "morgan", Start: d.day(-21, 0), Due: d.day(21, 0), Scope: []string{"it-ops/", "home"},
		Notes: "Out of scope: the ERP migration project (stays with Morgan) and desk-side support, which Jonas takes over.\nSam shadows two on-call weeks before Alex's last day."}
	if err := d.qs.CreateHandover(h, d.users["morgan"]); err != nil {
		return err
	}
	if _, err := d.qs.AddChecklistItem(h.ID, d.users["morgan"], quiz.ChecklistItem{
		Text: "Shadow two on-call weeks with Alex", Owner: "sam", Due: d.day(-3, 0)}); err != nil {
		return err
	}
	return d.tick(h.ID, []demoTick{{1, "morgan", -19}, {4, "alex", -6}})
}

// demoTick is a checklist item done by someone some days ago.
type demoTick struct {
	item int
	who  string
	day  int
}

func (d *itOpsDemo) tick(id uint64, ticks []demoTick) error {
	for _, t := range ticks {
		d.setClock(d.day(t.day, 16))
		if _, err := d.qs.SetChecklistItem(id, t.item, d.users[t.who], true); err != nil {
			return err
		}
	}
	return nil
}

// samReads acknowledges part of the scope over the past weeks.
func (d *itOpsDemo) samReads() error {
	reads := []struct {
		path string
		day  int
	}{{"home", -20}, {"it-ops/handover", -20}, {"it-ops/systems", -18}, {"it-ops/contacts", -15},
		{"it-ops/crisis/major-outage", -12}, {"it-ops/vendors", -10}, {"it-ops/runbooks/database-failover", -6}}
	for _, r := range reads {
		if err := d.ack("sam", r.path, d.day(r.day, 10)); err != nil {
			return err
		}
	}
	return nil
}

func (d *itOpsDemo) ack(who, path string, t time.Time) error {
	p, err := d.w.Page(path)
	if err != nil {
		return fmt.Errorf("page %s: %w", path, err)
	}
	d.setClock(t)
	_, err = d.qs.AcknowledgeRevision(p, d.users[who], p.Revision)
	return err
}

// samTakesQuizzes: the major-outage quiz passed, the data-breach quiz with
// a critical question failed, the failover quiz with its teach-back essay
// waiting for Alex's grade.
func (d *itOpsDemo) samTakesQuizzes() error {
	sam := d.users["sam"]
	if _, err := d.demoTake(sam, "it-ops/crisis/major-outage", d.day(-11, 14), nil, ""); err != nil {
		return err
	}
	if _, err := d.demoTake(sam, "it-ops/crisis/data-breach", d.day(-8, 11), []string{"db-switch-off", "db-ransom"}, ""); err != nil {
		return err
	}
	essay := "If the old primary came back it would take writes too, and we would have two primaries with different data (split brain). " +
		"Fencing makes sure only db-prod-02 takes writes. If IPMI does not answer I would call Bluegate and have the power pulled, and wait."
	_, err := d.demoTake(sam, "it-ops/runbooks/database-failover", d.day(-5, 15), nil, essay)
	return err
}

// alexEdits changes the contacts page significantly after sam read it, and
// the major-outage review section after sam answered its question, which
// makes that question stale (the section is not critical: no new
// acknowledgement is asked).
func (d *itOpsDemo) alexEdits() error {
	err := d.edit("it-ops/contacts", d.day(-4, 11), true, "Bluegate NOC has a new number",
		func(md string) (string, bool) {
			return md + "\n> **Changed:** Bluegate's NOC moved to +1 312 555 0161 on the 1st; the old number forwards until the end of the quarter.\n", true
		})
	if err != nil {
		return err
	}
	return d.edit("it-ops/crisis/major-outage", d.day(-3, 9), false, "Where the review template lives",
		func(md string) (string, bool) {
			return insertAfterHeading(md, "## Post-incident review",
				"The review template is in SharePoint under *IT → Incidents → Reviews*; copy it, do not edit it.")
		})
}

func (d *itOpsDemo) edit(path string, t time.Time, significant bool, comment string, change func(string) (string, bool)) error {
	p, err := d.w.Page(path)
	if err != nil {
		return fmt.Errorf("page %s: %w", path, err)
	}
	md, err := d.w.CurrentText(p)
	if err != nil {
		return err
	}
	next, ok := change(md)
	if !ok {
		return fmt.Errorf("page %s: the demo edit found nothing to change", path)
	}
	d.setClock(t)
	_, err = d.w.SavePage(wiki.SaveRequest{Path: path, Markdown: next, BaseRevision: p.Revision,
		Author: "alex", Comment: comment, Significant: significant})
	return err
}

// insertAfterHeading adds a paragraph right below a heading line.
func insertAfterHeading(md, heading, text string) (string, bool) {
	i := strings.Index(md, heading+"\n")
	if i < 0 {
		return md, false
	}
	end := i + len(heading) + 1
	return md[:end] + "\n" + text + "\n" + md[end:], true
}

// samAsks puts two questions to the owner: one answered and resolved, one
// still waiting for Alex.
func (d *itOpsDemo) samAsks() error {
	p, err := d.w.Page("it-ops/runbooks/database-failover")
	if err != nil {
		return err
	}
	d.setClock(d.day(-9, 10))
	t, err := d.qs.CreateThread(p, "steps", d.users["sam"], "Step 4 fences db-prod-01 over IPMI. Where are the IPMI credentials, and can the on-call laptop reach the management network from the VPN?")
	if err != nil {
		return err
	}
	replies := []struct {
		who, text string
		day, hour int
	}{
		{"alex", "In the password manager under Infrastructure → IPMI. The management network is reachable only from the jump host jump-01, not straight from the VPN: ssh to jump-01 first. I've added that to the prerequisites.", -9, 15},
		{"sam", "Thanks, that worked in Tuesday's drill.", -7, 9},
	}
	for _, r := range replies {
		d.setClock(d.day(r.day, r.hour))
		if _, err := d.qs.ReplyThread(t.ID, d.users[r.who], r.text); err != nil {
			return err
		}
	}
	if _, err := d.qs.ResolveThread(t.ID, d.users["sam"], true); err != nil {
		return err
	}
	breach, err := d.w.Page("it-ops/crisis/data-breach")
	if err != nil {
		return err
	}
	d.setClock(d.day(-1, 17))
	_, err = d.qs.CreateThread(breach, "notification-deadlines", d.users["sam"], "Brightmart's contract says 24 hours. Does that clock start when Kestrel confirms the breach, or when we first suspect one? And who calls them: us or Dana?")
	return err
}
