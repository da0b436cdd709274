package quiz

import (
	"fmt"
	"slices"
	"time"

	"github.com/handover/handover/wiki"
)

// ContactsTag marks a key-contacts page: the "Key contacts" page template
// gives it, and the crisis kit carries such pages whole.
const ContactsTag = "contacts"

// CrisisKit is what a handover's people need on the day the wiki itself
// is down: every critical section of the pages in scope and the key
// contacts pages whole, as of Made, each with the revision it shows.
type CrisisKit struct {
	Handover *Handover
	Made     time.Time
	// Outgoing, Incoming and Manager are the people's display labels.
	Outgoing, Incoming []string
	Manager            string
	// Contacts are the key-contacts pages in scope, whole; Critical the
	// other pages in scope that have critical sections, with only those.
	// Both are sorted by path.
	Contacts, Critical []KitPage
}

// KitPage is one page of a crisis kit at its current revision.
type KitPage struct {
	Anchor      string // the page's id in the kit document
	Path, Title string
	Revision    int
	RevTime     time.Time
	RevAuthor   string
	// Sections are the critical sections, or for a contacts page one
	// section without a heading holding the whole page.
	Sections []KitSection
}

// KitSection is a section of a kit page.
type KitSection struct {
	Anchor  string // the heading's id in the kit document; "" for a whole page
	Heading string
	Level   int
	// HTML is the wiki's sanitised rendering, made to work offline
	// (offlineHTML): safe to put in a document as it is.
	HTML string
}

// Pages returns the contacts pages, then the critical ones.
func (k *CrisisKit) Pages() []KitPage { return slices.Concat(k.Contacts, k.Critical) }

// kitSource is a page in scope with the text of its current revision,
// read in one transaction with it.
type kitSource struct {
	page *wiki.Page
	rev  *wiki.Revision
}

// CrisisKit builds the crisis kit of handover h as of now. Whoever may
// view the handover may have it (Handover.CanView); the caller checks.
func (s *Store) CrisisKit(h *Handover) (*CrisisKit, error) {
	kit := &CrisisKit{Handover: h, Made: s.Now()}
	if err := s.labelKitPeople(kit); err != nil {
		return nil, err
	}
	sources, err := s.kitSources(h)
	if err != nil {
		return nil, err
	}
	for _, src := range sources {
		if err := s.addKitPage(kit, src); err != nil {
			return nil, fmt.Errorf("crisis kit: page %q: %w", src.page.Path, err)
		}
	}
	makeOffline(kit)
	return kit, nil
}

func (s *Store) labelKitPeople(kit *CrisisKit) error {
	users, err := s.w.Users()
	if err != nil {
		return err
	}
	labels := map[string]string{}
	for _, u := range users {
		labels[wiki.UserKey(u.Name)] = u.Label()
	}
	label := func(name string) string {
		if l, ok := labels[wiki.UserKey(name)]; ok {
			return l
		}
		return name
	}
	h := kit.Handover
	for _, n := range h.Outgoing {
		kit.Outgoing = append(kit.Outgoing, label(n))
	}
	for _, n := range h.Incoming {
		kit.Incoming = append(kit.Incoming, label(n))
	}
	kit.Manager = label(h.Manager)
	return nil
}

// kitSources reads the pages in scope and their current revisions in one
// transaction, so that every page and its text agree.
func (s *Store) kitSources(h *Handover) ([]kitSource, error) {
	pages, err := s.ScopePages(h)
	if err != nil {
		return nil, err
	}
	var out []kitSource
	err = s.w.View(func(tx *wiki.Tx) error {
		out = out[:0]
		for _, listed := range pages {
			p, err := tx.PageByID(listed.ID)
			if err != nil || p.Deleted || !h.InScope(p.Path) || !inKit(p) {
				continue // deleted or moved since it was listed
			}
			rev, err := tx.Revision(p.ID, p.Revision)
			if err != nil {
				return err
			}
			out = append(out, kitSource{page: p, rev: rev})
		}
		return nil
	})
	return out, err
}

// inKit reports whether a page belongs in the kit: a contacts page, or
// one with a critical section it still has.
func inKit(p *wiki.Page) bool {
	return isContacts(p) || len(criticalIDs(p)) > 0
}

func isContacts(p *wiki.Page) bool { return slices.Contains(p.Tags, ContactsTag) }

// criticalIDs are p's critical marks whose sections the current revision
// has, in page order.
func criticalIDs(p *wiki.Page) []string {
	var ids []string
	for _, sec := range p.Sections {
		if p.IsCritical(sec.ID) {
			ids = append(ids, sec.ID)
		}
	}
	return ids
}

func (s *Store) addKitPage(kit *CrisisKit, src kitSource) error {
	p := src.page
	kp := KitPage{Path: p.Path, Title: p.Title, Revision: src.rev.N, RevTime: src.rev.Time, RevAuthor: src.rev.Author}
	if isContacts(p) {
		html, err := s.w.RenderHTML(p, src.rev.Markdown)
		if err != nil {
			return err
		}
		kp.Sections = []KitSection{{HTML: string(html)}}
		kit.Contacts = append(kit.Contacts, kp)
		return nil
	}
	secs, err := s.w.RenderSections(p, src.rev.Markdown, criticalIDs(p))
	if err != nil {
		return err
	}
	for _, sec := range secs {
		kp.Sections = append(kp.Sections, KitSection{Anchor: sec.ID, Heading: sec.Heading, Level: sec.Level, HTML: string(sec.HTML)})
	}
	kit.Critical = append(kit.Critical, kp)
	return nil
}
