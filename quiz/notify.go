package quiz

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handover/handover/wiki"
)

// Notifications of the quiz package besides watched handovers: nobody
// watches these kinds; each event names who is told, never the person who
// acted. They go through the wiki's outbox in the transaction of the
// change, like every notification, and by e-mail where it is set up.
const (
	notifyThread  = "thread"  // a question to the owner: asked, answered, resolved
	notifyFlag    = "flag"    // a taker's flag on a question: raised, resolved
	notifyAttempt = "attempt" // a teach-back answer graded
)

// tell queues a notification of (kind, id) to the named users.
func tell(tx *wiki.Tx, kind string, id uint64, actor string, names []string, text, url string) error {
	var ids []uint64
	for _, name := range CleanNames(names) {
		if u, err := tx.UserByName(name); err == nil {
			ids = append(ids, u.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return tx.Notify(wiki.Event{Kind: kind, ID: id, Action: "changed", Actor: actor, Users: ids, Text: text, URL: url})
}

// owners are the people who answer for the page at path: its owner and
// the outgoing owners of the open handovers covering it.
func owners(tx *wiki.Tx, p *wiki.Page) ([]string, error) {
	covering, err := coveringTx(tx, p.Path)
	if err != nil {
		return nil, err
	}
	names := []string{p.Owner}
	for _, h := range covering {
		if !h.Closed {
			names = append(names, h.Outgoing...)
		}
	}
	return names, nil
}

// Thread events: what happened, as the notification says it.
const (
	threadAsked    = "asked"
	threadReplied  = "replied to"
	threadResolved = "resolved"
)

// threadEvent tells about a thread: a new question goes to the page's
// owners; a reply to the asker, the others who replied and the owners,
// with the reply's text; a resolution to the asker.
func threadEvent(tx *wiki.Tx, t *Thread, actor, what string) error {
	p, err := tx.PageByID(t.PageID)
	if err != nil {
		return nil // the page is gone; the thread page says so
	}
	where := "“" + p.Title + "”"
	if t.Heading != "" {
		where = "“" + p.Title + " › " + t.Heading + "”"
	}
	names, said := []string{t.Author}, t.Text
	if what != threadResolved {
		more, err := owners(tx, p)
		if err != nil {
			return err
		}
		names = append(names, more...)
		for _, r := range t.Replies {
			names = append(names, r.Author)
		}
	}
	if what == threadReplied && len(t.Replies) > 0 {
		said = t.Replies[len(t.Replies)-1].Text
	}
	text := fmt.Sprintf("%s %s a question about %s: %s", actor, what, where, clip(said, 80))
	return tell(tx, notifyThread, t.ID, actor, names, text, t.URL())
}

// flagEvent tells the quiz's and the question's authors about a new flag,
// and the taker who raised it when it is resolved.
func flagEvent(tx *wiki.Tx, f *Flag, actor string, resolved bool) error {
	p, err := tx.PageByID(f.PageID)
	if err != nil {
		return nil
	}
	if resolved {
		text := fmt.Sprintf("%s dealt with your flag on a question of “%s”", actor, p.Title)
		return tell(tx, notifyFlag, f.ID, actor, []string{f.User}, text, TakeURL(p.Path))
	}
	var names []string
	if qz, err := getJSON[Quiz](tx, bucketQuizzes, key(f.PageID)); err == nil {
		names = append(names, qz.Author)
	}
	if q, err := getJSON[Question](tx, bucketQuestions, key(f.QuestionID)); err == nil {
		names = append(names, q.Author)
	}
	text := fmt.Sprintf("%s flagged a question on “%s” (%s)", actor, p.Title, strings.ReplaceAll(string(f.Kind), "-", " "))
	if f.Comment != "" {
		text += ": " + clip(f.Comment, 80)
	}
	return tell(tx, notifyFlag, f.ID, actor, names, text, EditURL(p.Path)+"#flags-title")
}

// gradeEvent tells the taker that their teach-back answer was graded.
func gradeEvent(tx *wiki.Tx, a *Attempt, grader string, credit float64) error {
	p, err := tx.PageByID(a.PageID)
	if err != nil {
		return nil
	}
	text := fmt.Sprintf("%s graded your teach-back answer on “%s”: %.0f%%", grader, p.Title, 100*credit)
	return tell(tx, notifyAttempt, a.ID, grader, []string{a.User}, text, AttemptURL(a.ID))
}

// clip cuts s to n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// handoverAudience lets only those who may view a handover hear of it.
func handoverAudience(tx *wiki.Tx, ev *wiki.Event, u *wiki.User) bool {
	ho, err := handoverTx(tx, ev.ID)
	return err == nil && ho.CanView(u) && (ev.About == "" || ho.CanSeeReadiness(u, ev.About))
}

// notifyHandover tells the handover's watchers that actor did what ("closed
// the handover “IT operations”"), if it has any.
func notifyHandover(tx *wiki.Tx, ho *Handover, actor, what string) error {
	return notifyWatchers(tx, ho, wiki.Event{Actor: actor, Text: actor + " " + what})
}

// notifyWatchers queues ev, completed as an event of handover ho, for its
// watchers, if it has any.
func notifyWatchers(tx *wiki.Tx, ho *Handover, ev wiki.Event) error {
	if !tx.HasWatchers(wiki.WatchHandover, ho.ID) {
		return nil
	}
	ev.Kind, ev.ID, ev.Action, ev.URL = wiki.WatchHandover, ho.ID, "changed", HandoverURL(ho.ID)
	return tx.Notify(ev)
}

// notifyProgress tells the watchers of every open handover in which u
// takes over the page at path that u did what ("acknowledged “Backups”").
// News that tells u's results (a score) is only for those who may see u's
// readiness (the manager, admins); the other watchers, such as the
// outgoing owner or another incoming owner, do not hear of it.
func notifyProgress(tx *wiki.Tx, path string, u *wiki.User, news progressNews) error {
	covering, err := coveringTx(tx, path)
	if err != nil {
		return err
	}
	for _, ho := range covering {
		if ho.Closed || !ho.IsIncoming(u.Name) {
			continue
		}
		in := fmt.Sprintf(" (handover “%s”)", ho.Title)
		if news.result == "" {
			err = notifyWatchers(tx, ho, wiki.Event{Actor: u.Name, Text: u.Name + " " + news.public + in})
		} else {
			err = notifyWatchers(tx, ho, wiki.Event{Actor: u.Name, Text: u.Name + " " + news.result + in, About: u.Name})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// progressNews is what an incoming owner did, for a handover's watchers:
// public for everyone, or result for those who may see their readiness.
type progressNews struct{ public, result string }

// attemptNews is what a submitted attempt says to a handover's watchers.
// Its score is a result; a teach-back waiting for grading is not, and its
// graders, who may not see the person's readiness, need to hear of it.
func attemptNews(a *Attempt, p *wiki.Page) progressNews {
	switch {
	case a.Pending():
		return progressNews{public: fmt.Sprintf("submitted the quiz on “%s”; a teach-back answer waits for grading", p.Title)}
	case a.Passed:
		return progressNews{result: fmt.Sprintf("passed the quiz on “%s”: %.0f%%", p.Title, a.Score)}
	}
	return progressNews{result: fmt.Sprintf("did not pass the quiz on “%s”: %.0f%%", p.Title, a.Score)}
}

// NotifyNamed is the kind of the notification that tells people they were
// named in a handover; its ID is the handover's.
const NotifyNamed = "handover-named"

// namedEvent tells each person whom actor newly named in handover h (was
// nil for a new handover) in which role, and what the manager sees of
// them from then on: naming someone opens their records within the
// handover's lifetime to its manager (lifetime.go), so they hear of it.
func namedEvent(tx *wiki.Tx, was, h *Handover, actor string) error {
	since := h.Since().Format("2 Jan 2006")
	roles := []struct {
		names, before []string
		text          string
	}{
		{h.Incoming, nil, fmt.Sprintf("incoming owner: %s, its manager, sees your quiz answers, teach-backs, acknowledgements and questions on its pages from %s on", h.Manager, since)},
		{h.Outgoing, nil, fmt.Sprintf("outgoing owner: %s, its manager, sees your questions and answers on its pages from %s on", h.Manager, since)},
		{[]string{h.Manager}, nil, fmt.Sprintf("manager: you see its incoming owners' readiness, quiz answers and acknowledgements on its pages from %s on", since)},
	}
	if was != nil {
		roles[0].before, roles[1].before, roles[2].before = was.Incoming, was.Outgoing, []string{was.Manager}
	}
	for _, r := range roles {
		added := slices.DeleteFunc(slices.Clone(r.names), func(n string) bool { return slices.Contains(r.before, n) })
		text := fmt.Sprintf("%s named you in the handover “%s” as %s", actor, h.Title, r.text)
		if err := tell(tx, NotifyNamed, h.ID, actor, added, text, HandoverURL(h.ID)); err != nil {
			return err
		}
	}
	return nil
}
