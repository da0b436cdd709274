package wiki

import (
	"sort"
	"sync"
)

// hooks holds functions that other packages register on a Store by name
// (quiz registers its own), run in name order inside the transaction of
// the change they concern. Registering a name again replaces its function,
// so a package may register every time it is set up on a store.
type hooks[F any] struct{ m sync.Map }

func (h *hooks[F]) set(name string, fn F) { h.m.Store(name, fn) }

// each calls call with every registered function, in name order, until
// one fails.
func (h *hooks[F]) each(call func(fn F) error) error {
	var names []string
	h.m.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	sort.Strings(names)
	for _, name := range names {
		fn, ok := h.m.Load(name)
		if !ok {
			continue
		}
		if err := call(fn.(F)); err != nil {
			return err
		}
	}
	return nil
}
