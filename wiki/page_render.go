package wiki

import "github.com/handover/handover/wiki/markup"

// Revision returns revision n of a page inside a transaction, or
// ErrNotFound.
func (tx *Tx) Revision(pageID uint64, n int) (*Revision, error) { return tx.revision(pageID, n) }

// RenderSections renders the sections ids of text, a revision of page p,
// the way the page view renders them: wiki links resolved against the
// current pages, p's critical sections badged, the HTML sanitised.
// Sections text does not have are left out.
func (s *Store) RenderSections(p *Page, text string, ids []string) ([]markup.SectionHTML, error) {
	var out []markup.SectionHTML
	err := s.View(func(tx *Tx) error {
		var err error
		out, err = markup.RenderSections([]byte(text), renderOptions(tx, p), ids)
		return err
	})
	return out, err
}

// RenderHTML renders text, a revision of page p, whole, as RenderSections
// renders a section.
func (s *Store) RenderHTML(p *Page, text string) ([]byte, error) {
	var res *markup.Result
	err := s.View(func(tx *Tx) error {
		var err error
		res, err = markup.Render([]byte(text), renderOptions(tx, p))
		return err
	})
	if err != nil {
		return nil, err
	}
	return res.HTML, nil
}

func renderOptions(tx *Tx, p *Page) markup.Options {
	critical := make(map[string]bool, len(p.Critical))
	for _, c := range p.Critical {
		critical[c] = true
	}
	return markup.Options{Resolve: tx.ResolveLink, Critical: critical}
}
