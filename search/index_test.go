package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCreateOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Create(dir)
	if err != nil {
		t.Fatalf("Create(%q): %v", dir, err)
	}
	mustApply(t, x, Batch{Upserts: fixture(), Seq: 7})
	if err := x.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := Create(dir); err == nil {
		t.Errorf("Create(%q) on an existing index = nil error, want one", dir)
	}

	x, err = Open(dir)
	if err != nil {
		t.Fatalf("Open(%q): %v", dir, err)
	}
	defer x.Close()
	if seq, err := x.AppliedSeq(); err != nil || seq != 7 {
		t.Errorf("AppliedSeq() after reopen = %d, %v, want 7, nil", seq, err)
	}
	if n, err := x.DocCount(); err != nil || n != uint64(len(fixture())) {
		t.Errorf("DocCount() = %d, %v, want %d, nil", n, err, len(fixture()))
	}
	if got := sortedIDs(mustSearch(t, x, Query{Text: "replica"})); !cmp.Equal(got, []string{"p:ops/db", "s:ops/db#steps"}) {
		t.Errorf("Search(replica) after reopen = %v, want the db page and its steps", got)
	}
}

func TestOpenErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if _, err := Open(missing); !errors.Is(err, ErrNotExist) {
		t.Errorf("Open(missing) = %v, want ErrNotExist", err)
	}

	corrupt := t.TempDir()
	if err := os.WriteFile(filepath.Join(corrupt, "index_meta.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(corrupt)
	if err == nil || errors.Is(err, ErrNotExist) || errors.Is(err, ErrMappingVersion) {
		t.Errorf("Open(corrupt) = %v, want another error", err)
	}
}

// TestOpenLocked: an index held open elsewhere fails to open after
// openTimeout instead of hanging the caller.
func TestOpenLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	start := time.Now()
	y, err := Open(dir)
	if err == nil {
		y.Close()
		t.Fatalf("Open(locked index) = nil error, want one")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open(locked index) took %v, want about %s", d, openTimeout)
	}
}

func TestOpenMappingVersion(t *testing.T) {
	for _, stored := range []string{"0", "", "999"} {
		t.Run(stored, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			x, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			if stored == "" {
				err = x.bi.DeleteInternal(keyMappingVersion)
			} else {
				err = x.bi.SetInternal(keyMappingVersion, []byte(stored))
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := Open(dir); !errors.Is(err, ErrMappingVersion) {
				t.Errorf("Open(index with mapping version %q) = %v, want ErrMappingVersion", stored, err)
			}
		})
	}
}

func TestApplyAppliedSeq(t *testing.T) {
	x := mustOpenIndex(t)
	if seq, err := x.AppliedSeq(); err != nil || seq != 0 {
		t.Errorf("AppliedSeq() of new index = %d, %v, want 0, nil", seq, err)
	}
	docs := fixture()
	mustApply(t, x, Batch{Upserts: docs[:3], Seq: 3})
	mustApply(t, x, Batch{Upserts: docs[3:], Seq: 9})
	if seq, err := x.AppliedSeq(); err != nil || seq != 9 {
		t.Errorf("AppliedSeq() = %d, %v, want 9, nil", seq, err)
	}
	mustApply(t, x, Batch{Seq: 10}) // an empty batch still moves the position
	if seq, _ := x.AppliedSeq(); seq != 10 {
		t.Errorf("AppliedSeq() after empty batch = %d, want 10", seq)
	}
}

