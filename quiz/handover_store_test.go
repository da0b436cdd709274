package quiz

import (
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

func TestHandoverValidation(t *testing.T) {
	f := newHOFixture(t)
	day := f.clock
	valid := func() *Handover {
		return &Handover{Title: "Ops", Outgoing: []string{"alex"}, Incoming: []string{"sam"}, Manager: "morgan",
			Start: day, Due: day.AddDate(0, 0, 10), Scope: []string{"it-ops/"}}
	}
	tests := []struct {
		name   string
		change func(h *Handover)
		want   string // part of the error; "" for success
	}{
		{"valid", func(*Handover) {}, ""},
		{"no title", func(h *Handover) { h.Title = "  " }, "title"},
		{"no incoming", func(h *Handover) { h.Incoming = nil }, "incoming"},
		{"unknown user", func(h *Handover) { h.Incoming = []string{"nobody"} }, `no user "nobody"`},
		{"same person both sides", func(h *Handover) { h.Incoming = []string{"alex"} }, "cannot both"},
		{"due before start", func(h *Handover) { h.Due = day.AddDate(0, 0, -1) }, "before the start"},
		{"no dates", func(h *Handover) { h.Start = time.Time{} }, "start date"},
		{"member as manager", func(h *Handover) { h.Manager = "sam" }, "not a manager"},
		{"pass mark", func(h *Handover) { h.PassMark = 101 }, "pass mark"},
		{"empty scope", func(h *Handover) { h.Scope = nil }, "scope is empty"},
		{"bad scope path", func(h *Handover) { h.Scope = []string{"it ops/"} }, "scope entry"},
		{"checklist without text", func(h *Handover) { h.Checklist = []ChecklistItem{{ID: 1}} }, "checklist item"},
		{"checklist unknown owner", func(h *Handover) { h.Checklist = []ChecklistItem{{ID: 1, Text: "x", Owner: "ghost"}} }, "ghost"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := valid()
			tc.change(h)
			err := f.s.CreateHandover(h, f.users["morgan"])
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("CreateHandover = %v, want success", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("CreateHandover = %v, want an error mentioning %q", err, tc.want)
			case tc.want != "" && wiki.ErrorKind(err) != wiki.Invalid:
				t.Fatalf("CreateHandover error kind = %v, want Invalid", wiki.ErrorKind(err))
			}
		})
	}
}

func TestHandoverCreateSeedsChecklistAndNormalises(t *testing.T) {
	f := newHOFixture(t)
	h := &Handover{Title: " Ops ", Outgoing: []string{"alex", " alex"}, Incoming: []string{"sam"},
		Start: f.clock, Due: f.clock.AddDate(0, 0, 21), Scope: []string{"IT-Ops/*", "home", "home"}}
	if err := f.s.CreateHandover(h, f.users["morgan"]); err != nil {
		t.Fatal(err)
	}
	if h.Title != "Ops" || len(h.Outgoing) != 1 || h.Manager != "morgan" || h.PassMark != DefaultPassMark {
		t.Errorf("normalised handover = %q %v manager %q pass %d", h.Title, h.Outgoing, h.Manager, h.PassMark)
	}
	if got := strings.Join(h.Scope, " "); got != "it-ops/ home" {
		t.Errorf("scope = %q, want %q", got, "it-ops/ home")
	}
	if len(h.Checklist) != len(practiceChecklist) {
		t.Fatalf("checklist has %d items, want %d", len(h.Checklist), len(practiceChecklist))
	}
	if c := h.Checklist[len(h.Checklist)-1]; c.Owner != "morgan" || !c.Due.Equal(h.Due.AddDate(0, 0, 90)) {
		t.Errorf("+90 check-in = owner %q due %v", c.Owner, c.Due)
	}
	if err := f.s.CreateHandover(&Handover{}, f.users["sam"]); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("member creates a handover: %v, want Forbidden", err)
	}
}

func TestChecklistPermissions(t *testing.T) {
	f := newHOFixture(t)
	h := f.handover()
	samItem := 7 // "Training sessions held…" is the incoming owner's
	tests := []struct {
		user string
		item int
		ok   bool
	}{
		{"morgan", 1, true},    // manager
		{"root", 1, true},      // admin
		{"alex", 1, true},      // outgoing owner
		{"sam", samItem, true}, // owner of the item
		{"sam", 1, false},      // incoming owner, someone else's item
		{"priya", 1, false},    // not part of the handover
		{"jordan", 1, false},   // manager of nothing here
	}
	for _, tc := range tests {
		_, err := f.s.SetChecklistItem(h.ID, tc.item, f.users[tc.user], true)
		if tc.ok && err != nil {
			t.Errorf("%s ticks item %d: %v, want success", tc.user, tc.item, err)
		}
		if !tc.ok && wiki.ErrorKind(err) != wiki.Forbidden {
			t.Errorf("%s ticks item %d: %v, want Forbidden", tc.user, tc.item, err)
		}
	}
	got, _ := f.s.Handover(h.ID)
	if c := got.Checklist[0]; !c.Done || c.DoneBy == "" || c.DoneAt.IsZero() {
		t.Errorf("item 1 after ticking = %+v, want done with who and when", c)
	}
}

