package quiz

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

// Handover is the transfer of a role from outgoing to incoming owners,
// watched by a manager, due on the outgoing owner's last day.
type Handover struct {
	V        int       `json:"v"`
	ID       uint64    `json:"id"`
	Title    string    `json:"title"`
	Outgoing []string  `json:"outgoing"`
	Incoming []string  `json:"incoming"`
	Manager  string    `json:"manager"`
	Start    time.Time `json:"start"`
	Due      time.Time `json:"due"`
	// Scope lists page paths; an entry ending in "/" covers every page
	// below it.
	Scope    []string `json:"scope"`
	PassMark int      `json:"pass_mark"`
	// RecheckLeadDays is how many days before a ready person would stop
	// being ready their re-checks open; 0 means DefaultRecheckLeadDays.
	RecheckLeadDays int             `json:"recheck_lead_days,omitempty"`
	Checklist       []ChecklistItem `json:"checklist"`
	Notes           string          `json:"notes,omitempty"`
	Closed          bool            `json:"closed,omitempty"`
	ClosedAt        time.Time       `json:"closed_at,omitzero"`
	ClosedBy        string          `json:"closed_by,omitempty"`
	Created         time.Time       `json:"created"`
	CreatedBy       string          `json:"created_by"`
}

// ChecklistItem is one step of a handover, with its owner and due date.
type ChecklistItem struct {
	ID     int       `json:"id"`
	Text   string    `json:"text"`
	Owner  string    `json:"owner"`
	Due    time.Time `json:"due"`
	Done   bool      `json:"done,omitempty"`
	DoneAt time.Time `json:"done_at,omitzero"`
	DoneBy string    `json:"done_by,omitempty"`
}

// Overdue reports whether the item is not done after its due date.
func (c *ChecklistItem) Overdue(now time.Time) bool {
	return !c.Done && !c.Due.IsZero() && now.After(c.Due.Add(24*time.Hour))
}

// DefaultPassMark is the readiness score needed unless a handover sets
// another.
const DefaultPassMark = 80

// practiceItem is a step of practiceChecklist.
type practiceItem struct {
	text  string
	owner byte
	from  byte
	days  int
}

// practiceChecklist is the checklist a new handover starts with, from the
// handover practices: who usually owns each step ('o' outgoing, 'i'
// incoming, 'm' manager) and when it is due relative to the start (s) or
// the due date (d).
var practiceChecklist = []practiceItem{
	{"Scope agreed (what is handed over, what is not)", 'm', 's', 3},
	{"Documentation complete: every page in scope written and reviewed", 'o', 'd', -14},
	{"Access and credentials transferred", 'o', 'd', -7},
	{"Key contacts and vendors introduced", 'o', 'd', -7},
	{"Risks and dependencies reviewed together", 'o', 'd', -10},
	{"Crisis protocol walked through (tabletop drill)", 'o', 'd', -5},
	{"Training sessions held and knowledge checks passed", 'i', 'd', -2},
	{"Follow-up check-in at +30 days", 'm', 'd', 30},
	{"Follow-up check-in at +60 days", 'm', 'd', 60},
	{"Follow-up check-in at +90 days", 'm', 'd', 90},
}

// seedChecklist fills a new handover's checklist from the practices.
func (h *Handover) seedChecklist() {
	for i, p := range practiceChecklist {
		item := ChecklistItem{ID: i + 1, Text: p.text}
		switch p.owner {
		case 'o':
			item.Owner = first(h.Outgoing)
		case 'i':
			item.Owner = first(h.Incoming)
		default:
			item.Owner = h.Manager
		}
		base := h.Due
		if p.from == 's' {
			base = h.Start
		}
		item.Due = base.AddDate(0, 0, p.days)
		h.Checklist = append(h.Checklist, item)
	}
}

// Reschedule sets the start and due dates and moves the checklist with
// them (moveChecklist).
func (h *Handover) Reschedule(start, due time.Time) {
	oldStart, oldDue := h.Start, h.Due
	h.Start, h.Due = start, due
	h.moveChecklist(oldStart, oldDue)
}

