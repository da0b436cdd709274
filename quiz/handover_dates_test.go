package quiz

import (
	"testing"
	"time"
)

func TestCheckDate(t *testing.T) {
	for _, tc := range []struct {
		date time.Time
		ok   bool
	}{
		{time.Time{}, true}, // not set: validate says which date is missing
		{time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC), false},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2200, 12, 31, 23, 0, 0, 0, time.UTC), true},
		{time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2201, 1, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600)), true}, // 2200-12-31 in UTC
	} {
		if err := CheckDate(tc.date, "due date"); (err == nil) != tc.ok {
			t.Errorf("CheckDate(%v) = %v, want ok %v", tc.date, err, tc.ok)
		}
	}
}
