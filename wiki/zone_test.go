package wiki_test

import (
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

func TestLoadZone(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Oslo", "UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires"} {
		if _, err := wiki.LoadZone(name); err != nil {
			t.Errorf("LoadZone(%q) = %v, want a zone", name, err)
		}
	}
	for _, name := range []string{"", "Local", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime",
		"Europe/Oslo\x00", "Europe/Oslo ", "europe/oslo/", string(make([]byte, 100))} {
		if loc, err := wiki.LoadZone(name); err == nil || wiki.ErrorKind(err) != wiki.Invalid {
			t.Errorf("LoadZone(%q) = %v, %v; want an Invalid error", name, loc, err)
		}
	}
}

// TestZoneNamesLoad: every zone the account page suggests is one the
// server can load, with the zone database embedded or not.
func TestZoneNamesLoad(t *testing.T) {
	if len(wiki.ZoneNames) < 300 {
		t.Fatalf("%d zone names, want the IANA list", len(wiki.ZoneNames))
	}
	for _, name := range wiki.ZoneNames {
		if _, err := wiki.LoadZone(name); err != nil {
			t.Errorf("LoadZone(%q) = %v", name, err)
		}
	}
}

func TestZoneFormats(t *testing.T) {
	ny, err := wiki.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)  // 22:04 EST the day before
	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) // a calendar date
	tests := []struct {
		name, got, want string
	}{
		{"UTC DateTime", wiki.UTC.DateTime(at), "2 Jan 2026 03:04 UTC"},
		{"DateTime", wiki.ZoneOf(ny).DateTime(at), "1 Jan 2026 22:04 EST"},
		{"DayTime", wiki.ZoneOf(ny).DayTime(at), "1 Jan 22:04 EST"},
		{"Date of an instant", wiki.ZoneOf(ny).Date(at), "1 Jan 2026"},
		{"Date of a calendar date", wiki.ZoneOf(ny).Date(day), "2 Jan 2026"},
		{"Ago past 60 days", wiki.ZoneOf(ny).Ago(at.AddDate(-1, 0, 0)), "1 Jan 2025"},
		{"Retell", wiki.ZoneOf(ny).Retell("retake after "+wiki.UTC.DayTime(at)+" please", at), "retake after 1 Jan 22:04 EST please"},
		{"Retell in UTC", wiki.UTC.Retell("retake after "+wiki.UTC.DayTime(at), at), "retake after 2 Jan 03:04 UTC"},
		{"zero", wiki.ZoneOf(ny).DateTime(time.Time{}), ""},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
