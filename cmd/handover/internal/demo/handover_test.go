package demo

import (
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/static"
	"github.com/handover/handover/wiki"
)

// mustSeed returns a store and its quiz store on a temp dir, opened as
// the program opens them and seeded from the embedded static tree.
func mustSeed(t *testing.T) (*wiki.Store, *quiz.Store) {
	t.Helper()
	store, err := wiki.OpenStore(t.TempDir(), quiz.Buckets()...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	qs := quiz.NewStore(store)
	if err := Seed(store, qs, static.FS, io.Discard, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("Seed: %v", err)
	}
	return store, qs
}

// demoIT returns the demo's IT operations handover and sam's readiness.
func demoIT(t *testing.T, store *wiki.Store, qs *quiz.Store) (*quiz.Handover, quiz.PersonReadiness) {
	t.Helper()
	admin, _ := store.UserByName("admin")
	hs, err := qs.Handovers(admin)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(hs, func(h *quiz.Handover) bool { return strings.HasPrefix(h.Title, "IT operations") })
	if i < 0 {
		t.Fatalf("the demo has no IT operations handover among %d", len(hs))
	}
	pr, err := qs.PersonReadiness(hs[i], "sam", store.Now())
	if err != nil {
		t.Fatal(err)
	}
	return hs[i], pr
}

func TestDemoHandover(t *testing.T) {
	store, qs := mustSeed(t)
	h, pr := demoIT(t, store, qs)
	now := store.Now()
	if d := h.Due.Sub(now).Hours() / 24; d < 19 || d > 22 || h.Manager != "morgan" || !h.InScope("home") || !h.InScope("it-ops/systems") {
		t.Errorf("demo handover due in %.1f days, manager %s, scope %v", d, h.Manager, h.Scope)
	}
	kinds := map[string]bool{}
	for _, r := range pr.Result.Reasons {
		kinds[r.Kind] = true
	}
	for _, want := range []string{"stale", "failed_critical", "essay_pending", "reack", "missing_ack"} {
		if !kinds[want] {
			t.Errorf("sam's readiness has no %q reason; reasons: %+v", want, pr.Result.Reasons)
		}
	}
	if pr.Result.Ready {
		t.Error("sam is ready in the demo; want part-way through")
	}
	done, overdue := 0, 0
	for i := range h.Checklist {
		if h.Checklist[i].Done {
			done++
		} else if h.Checklist[i].Overdue(now) {
			overdue++
		}
	}
	if done == 0 || overdue == 0 || done == len(h.Checklist) {
		t.Errorf("checklist: %d done, %d overdue of %d; want some of each", done, overdue, len(h.Checklist))
	}
	threads, err := qs.Threads(scopeIDs(t, qs, h))
	if err != nil || len(threads) != 2 || !threads[0].Unanswered() || !threads[1].Resolved {
		t.Errorf("demo threads: %d, %v; want one unanswered and one resolved", len(threads), err)
	}
}

func scopeIDs(t *testing.T, qs *quiz.Store, h *quiz.Handover) map[uint64]bool {
	t.Helper()
	pages, err := qs.ScopePages(h)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[uint64]bool{}
	for _, p := range pages {
		ids[p.ID] = true
	}
	return ids
}
