package wiki

import (
	"strings"
	"sync"
	"time"
)

// maxZoneName bounds a time zone name; the longest IANA name has 32
// characters.
const maxZoneName = 64

// zones caches the locations LoadZone found, by name: time.LoadLocation
// reads and parses the zone database on every call. Only names that
// loaded are kept, so the cache holds at most the IANA names.
var zones sync.Map

// LoadZone returns the IANA time zone called name ("Europe/Oslo", "UTC").
// It returns an Invalid error for any other name, "Local" (the server's
// zone, which no reader has asked for) and "" included, so a name from a
// form or a cookie can be passed as it is.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if !zoneNameOK(name) {
		return nil, Errorf(Invalid, "%q is not a time zone: use a name such as Europe/Oslo or America/New_York", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, Errorf(Invalid, "%q is not a time zone: use a name such as Europe/Oslo or America/New_York", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// zoneNameOK keeps names time.LoadLocation would read from the file
// system or the environment from reaching it: IANA names are letters,
// digits and "/_+-".
func zoneNameOK(name string) bool {
	if name == "" || name == "Local" || len(name) > maxZoneName || strings.Contains(name, "..") || name[0] == '/' {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/_+-", c)) {
			return false
		}
	}
	return true
}

// Zone returns the time zone u chose on the account page, and false when
// u chose none (or a name the zone database no longer knows).
func (u *User) Zone() (Zone, bool) {
	if u == nil || u.TimeZone == "" {
		return UTC, false
	}
	loc, err := LoadZone(u.TimeZone)
	if err != nil {
		return UTC, false
	}
	return ZoneOf(loc), true
}

// Zone tells instants to a reader in one time zone. Times of day carry
// the zone's abbreviation ("14:10 EST", "14:10 UTC") so nobody mistakes
// them for another zone's. The zero Zone is UTC.
type Zone struct{ loc *time.Location }

// UTC is the zone of readers who chose none.
var UTC = Zone{}

// ZoneOf returns the Zone of loc.
func ZoneOf(loc *time.Location) Zone {
	if loc == time.UTC {
		return UTC
	}
	return Zone{loc: loc}
}

// Location returns z's location.
func (z Zone) Location() *time.Location {
	if z.loc == nil {
		return time.UTC
	}
	return z.loc
}

// Name is z's IANA name ("UTC" for UTC).
func (z Zone) Name() string { return z.Location().String() }

// in returns t in z.
func (z Zone) in(t time.Time) time.Time { return t.In(z.Location()) }

// Date is the day of t in z, as "2 Jan 2006" ("" for the zero time). A
// time at midnight UTC is a calendar date, the way the wiki keeps a day (a
// due date from an <input type=date>, and dates counted from one): it is
// the same day everywhere and is not moved into z, where it would fall on
// the day before west of Greenwich.
func (z Zone) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if !IsCalendarDate(t) {
		t = z.in(t)
	}
	return t.Format("2 Jan 2006")
}

// Day is Date without the year, as "2 Jan": a day in the next weeks.
func (z Zone) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if !IsCalendarDate(t) {
		t = z.in(t)
	}
	return t.Format("2 Jan")
}

// IsCalendarDate reports whether t is a calendar date: midnight UTC.
func IsCalendarDate(t time.Time) bool {
	u := t.UTC()
	return u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0
}

// DateTime is t in z with its zone, as "2 Jan 2006 15:04 EST" ("" for
// the zero time).
func (z Zone) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return z.in(t).Format("2 Jan 2006 15:04 MST")
}

// DayTime is t in z without the year, as "2 Jan 15:04 EST": a moment
// in the next days ("can be retaken after …").
func (z Zone) DayTime(t time.Time) string { return z.in(t).Format("2 Jan 15:04 MST") }

// Retell returns text, in which the domain told the instant at with
// UTC.DayTime, with at told in z instead. Sentences that name a moment are
// written once, in UTC, for the JSON API, the CSV report and e-mail, and
// retold for each reader of a page.
func (z Zone) Retell(text string, at time.Time) string {
	if z == UTC || at.IsZero() {
		return text
	}
	return strings.Replace(text, UTC.DayTime(at), z.DayTime(at), 1)
}

// Ago says how long ago t was in words, to the coarsest sensible unit;
// past 60 days it is t's date in z.
func (z Zone) Ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case t.IsZero():
		return "never"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return Plural(int(d.Minutes()), "minute") + " ago"
	case d < 24*time.Hour:
		return Plural(int(d.Hours()), "hour") + " ago"
	case d < 60*24*time.Hour:
		return Plural(int(d.Hours()/24), "day") + " ago"
	}
	return z.Date(t)
}
