package quiz

import (
	"strings"
	"testing"
	"time"
)

// TestReacknowledgement: a significant change (ticked by the author, or an
// edit of a critical section) asks again; a typo fix elsewhere does not.
func TestReacknowledgement(t *testing.T) {
	critical := "---\ncritical: [steps]\n---\n" + hoRunbook
	tests := []struct {
		name        string
		edit        func(string) string
		significant bool
		wantCurrent bool
	}{
		{"typo outside critical section", func(s string) string { return strings.Replace(s, "Why we do it.", "Why we do this.", 1) }, false, true},
		{"author ticks needs re-acknowledgement", func(s string) string { return s + "\nMore.\n" }, true, false},
		{"critical section changed", func(s string) string { return strings.Replace(s, "db-02", "db-03", 1) }, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newHOFixture(t)
			f.handover()
			p := f.save("it-ops/failover", critical, false)
			sam := f.users["sam"]
			a, err := f.s.AcknowledgeRevision(p, sam, p.Revision)
			if err != nil || !a.Current(p) {
				t.Fatalf("acknowledge = %+v, %v; want current", a, err)
			}
			f.clock = f.clock.Add(time.Hour)
			p = f.save("it-ops/failover", tc.edit(critical), tc.significant)
			if p.Revision != 2 {
				t.Fatalf("edit made revision %d, want 2", p.Revision)
			}
			a, _ = f.s.Ack(sam.ID, p.ID)
			st := StateOf(a, p)
			if st.Current != tc.wantCurrent || st.Outdated == tc.wantCurrent {
				t.Errorf("after %s: state = %+v, want current %v", tc.name, st, tc.wantCurrent)
			}
		})
	}
}

func TestAcknowledgeRevisionNeverMovesBack(t *testing.T) {
	f := newHOFixture(t)
	f.save("it-ops/failover", hoRunbook, false)
	p := f.save("it-ops/failover", hoRunbook+"\nMore.\n", true)
	sam := f.users["sam"]
	if _, err := f.s.AcknowledgeRevision(p, sam, 1); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.s.Ack(sam.ID, p.ID); a.Current(p) {
		t.Errorf("ack of revision 1 counts for significant revision 2")
	}
	if _, err := f.s.AcknowledgeRevision(p, sam, 2); err != nil {
		t.Fatal(err)
	}
	a, err := f.s.AcknowledgeRevision(p, sam, 1) // a stale second form
	if err != nil || a.Rev != 2 {
		t.Errorf("stale ack = rev %d, %v; want it to stay at 2", a.Rev, err)
	}
	if _, err := f.s.AcknowledgeRevision(p, sam, 3); err == nil {
		t.Error("acknowledging a revision that does not exist succeeded")
	}
	acks, err := f.s.Acks(nil, nil)
	if err != nil || len(acks) != 0 {
		t.Errorf("Acks of nobody = %v, %v", acks, err)
	}
}