// moveChecklist keeps the practice items that still have their seeded due
// date at the same distance from the start or due date they hang on when
// an edit moves those dates ("access transferred" stays a week before the
// last day). Items done, added by hand or given another date stay put.
func (h *Handover) moveChecklist(oldStart, oldDue time.Time) {
	for i := range h.Checklist {
		c := &h.Checklist[i]
		j := slices.IndexFunc(practiceChecklist, func(p practiceItem) bool { return p.text == c.Text })
		if c.Done || j < 0 {
			continue
		}
		p := practiceChecklist[j]
		oldBase, newBase := oldDue, h.Due
		if p.from == 's' {
			oldBase, newBase = oldStart, h.Start
		}
		if c.Due.Equal(oldBase.AddDate(0, 0, p.days)) {
			c.Due = newBase.AddDate(0, 0, p.days)
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// Involves reports whether name is one of the handover's people.
func (h *Handover) Involves(name string) bool {
	return wiki.SameUser(h.Manager, name) || h.IsOutgoing(name) || h.IsIncoming(name)
}

// CanView reports whether u may open the handover.
func (h *Handover) CanView(u *wiki.User) bool {
	return u != nil && (u.IsAdmin() || h.Involves(u.Name))
}

// CanManage reports whether u may edit the handover: its manager or an
// admin.
func (h *Handover) CanManage(u *wiki.User) bool {
	return u != nil && (u.IsAdmin() || u.Is(h.Manager))
}

// CanSeeReadiness reports whether u may see person's readiness: the person
// themself, the manager and admins.
func (h *Handover) CanSeeReadiness(u *wiki.User, person string) bool {
	return u != nil && (u.IsAdmin() || u.Is(h.Manager) || u.Is(person))
}

// IsOutgoing reports whether name hands the role over.
func (h *Handover) IsOutgoing(name string) bool { return containsUser(h.Outgoing, name) }

// IsIncoming reports whether name takes the role over.
func (h *Handover) IsIncoming(name string) bool { return containsUser(h.Incoming, name) }

// containsUser reports whether names holds name under the one matching
// rule (wiki.UserKey).
func containsUser(names []string, name string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return wiki.SameUser(n, name) })
}

// InScope reports whether a page path is covered by the scope.
func (h *Handover) InScope(path string) bool {
	for _, s := range h.Scope {
		if strings.HasSuffix(s, "/") {
			if strings.HasPrefix(path, s) || path == strings.TrimSuffix(s, "/") {
				return true
			}
		} else if path == s {
			return true
		}
	}
	return false
}

// RecheckLead is how long before a ready person would stop being ready
// their re-checks open.
func (h *Handover) RecheckLead() time.Duration {
	days := h.RecheckLeadDays
	if days <= 0 {
		days = DefaultRecheckLeadDays
	}
	return time.Duration(days) * 24 * time.Hour
}

// LastCheckIn is the +90-day check-in, the horizon of forecasts and
// re-checks.
func (h *Handover) LastCheckIn() time.Time { return h.Due.AddDate(0, 0, 90) }

// EndOfDue is the end of the outgoing owner's last day.
func (h *Handover) EndOfDue() time.Time { return h.Due.Add(24 * time.Hour) }

// CreateHandover stores a new handover with the practice checklist, watched
// by its creator and its manager. Only managers and admins create
// handovers.
func (s *Store) CreateHandover(h *Handover, by *wiki.User) error {
	if !by.IsManager() {
		return wiki.Errorf(wiki.Forbidden, "only managers and administrators start handovers")
	}
	if h.Manager == "" {
		h.Manager = by.Name
	}
	if h.PassMark == 0 {
		h.PassMark = DefaultPassMark
	}
	return s.w.Update(func(tx *wiki.Tx) error {
		if err := h.validate(tx); err != nil {
			return err
		}
		id, err := tx.NextID(bucketHandovers)
		if err != nil {
			return err
		}
		h.V, h.ID, h.Created, h.CreatedBy = 1, id, tx.Now(), by.Name
		if len(h.Checklist) == 0 {
			h.seedChecklist()
			if err := h.checkChecklistDates(); err != nil {
				return err
			}
		}
		if err := tx.PutJSON(bucketHandovers, key(id), h); err != nil {
			return err
		}
		if err := namedEvent(tx, nil, h, by.Name); err != nil {
			return err
		}
		return watchFromStart(tx, nil, h, by.Name)
	})
}

// UpdateHandover applies fn to handover id if u may manage it. fn returns
// what it did, as the watchers are told it after u's name ("closed the
// handover “IT operations”").
func (s *Store) UpdateHandover(id uint64, u *wiki.User, fn func(h *Handover) (string, error)) (*Handover, error) {
	var h *Handover
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if h, err = handoverTx(tx, id); err != nil {
			return err
		}
		if !h.CanManage(u) {
			return wiki.Errorf(wiki.Forbidden, "only the handover's manager or an administrator may change it")
		}
		// An administrator taking over in it would set their own scope,
		// due date or pass mark.
		if err := refuseIncoming(h, u.Name, "change the handover", ""); err != nil {
			return err
		}
		before := *h
		before.Scope, before.Incoming, before.Outgoing = slices.Clone(h.Scope), slices.Clone(h.Incoming), slices.Clone(h.Outgoing)
		what, err := fn(h)
		if err != nil {
			return err
		}
		if err := h.validate(tx); err != nil {
			return err
		}
		if err := tx.PutJSON(bucketHandovers, key(id), h); err != nil {
			return err
		}
		if err := recordHandoverChange(tx, &before, h, u.Name); err != nil {
			return err
		}
		if err := namedEvent(tx, &before, h, u.Name); err != nil {
			return err
		}
		if err := watchFromStart(tx, &before, h, ""); err != nil {
			return err
		}
		return notifyHandover(tx, h, u.Name, what)
	})
	return h, err
}

