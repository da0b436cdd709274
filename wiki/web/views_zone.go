package web

import (
	"fmt"
	"html/template"
	"sync"

	"github.com/handover/handover/wiki"
)

// templateSet is the parsed page templates, never executed, and the clones
// of them that are, one per time zone and page.
//
// The funcs date, datetime and ago tell times in the reader's zone, but
// html/template binds funcs to a template set, not to one execution. So
// each zone gets its own clone of a page's set with zoneFuncs, made on the
// zone's first view of the page and kept. html/template refuses to clone a
// set once it has executed, which is why the parsed masters never are:
// every view, UTC's included, executes a clone. The escaping pass runs
// once per clone, and a kept clone costs a view exactly what the one set
// did. The zone database bounds the zones, and maxZoneClones the clones:
// past it the kept ones go and are made again as needed.
type templateSet struct {
	masters map[string]*template.Template
	clones  sync.Map // zonePage → *template.Template

	mu sync.Mutex // held while making a clone
	n  int        // clones kept
	// made counts the clones made, for tests.
	made int
}

type zonePage struct{ zone, page string }

// maxZoneClones bounds the clones kept: every page in 40 zones.
const maxZoneClones = 4096

func newTemplateSet(masters map[string]*template.Template) *templateSet {
	return &templateSet{masters: masters}
}

// page returns page template name with its times told in zone z.
func (s *templateSet) page(name string, z wiki.Zone) (*template.Template, error) {
	key := zonePage{zone: z.Name(), page: name}
	if t, ok := s.clones.Load(key); ok {
		return t.(*template.Template), nil
	}
	master := s.masters[name]
	if master == nil {
		return nil, fmt.Errorf("render: no template %q", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.clones.Load(key); ok {
		return t.(*template.Template), nil
	}
	t, err := master.Clone()
	if err != nil {
		return nil, fmt.Errorf("render %s in %s: %w", name, key.zone, err)
	}
	t.Funcs(zoneFuncs(z))
	if s.n >= maxZoneClones {
		s.clones.Clear()
		s.n = 0
	}
	s.clones.Store(key, t)
	s.n++
	s.made++
	return t, nil
}

// clonesMade is how many clones s has made.
func (s *templateSet) clonesMade() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.made
}
