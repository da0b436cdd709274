package quiz

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover/handover/wiki"
)

// Limits of a handover's fields.
const (
	maxPeople        = 20
	MaxScopeEntries  = 200
	maxChecklist     = 100
	maxNotesLen      = 10_000
	maxChecklistText = 300
)

// validate normalises and checks a handover's fields against the users
// that exist.
// maxRecheckLeadDays bounds a handover's re-check lead time: two months
// is more than any half-life leaves between two re-checks.
const maxRecheckLeadDays = 60

func (h *Handover) validate(tx *wiki.Tx) error {
	h.Title = wiki.CleanDisplayText(h.Title)
	h.Outgoing, h.Incoming = CleanNames(h.Outgoing), CleanNames(h.Incoming)
	h.Manager = strings.TrimSpace(h.Manager)
	switch {
	case h.Title == "" || utf8.RuneCountInString(h.Title) > 200:
		return wiki.Errorf(wiki.Invalid, "give the handover a title of 1 to 200 characters")
	case len(h.Outgoing) == 0 || len(h.Incoming) == 0:
		return wiki.Errorf(wiki.Invalid, "a handover needs at least one outgoing and one incoming owner")
	case len(h.Outgoing) > maxPeople || len(h.Incoming) > maxPeople:
		return wiki.Errorf(wiki.Invalid, "at most %d outgoing and %d incoming owners", maxPeople, maxPeople)
	case h.Start.IsZero() || h.Due.IsZero():
		return wiki.Errorf(wiki.Invalid, "set the start date and the due date (the outgoing owner's last day)")
	case h.Due.Before(h.Start):
		return wiki.Errorf(wiki.Invalid, "the due date is before the start date")
	case h.PassMark < 0 || h.PassMark > 100:
		return wiki.Errorf(wiki.Invalid, "the pass mark is a percentage from 0 to 100")
	case h.RecheckLeadDays < 0 || h.RecheckLeadDays > maxRecheckLeadDays:
		return wiki.Errorf(wiki.Invalid, "re-checks open from 1 to %d days before they are needed", maxRecheckLeadDays)
	case utf8.RuneCountInString(h.Notes) > maxNotesLen:
		return wiki.Errorf(wiki.Invalid, "the notes are limited to %d characters", maxNotesLen)
	case len(h.Scope) > MaxScopeEntries:
		return wiki.Errorf(wiki.Invalid, "the scope has more than %d entries; use path prefixes", MaxScopeEntries)
	}
	if err := cmp.Or(CheckDate(h.Start, "start date"), CheckDate(h.Due, "due date")); err != nil {
		return err
	}
	if err := h.checkPeople(tx); err != nil {
		return err
	}
	if err := h.checkChecklist(tx); err != nil {
		return err
	}
	return h.CleanScope()
}

// The years of the dates a handover accepts, every one of them (start,
// due, checklist items): wide enough for any real plan, and narrow enough
// that dates computed from them (the +90-day check-in, forecasts) stay
// inside the years JSON can encode (0 to 9999).
const (
	MinYear = 1970
	MaxYear = 2200
)

// CheckDate returns an Invalid error naming what when t is set and not in
// the years MinYear to MaxYear.
func CheckDate(t time.Time, what string) error {
	if y := t.UTC().Year(); t.IsZero() || (y >= MinYear && y <= MaxYear) {
		return nil
	}
	return wiki.Errorf(wiki.Invalid, "the %s %s is out of range: use a date from %d-01-01 to %d-12-31",
		what, t.Format(time.DateOnly), MinYear, MaxYear)
}

// checkChecklistDates checks every checklist item's due date, the ones
// seeded from the handover's dates included.
func (h *Handover) checkChecklistDates() error {
	for _, c := range h.Checklist {
		if err := CheckDate(c.Due, fmt.Sprintf("due date of the checklist item “%s”", c.Text)); err != nil {
			return err
		}
	}
	return nil
}

// cleanNames trims names and drops empty and repeated ones.
func CleanNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// checkPeople stores each person as the account's own spelling of the
// name, so that "SAM" typed for the account "sam" is sam everywhere the
// handover is read, and refuses someone on both sides after that.
func (h *Handover) checkPeople(tx *wiki.Tx) error {
	var err error
	if h.Outgoing, err = resolveNames(tx, h.Outgoing); err != nil {
		return err
	}
	if h.Incoming, err = resolveNames(tx, h.Incoming); err != nil {
		return err
	}
	m, err := tx.UserByName(h.Manager)
	if err != nil {
		return wiki.Errorf(wiki.Invalid, "there is no user %q to manage the handover", h.Manager)
	}
	if !m.IsManager() {
		return wiki.Errorf(wiki.Invalid, "%s is not a manager: only managers and administrators manage handovers", m.Name)
	}
	h.Manager = m.Name
	for _, name := range h.Incoming {
		if h.IsOutgoing(name) {
			return wiki.Errorf(wiki.Invalid, "%s cannot both hand over and take over", name)
		}
	}
	return nil
}

// resolveNames replaces typed names by the accounts' own spellings,
// dropping repeats ("SAM, sam" is one person).
func resolveNames(tx *wiki.Tx, names []string) ([]string, error) {
	out := make([]string, 0, len(names))
	for _, name := range names {
		n, err := tx.ResolveUserName(name)
		if err != nil {
			return nil, wiki.Errorf(wiki.Invalid, "there is no user %q", name)
		}
		out = append(out, n)
	}
	return CleanNames(out), nil
}

func (h *Handover) checkChecklist(tx *wiki.Tx) error {
	if len(h.Checklist) > maxChecklist {
		return wiki.Errorf(wiki.Invalid, "the checklist is limited to %d items", maxChecklist)
	}
	for i := range h.Checklist {
		c := &h.Checklist[i]
		c.Text, c.Owner = wiki.CleanDisplayText(c.Text), strings.TrimSpace(c.Owner)
		if c.Text == "" || utf8.RuneCountInString(c.Text) > maxChecklistText {
			return wiki.Errorf(wiki.Invalid, "a checklist item needs a text of 1 to %d characters", maxChecklistText)
		}
		if c.Owner == "" {
			continue
		}
		owner, err := tx.ResolveUserName(c.Owner)
		if err != nil {
			return wiki.Errorf(wiki.Invalid, "checklist item %q: there is no user %q", c.Text, c.Owner)
		}
		c.Owner = owner
	}
	return h.checkChecklistDates()
}

func (h *Handover) CleanScope() error {
	var out []string
	for _, s := range h.Scope {
		prefix := strings.HasSuffix(strings.TrimSpace(s), "/") || strings.HasSuffix(strings.TrimSpace(s), "/*")
		p, err := wiki.CleanPath(strings.TrimSuffix(strings.TrimSpace(s), "*"))
		if err != nil {
			return wiki.Errorf(wiki.Invalid, "scope entry %q: %s", s, wiki.ErrorMessage(err))
		}
		if prefix {
			p += "/"
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return wiki.Errorf(wiki.Invalid, "the scope is empty: list the pages (or path prefixes ending in /) to hand over")
	}
	h.Scope = out
	return nil
}