// SetChecklistItem marks a checklist item done or not. The manager, admins,
// the outgoing owners and the item's owner may tick it.
func (s *Store) SetChecklistItem(id uint64, item int, u *wiki.User, done bool) (*Handover, error) {
	var h *Handover
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if h, err = handoverTx(tx, id); err != nil {
			return err
		}
		i := slices.IndexFunc(h.Checklist, func(c ChecklistItem) bool { return c.ID == item })
		if i < 0 {
			return wiki.Errorf(wiki.NotFound, "no checklist item %d", item)
		}
		c := &h.Checklist[i]
		if !h.CanTick(u, c) {
			return wiki.Errorf(wiki.Forbidden, "only the item's owner, the outgoing owner or the manager may tick it")
		}
		c.Done, c.DoneAt, c.DoneBy = done, time.Time{}, ""
		what := fmt.Sprintf("unticked “%s” on the checklist of “%s”", c.Text, h.Title)
		if done {
			c.DoneAt, c.DoneBy = tx.Now(), u.Name
			what = fmt.Sprintf("ticked “%s” on the checklist of “%s”", c.Text, h.Title)
		}
		if err := tx.PutJSON(bucketHandovers, key(id), h); err != nil {
			return err
		}
		return notifyHandover(tx, h, u.Name, what)
	})
	return h, err
}

// Handover returns a handover by ID, or an error of kind NotFound.
func (s *Store) Handover(id uint64) (*Handover, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Handover, error) { return handoverTx(tx, id) })
}

func handoverTx(tx *wiki.Tx, id uint64) (*Handover, error) {
	h, err := getJSON[Handover](tx, bucketHandovers, key(id))
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, wiki.Errorf(wiki.NotFound, "no handover %d", id)
	}
	return h, err
}

// Handovers returns every handover u may view, soonest due first.
func (s *Store) Handovers(u *wiki.User) ([]*Handover, error) {
	var out []*Handover
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketHandovers, nil, func(_, v []byte) error {
			var h Handover
			if err := jsonDecode(v, &h); err != nil {
				return err
			}
			if h.CanView(u) {
				out = append(out, &h)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, err
}

// ScopePages returns the live pages a handover covers, by path.
func (s *Store) ScopePages(h *Handover) ([]*wiki.Page, error) {
	var out []*wiki.Page
	seen := map[uint64]bool{}
	for _, entry := range h.Scope {
		var pages []*wiki.Page
		var err error
		if strings.HasSuffix(entry, "/") {
			pages, err = s.w.ListPages(entry)
			if p, perr := s.w.Page(strings.TrimSuffix(entry, "/")); perr == nil && !p.Deleted {
				pages = append(pages, p)
			}
		} else if p, perr := s.w.Page(entry); perr == nil && !p.Deleted {
			pages = []*wiki.Page{p}
		}
		if err != nil {
			return nil, err
		}
		for _, p := range pages {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// watchFromStart makes whoever starts handover h (starter, "" for an
// edit), its manager and its outgoing owners watch it, those of them not
// already in was (nil for a new handover): they hear of every change to
// an input of readiness made by someone else (record.go). Each may stop
// from its page.
func watchFromStart(tx *wiki.Tx, was, h *Handover, starter string) error {
	names := append([]string{starter, h.Manager}, h.Outgoing...)
	for _, name := range CleanNames(names) {
		if was != nil && (wiki.SameUser(name, was.Manager) || slices.ContainsFunc(was.Outgoing, func(o string) bool { return wiki.SameUser(o, name) })) {
			continue
		}
		u, err := tx.UserByName(name)
		if err != nil {
			continue // named but without an account yet
		}
		if err := tx.Watch(u.ID, wiki.WatchHandover, h.ID); err != nil {
			return err
		}
	}
	return nil
}
