package quiz

import (
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

func TestThreadVisibility(t *testing.T) {
	f := newHOFixture(t)
	h := f.handover()
	p := f.save("it-ops/failover", hoRunbook, false)
	outside := f.save("finance/budget", "# Budget\n", false)
	sam := f.users["sam"]
	if _, err := f.s.CreateThread(outside, "", sam, "Who approves?"); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("question on a page outside every handover: %v, want Forbidden", err)
	}
	if _, err := f.s.CreateThread(p, "steps", f.users["priya"], "Why?"); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("question by someone outside the handover: %v, want Forbidden", err)
	}
	if _, err := f.s.CreateThread(p, "nope", sam, "Why?"); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("question on a missing section: %v, want Invalid", err)
	}
	th, err := f.s.CreateThread(p, "steps", sam, "  Which host is db-02?  ")
	if err != nil {
		t.Fatal(err)
	}
	if th.Heading != "Steps" || th.Text != "Which host is db-02?" || !th.Unanswered() {
		t.Errorf("thread = %+v", th)
	}
	for name, want := range map[string]bool{"sam": true, "alex": true, "morgan": true, "root": true, "priya": false, "jordan": false} {
		if got, err := f.s.CanViewThread(th, f.users[name]); got != want || err != nil {
			t.Errorf("CanViewThread(%s) = %v, %v; want %v", name, got, err, want)
		}
	}
	// Continuous support: after the due date and after closing, the
	// people of the handover still read and answer.
	f.clock = h.Due.AddDate(0, 0, 40)
	if _, err := f.s.SetClosed(h.ID, f.users["morgan"], true); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.s.CanViewThread(th, f.users["alex"]); !ok {
		t.Error("the outgoing owner cannot read the question after the handover")
	}
	if _, err := f.s.CreateThread(p, "", sam, "One more thing"); err != nil {
		t.Errorf("asking after the handover: %v", err)
	}
}

func TestThreadRepliesAndResolve(t *testing.T) {
	f := newHOFixture(t)
	f.handover()
	p := f.save("it-ops/failover", hoRunbook, false)
	th, _ := f.s.CreateThread(p, "steps", f.users["sam"], "Which host?")
	th, err := f.s.ReplyThread(th.ID, f.users["sam"], "I mean the standby.")
	if err != nil || !th.Unanswered() {
		t.Fatalf("asker's follow-up: %v, unanswered %v; want still unanswered", err, th.Unanswered())
	}
	f.clock = f.clock.Add(time.Hour)
	if th, err = f.s.ReplyThread(th.ID, f.users["alex"], "db-02 in rack B."); err != nil || th.Unanswered() {
		t.Fatalf("owner's answer: %v, unanswered %v", err, th.Unanswered())
	}
	if _, err := f.s.ReplyThread(th.ID, f.users["alex"], " "); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("empty reply: %v, want Invalid", err)
	}
	if th, err = f.s.ResolveThread(th.ID, f.users["sam"], true); err != nil || !th.Resolved || th.ResolvedBy != "sam" {
		t.Fatalf("resolve: %+v, %v", th, err)
	}
	if th, _ = f.s.ReplyThread(th.ID, f.users["sam"], "Reopening: rack C now?"); th.Resolved {
		t.Error("a reply did not reopen the resolved thread")
	}
	list, err := f.s.Threads(map[uint64]bool{p.ID: true})
	if err != nil || len(list) != 1 || len(list[0].Replies) != 3 {
		t.Errorf("Threads = %d threads, %v", len(list), err)
	}
}