func TestChecklistEditing(t *testing.T) {
	f := newHOFixture(t)
	h := f.handover()
	due := f.clock.AddDate(0, 0, 5)
	if _, err := f.s.AddChecklistItem(h.ID, f.users["alex"], ChecklistItem{Text: "x"}); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("outgoing owner adds an item: %v, want Forbidden", err)
	}
	got, err := f.s.AddChecklistItem(h.ID, f.users["morgan"], ChecklistItem{Text: "Hand over the safe code", Owner: "alex", Due: due, Done: true})
	if err != nil {
		t.Fatal(err)
	}
	added := got.Checklist[len(got.Checklist)-1]
	if added.ID != len(practiceChecklist)+1 || added.Done {
		t.Errorf("added item = %+v, want ID %d and not done", added, len(practiceChecklist)+1)
	}
	if _, err := f.s.EditChecklistItem(h.ID, added.ID, f.users["morgan"], "Hand over the safe", "ghost", due); wiki.ErrorKind(err) != wiki.Invalid {
		t.Errorf("edit with an unknown owner: %v, want Invalid", err)
	}
	if got, err = f.s.EditChecklistItem(h.ID, added.ID, f.users["morgan"], "Hand over the safe", "sam", due); err != nil || got.Checklist[len(got.Checklist)-1].Owner != "sam" {
		t.Fatalf("edit item: %v", err)
	}
	if got, err = f.s.RemoveChecklistItem(h.ID, added.ID, f.users["root"]); err != nil || len(got.Checklist) != len(practiceChecklist) {
		t.Fatalf("remove item: %v (%d items)", err, len(got.Checklist))
	}
	if _, err := f.s.RemoveChecklistItem(h.ID, added.ID, f.users["root"]); wiki.ErrorKind(err) != wiki.NotFound {
		t.Errorf("remove twice: %v, want NotFound", err)
	}
}

func TestHandoverAccessAndClose(t *testing.T) {
	f := newHOFixture(t)
	h := f.handover()
	for name, want := range map[string]bool{"alex": true, "sam": true, "morgan": true, "root": true, "priya": false, "jordan": false} {
		if got := h.CanView(f.users[name]); got != want {
			t.Errorf("CanView(%s) = %v, want %v", name, got, want)
		}
		list, _ := f.s.Handovers(f.users[name])
		if (len(list) == 1) != want {
			t.Errorf("Handovers(%s) has %d, want visible %v", name, len(list), want)
		}
	}
	if _, err := f.s.SetClosed(h.ID, f.users["jordan"], true); wiki.ErrorKind(err) != wiki.Forbidden {
		t.Errorf("another manager closes it: %v, want Forbidden", err)
	}
	got, err := f.s.SetClosed(h.ID, f.users["morgan"], true)
	if err != nil || !got.Closed || got.ClosedBy != "morgan" {
		t.Fatalf("close = %+v, %v", got, err)
	}
	if got, _ = f.s.SetClosed(h.ID, f.users["morgan"], false); got.Closed || !got.ClosedAt.IsZero() {
		t.Errorf("reopened = closed %v at %v", got.Closed, got.ClosedAt)
	}
}

func TestHandoversCovering(t *testing.T) {
	f := newHOFixture(t)
	f.handover()
	tests := map[string]bool{"it-ops": true, "it-ops/runbooks/failover": true, "home": true, "home/x": false, "it-opsx": false}
	for path, want := range tests {
		hs, err := f.s.HandoversCovering(path)
		if err != nil || (len(hs) == 1) != want {
			t.Errorf("HandoversCovering(%q) = %d handovers, %v; want covered %v", path, len(hs), err, want)
		}
	}
}

// TestChecklistMovesWithTheDates: when the edit form moves the start and
// the last day, practice items still on their seeded dates move along;
// done items, items re-dated by hand and added items stay.
func TestChecklistMovesWithTheDates(t *testing.T) {
	f := newHOFixture(t)
	h := f.handover()
	before := h.Checklist
	if _, err := f.s.SetChecklistItem(h.ID, 3, f.users["morgan"], true); err != nil {
		t.Fatal(err)
	}
	handPicked := f.clock.AddDate(0, 0, 2)
	if _, err := f.s.EditChecklistItem(h.ID, 4, f.users["morgan"], before[3].Text, before[3].Owner, handPicked); err != nil {
		t.Fatal(err)
	}
	added, err := f.s.AddChecklistItem(h.ID, f.users["morgan"], ChecklistItem{Text: "Hand over the safe", Owner: "alex", Due: h.Due})
	if err != nil {
		t.Fatal(err)
	}
	// As the edit form does: whole days, a day later and a week later.
	start, due := added.Start.AddDate(0, 0, 1).Truncate(24*time.Hour), added.Due.AddDate(0, 0, 7).Truncate(24*time.Hour)
	got, err := f.s.UpdateHandover(h.ID, f.users["morgan"], func(ho *Handover) (string, error) {
		ho.Reschedule(start, due)
		return "edited", nil
	})
	if err != nil {
		t.Fatal(err)
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	want := map[int]string{
		1:  day(before[0].Due.AddDate(0, 0, 1)), // start + 3 days, moved with the start
		2:  day(before[1].Due.AddDate(0, 0, 7)), // due − 14 days, moved with the due date
		3:  day(before[2].Due),                  // done: stays
		4:  day(handPicked),                     // re-dated by hand: stays
		10: day(before[9].Due.AddDate(0, 0, 7)), // due + 90 days
		11: day(h.Due),                          // added by hand: stays
	}
	for _, c := range got.Checklist {
		if w, ok := want[c.ID]; ok && day(c.Due) != w {
			t.Errorf("item %d (%s) due %s, want %s", c.ID, c.Text, day(c.Due), w)
		}
	}
}