func TestApplyInvalid(t *testing.T) {
	tests := []struct {
		name string
		b    Batch
	}{
		{"empty ID", Batch{Upserts: []Doc{{Kind: KindPage, Path: "a"}}, Seq: 5}},
		{"bad kind", Batch{Upserts: []Doc{{ID: "x", Kind: "quiz", Path: "a"}}, Seq: 5}},
		{"empty delete", Batch{Deletes: []string{""}, Seq: 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := mustFixture(t)
			if err := x.Apply(context.Background(), tc.b); err == nil {
				t.Errorf("Apply(%s) = nil, want error", tc.name)
			}
			if seq, _ := x.AppliedSeq(); seq != 1 {
				t.Errorf("AppliedSeq() after failed Apply = %d, want 1 (unchanged)", seq)
			}
		})
	}
	x := mustOpenIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := x.Apply(ctx, Batch{Upserts: fixture(), Seq: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply(cancelled ctx) = %v, want context.Canceled", err)
	}
}

// TestApplyReplay is the crash case: the syncer applied a batch but died
// before it learnt so, and applies it again after restart.
func TestApplyReplay(t *testing.T) {
	x := mustFixture(t)
	queries := []string{"failover", "restart", "tag:ops", "databse", `"split brain"`}
	snapshot := func() ([]*Results, map[string]string, uint64) {
		var rs []*Results
		for _, q := range queries {
			rs = append(rs, mustSearch(t, x, Query{Text: q}))
		}
		v, err := x.Versions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n, _ := x.DocCount()
		return rs, v, n
	}
	wantRes, wantV, wantN := snapshot()
	mustApply(t, x, Batch{Upserts: fixture(), Seq: 1})
	mustApply(t, x, Batch{Upserts: fixture(), Seq: 1})
	gotRes, gotV, gotN := snapshot()
	opt := cmpopts.IgnoreFields(Results{}, "Took")
	if diff := cmp.Diff(wantRes, gotRes, opt); diff != "" {
		t.Errorf("results after replay differ (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(wantV, gotV); diff != "" {
		t.Errorf("Versions() after replay differ (-before +after):\n%s", diff)
	}
	if gotN != wantN {
		t.Errorf("DocCount() after replay = %d, want %d", gotN, wantN)
	}
}

func TestApplyDeletes(t *testing.T) {
	x := mustFixture(t)
	if got := mustSearch(t, x, Query{Text: "nginx"}).Total; got != 1 {
		t.Fatalf("Search(nginx).Total = %d, want 1", got)
	}
	mustApply(t, x, Batch{Deletes: []string{"p:ops/web", "no-such-doc"}, Seq: 2})
	if got := mustSearch(t, x, Query{Text: "nginx"}); got.Total != 0 || len(got.Hits) != 0 {
		t.Errorf("Search(nginx) after delete = %d hits %v, want none", got.Total, ids(got))
	}
	v, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := v["p:ops/web"]; ok {
		t.Errorf("Versions() after delete still has p:ops/web")
	}
	// Upsert and delete of one ID in one batch: the delete wins.
	web := fixture()[4]
	mustApply(t, x, Batch{Upserts: []Doc{web}, Deletes: []string{web.ID}, Seq: 3})
	if got := mustSearch(t, x, Query{Text: "nginx"}).Total; got != 0 {
		t.Errorf("Search(nginx) after upsert+delete = %d, want 0", got)
	}
}

func TestUpsertReplaces(t *testing.T) {
	x := mustFixture(t)
	web := fixture()[4]
	web.Body, web.Version = "Reload caddy instead.", "r8"
	mustApply(t, x, Batch{Upserts: []Doc{web}, Seq: 2})
	if got := mustSearch(t, x, Query{Text: "nginx"}).Total; got != 0 {
		t.Errorf("Search(nginx) after edit = %d hits, want 0", got)
	}
	if got := ids(mustSearch(t, x, Query{Text: "caddy"})); !cmp.Equal(got, []string{"p:ops/web"}) {
		t.Errorf("Search(caddy) after edit = %v, want [p:ops/web]", got)
	}
}

func TestVersions(t *testing.T) {
	x := mustFixture(t)
	got, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, d := range fixture() {
		want[d.ID] = d.Version
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Versions() mismatch (-want +got):\n%s", diff)
	}
}

// TestConcurrentSearchApply runs searches while batches are applied; run
// it with -race.
func TestConcurrentSearchApply(t *testing.T) {
	x := mustFixture(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 20 {
				q := []string{"failover", "restart", "tag:ops replica", "databse"}[(i+j)%4]
				if _, err := x.Search(ctx, Query{Text: q, Filter: func(string) bool { return true }}); err != nil {
					t.Errorf("Search(%q): %v", q, err)
				}
			}
		})
	}
	for seq := range uint64(10) {
		docs := fixture()
		docs[4].Body += " edit"
		if err := x.Apply(ctx, Batch{Upserts: docs, Deletes: []string{"p:sec/xss"}, Seq: seq + 2}); err != nil {
			t.Errorf("Apply: %v", err)
		}
	}
	wg.Wait()
}

func TestAncestors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"ops", []string{"ops"}},
		{"ops/db/failover", []string{"ops", "ops/db", "ops/db/failover"}},
	}
	for _, tc := range tests {
		if got := ancestors(tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("ancestors(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestCompact checks that a compacted index finds what it found before
// and keeps its applied position.
func TestCompact(t *testing.T) {
	x := mustOpenIndex(t)
	for i, d := range fixture() {
		mustApply(t, x, Batch{Upserts: []Doc{d}, Seq: uint64(i + 1)}) // a segment each
	}
	before := sortedIDs(mustSearch(t, x, Query{Text: "failover"}))
	if err := x.Compact(context.Background()); err != nil {
		t.Fatalf("Compact: %v", err)
	}
	if got := sortedIDs(mustSearch(t, x, Query{Text: "failover"})); !cmp.Equal(got, before) {
		t.Errorf("Search(failover) after Compact = %v, want %v", got, before)
	}
	if seq, err := x.AppliedSeq(); err != nil || seq != uint64(len(fixture())) {
		t.Errorf("AppliedSeq() = %d, %v; want %d", seq, err, len(fixture()))
	}
}
