package wiki

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPathFromTitle is the title → address rule of "New page" and of
// [[Title]] links.
func TestPathFromTitle(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Redis Restart", "redis-restart"},
		{"  Database   Failover  ", "database-failover"},
		{"VPN: outage (Rotterdam)!", "vpn-outage-rotterdam"},
		{"Alex's notes", "alexs-notes"},
		{"Alex’s notes", "alexs-notes"},
		{"Release 1.2 / rollback", "release-1-2-rollback"},
		{"snake_case & kebab-case", "snake-case-kebab-case"},
		{"--Already-dashed--", "already-dashed"},
		{"Über uns", "über-uns"},
		{"Cafe\u0301 menu", "cafe\u0301-menu"}, // a decomposed accent stays on its letter
		{"Привет мир", "привет-мир"},
		{"数据库 故障切换", "数据库-故障切换"},
		{"हिन्दी पन्ना", "हिन्दी-पन्ना"},
		{"ΣΟΦΙΑ", "σοφια"},
		{"Emoji 🚀 launch", "emoji-launch"},
		{"a\u200bb", "ab"},  // zero-width space: invisible, dropped
		{"x\ufe0fy", "x-y"}, // variation selector: not a path mark
		{"!!!", ""},
		{"", ""},
		{"\u0301 starts with a mark", "starts-with-a-mark"},
	}
	for _, tc := range tests {
		got := PathFromTitle(tc.title)
		if got != tc.want {
			t.Errorf("PathFromTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
		if got != "" {
			if p, err := CleanPath(got); err != nil || p != got {
				t.Errorf("CleanPath(PathFromTitle(%q)) = %q, %v; want it unchanged", tc.title, p, err)
			}
		}
	}
}

func TestPathFromTitleLong(t *testing.T) {
	title := strings.Repeat("handover ", 30)
	got := PathFromTitle(title)
	if n := utf8.RuneCountInString(got); n > maxTitleSegment || strings.HasSuffix(got, "-") || !strings.HasSuffix(got, "handover") {
		t.Errorf("PathFromTitle(30 words) = %q (%d runes), want whole words within %d runes", got, n, maxTitleSegment)
	}
}

func TestLinkPath(t *testing.T) {
	tests := []struct {
		target, want string
		ok           bool
	}{
		{"it-ops/runbooks/database-failover", "it-ops/runbooks/database-failover", true},
		{"Database Failover", "database-failover", true},
		{"it-ops/Redis Restart", "it-ops/redis-restart", true},
		{"IT-Ops/Runbooks", "it-ops/runbooks", true},
		{"/Key contacts/", "key-contacts", true},
		{"!!!", "", false},
		{"a//b", "", false},
	}
	for _, tc := range tests {
		got, err := LinkPath(tc.target)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("LinkPath(%q) = %q, %v; want %q, ok=%v", tc.target, got, err, tc.want, tc.ok)
		}
	}
}

// TestFreePath: a title whose address is taken gets "-2", then "-3";
// a deleted page still holds its address (it can be restored there).
func TestFreePath(t *testing.T) {
	s := mustOpenStore(t)
	want := func(path, free string) {
		t.Helper()
		if got, err := s.FreePath(path); err != nil || got != free {
			t.Errorf("FreePath(%q) = %q, %v; want %q", path, got, err, free)
		}
	}
	want("ops/redis-restart", "ops/redis-restart")
	mustSave(t, s, SaveRequest{Path: "ops/redis-restart", Markdown: "1", Author: "alex"})
	want("ops/redis-restart", "ops/redis-restart-2")
	mustSave(t, s, SaveRequest{Path: "ops/redis-restart-2", Markdown: "1", Author: "alex"})
	want("ops/redis-restart", "ops/redis-restart-3")
	if _, err := s.DeletePage("ops/redis-restart-2", "alex"); err != nil {
		t.Fatal(err)
	}
	want("ops/redis-restart", "ops/redis-restart-3")
	want("ops/other", "ops/other")
}
