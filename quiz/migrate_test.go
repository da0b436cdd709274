package quiz

import (
	"slices"
	"testing"

	"github.com/handover/handover/wiki"
)

// A handover stored before names were resolved on save ("SAM" for sam,
// "Morgan" for morgan, "élodie" for Élodie as strings.ToLower matched
// them) is rewritten with the accounts' names the first time Open runs,
// and only then; after it, sam is incoming and morgan manages it.
func TestOpenMigratesHandoverPeople(t *testing.T) {
	f := newHOFixture(t)
	elodie, err := f.w.CreateUser("Élodie", wiki.RoleMember, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	h := f.handover()
	h.Outgoing, h.Incoming, h.Manager, h.CreatedBy = []string{"ALEX"}, []string{"SAM", "sam", "élodie"}, "Morgan", "MORGAN"
	h.Checklist[0].Owner, h.Checklist[0].DoneBy = "Sam", "nobody"
	putRaw(t, f.w, h)
	if h, _ := f.s.Handover(h.ID); h.IsIncoming(elodie.Name) {
		t.Fatal("the old record already names Élodie")
	}

	s, err := Open(f.w)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Handover(h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Outgoing, []string{"alex"}) || !slices.Equal(got.Incoming, []string{"sam", "Élodie"}) ||
		got.Manager != "morgan" || got.CreatedBy != "morgan" || got.Checklist[0].Owner != "sam" || got.Checklist[0].DoneBy != "nobody" {
		t.Errorf("after Open: %v → %v, manager %q, created by %q, item owner %q done by %q", got.Outgoing, got.Incoming,
			got.Manager, got.CreatedBy, got.Checklist[0].Owner, got.Checklist[0].DoneBy)
	}
	if !got.CanManage(f.users["morgan"]) || !got.IsIncoming("sam") || !got.IsIncoming("Élodie") {
		t.Error("after Open, morgan does not manage it or sam and Élodie are not incoming")
	}

	h.Incoming = []string{"SAM"}
	putRaw(t, f.w, h)
	if _, err := Open(f.w); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Handover(h.ID); again.Incoming[0] != "SAM" {
		t.Errorf("a second Open rewrote the handover again: %v", again.Incoming)
	}
}

// putRaw stores h as it is, past validation, as an older build left it.
func putRaw(t *testing.T, w *wiki.Store, h *Handover) {
	t.Helper()
	if err := w.Update(func(tx *wiki.Tx) error { return tx.PutJSON(bucketHandovers, key(h.ID), h) }); err != nil {
		t.Fatal(err)
	}
}
