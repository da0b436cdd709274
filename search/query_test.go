package search

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) term { return term{op: opWord, text: s} }
	tests := []struct {
		name string
		in   string
		want []term
	}{
		{"empty", "", nil},
		{"spaces", " \t\n ", nil},
		{"words", "database  failover", []term{w("database"), w("failover")}},
		{"phrase", `restart "primary database" now`, []term{w("restart"), {op: opPhrase, text: "primary database"}, w("now")}},
		{"phrase spaces collapse", `"  a   b "`, []term{{op: opPhrase, text: "a b"}}},
		{"unclosed phrase", `x "open ended`, []term{w("x"), {op: opPhrase, text: "open ended"}}},
		{"empty phrase", `"" x`, []term{w("x")}},
		{"quote splits word", `ab"cd"ef`, []term{w("ab"), {op: opPhrase, text: "cd"}, w("ef")}},
		{"exclusion", "db -mysql", []term{w("db"), {op: opWord, neg: true, text: "mysql"}}},
		{"excluded phrase", `-"split brain"`, []term{{op: opPhrase, neg: true, text: "split brain"}}},
		{"lone minus", "a - b", []term{w("a"), w("b")}},
		{"double minus", "--x", []term{{op: opWord, neg: true, text: "-x"}}},
		{"inner hyphen", "e-mail", []term{w("e-mail")}},
		{"tag", "tag:Ops", []term{{op: opTag, text: "Ops"}}},
		{"tags alias upper", "TAGS:db", []term{{op: opTag, text: "db"}}},
		{"quoted tag", `tag:"on call" x`, []term{{op: opTag, text: "on call"}, w("x")}},
		{"owner", "owner:alex", []term{{op: opOwner, text: "alex"}}},
		{"path slashes", "path:/ops/db/", []term{{op: opPath, text: "ops/db"}}},
		{"path root only", "path:/ x", []term{w("x")}},
		{"negated filters", "-tag:x -path:a", []term{{op: opTag, neg: true, text: "x"}, {op: opPath, neg: true, text: "a"}}},
		{"empty filter", "tag: owner:", nil},
		{"unknown prefix splits into words", "foo:bar", []term{w("foo"), w("bar")}},
		{"colons split words", "-a:b:c", []term{{op: opWord, neg: true, text: "a"}, w("b"), w("c")}},
		{"colon alone", ":", nil},
		{"invalid utf8 dropped", "da\xfftabase", []term{w("database")}},
		{"unicode", "Übergabe 引き継ぎ", []term{w("Übergabe"), w("引き継ぎ")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseQuery(tc.in)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(term{})); diff != "" {
				t.Errorf("parseQuery(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseQueryLimits(t *testing.T) {
	many := strings.Repeat("word ", 100)
	if got := len(parseQuery(many)); got != maxTerms {
		t.Errorf("len(parseQuery(100 words)) = %d, want %d", got, maxTerms)
	}
	long := strings.Repeat("é", 2*maxQueryBytes) // two bytes each
	got := parseQuery(long)
	if len(got) != 1 || len(got[0].text) > maxQueryBytes || !utf8.ValidString(got[0].text) {
		t.Errorf("parseQuery(long) = %d terms, first %d bytes, want 1 valid term of at most %d bytes",
			len(got), len(got[0].text), maxQueryBytes)
	}
}

func TestFormatQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a  "b c" -d -"e f"`, `a "b c" -d -"e f"`},
		{`TAG:x owner:"Ann Lee" path:/a/b/`, `tag:x owner:"Ann Lee" path:a/b`},
		{`"unclosed`, `"unclosed"`},
	}
	for _, tc := range tests {
		if got := formatQuery(parseQuery(tc.in)); got != tc.want {
			t.Errorf("formatQuery(parseQuery(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

var fuzzIndex *Index

// FuzzSearchQuery checks that no input makes the parser or Search panic,
// fail or take longer than the budget, and that formatQuery writes terms
// that parse back to themselves.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"", "database failover", `"unclosed`, `-"x y"`, "tag:ops owner:alex path:/ops/",
		":", "-", `""`, "tag:\"on call", "\xff\xfe", "-tag:", "引き継ぎ -e-mail", "a:b:c",
		strings.Repeat(`"a `, 50), strings.Repeat("x", 3000), "the of and", "databse failovr",
	} {
		f.Add(s)
	}
	fuzzIndex = mustFixture(f)
	f.Fuzz(func(t *testing.T, s string) {
		terms := parseQuery(s)
		if len(terms) > maxTerms {
			t.Fatalf("parseQuery(%q) gave %d terms, want at most %d", s, len(terms), maxTerms)
		}
		if text := formatQuery(terms); len(text) <= maxQueryBytes {
			if again := parseQuery(text); !cmp.Equal(terms, again, cmp.AllowUnexported(term{})) {
				t.Fatalf("parseQuery(formatQuery(parseQuery(%q))) = %v, want %v", s, again, terms)
			}
		}
		var err error
		if d := cpuOf(func() { _, err = fuzzIndex.Search(context.Background(), Query{Text: s, Limit: 5}) }); d > parseBudget {
			t.Fatalf("Search(%q) took %v, want < %v (query_budget_test.go)", s, d, parseBudget)
		}
		if err != nil {
			t.Fatalf("Search(%q) error: %v", s, err)
		}
	})
}
