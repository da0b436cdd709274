package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
	x := mustFixture(t)
	tests := []struct {
		prefix string
		want   []string // paths, best first
	}{
		{"data", []string{"ops/dbx", "ops/db"}}, // both start with it; the whole word first
		{"datab", []string{"ops/db"}},
		{"DATABASE FAIL", []string{"ops/db"}},
		{"fail data", []string{"ops/db"}}, // word order does not matter
		{"fail", []string{"ops/db"}},      // any word of the title
		{"ex", []string{"ops/dbx"}},
		{"restart", []string{"ops/web"}}, // unstemmed prefix of the title word
		{"steps", nil},                   // headings are not titles
		{"crisis", nil},
		{"", nil},
		{"   ", nil},
		{`"<>:-`, nil},
		{"zzz", nil},
	}
	for _, tc := range tests {
		t.Run(tc.prefix, func(t *testing.T) {
			got, err := x.Suggest(context.Background(), tc.prefix, 10)
			if err != nil {
				t.Fatalf("Suggest(%q): %v", tc.prefix, err)
			}
			var paths []string
			for _, s := range got {
				paths = append(paths, s.Path)
			}
			if !cmp.Equal(paths, tc.want) {
				t.Errorf("Suggest(%q) = %v, want %v", tc.prefix, paths, tc.want)
			}
		})
	}
	got, _ := x.Suggest(context.Background(), "datab", 10)
	if want := []Suggestion{{Path: "ops/db", Title: "Database failover"}}; !cmp.Equal(got, want) {
		t.Errorf("Suggest(datab) = %v, want %v", got, want)
	}
}

func TestSuggestStartsWithFirst(t *testing.T) {
	x := mustOpenIndex(t)
	mustApply(t, x, Batch{Seq: 1, Upserts: []Doc{
		{ID: "1", Kind: KindPage, Path: "a", Title: "Quarterly network review"},
		{ID: "2", Kind: KindPage, Path: "b", Title: "Network"},
		{ID: "3", Kind: KindPage, Path: "c", Title: "Networking and firewall rules for the office"},
	}})
	got, err := x.Suggest(context.Background(), "netw", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].Path != "a" {
		t.Errorf("Suggest(netw) = %v, want titles starting with it first, then [a]", got)
	}
}

func TestSuggestLimitFilter(t *testing.T) {
	x := mustOpenIndex(t)
	var docs []Doc
	for i := range 120 {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Kind: KindPage, Path: fmt.Sprintf("t%d/p%d", i%2, i), Title: fmt.Sprintf("Runbook %d", i)})
	}
	mustApply(t, x, Batch{Upserts: docs, Seq: 1})
	for _, tc := range []struct{ limit, want int }{{0, 10}, {5, 5}, {500, 50}} {
		got, err := x.Suggest(context.Background(), "run", tc.limit)
		if err != nil || len(got) != tc.want {
			t.Errorf("Suggest(run, %d) = %d suggestions, %v; want %d", tc.limit, len(got), err, tc.want)
		}
	}
	got, err := x.SuggestFiltered(context.Background(), "run", 20, func(p string) bool { return strings.HasPrefix(p, "t1/") })
	if err != nil || len(got) != 20 {
		t.Fatalf("SuggestFiltered = %d, %v; want 20", len(got), err)
	}
	for _, s := range got {
		if !strings.HasPrefix(s.Path, "t1/") {
			t.Errorf("SuggestFiltered returned %s", s.Path)
		}
	}
}
