package quiz

import (
	"errors"
	"fmt"
	"strings"

	"github.com/handover/handover/wiki"
)

// Nobody moves their own readiness. The incoming owners of an open
// handover are measured by the pages in its scope: which pages there are,
// which sections are critical, what their questions ask and how answers
// are graded, and the handover's scope, due date and pass mark. They read,
// acknowledge, answer and may improve the pages' text, but every change to
// one of those inputs is refused to them, by refuseIncoming, whichever
// route it comes by, with who may make it instead: the outgoing owners,
// the page's owner when not an incoming owner, the manager or an
// administrator.

// refuseIncoming returns an error of kind Forbidden when name takes over
// in h, saying that they may not do what (e.g. "delete this page") and who
// may; owner is the owner of the page concerned, "" for none.
func refuseIncoming(h *Handover, name, what, owner string) error {
	if !h.IsIncoming(name) {
		return nil
	}
	who := mayChangeInputs(h, owner)
	return wiki.Errorf(wiki.Forbidden, "You take over in the handover “%s”, which covers this page: an incoming owner may not %s, "+
		"as it would change what their own readiness is measured by. %s may.", h.Title, what, strings.ToUpper(who[:1])+who[1:])
}

// LockedFor says, for a page's view, why name may not rename or delete
// the page or change its critical marks (guardPage would refuse it): they
// take over in an open handover among covering, the handovers covering
// the page. It returns "" when they may; owner is the page's owner.
func LockedFor(covering []*Handover, name, owner string) string {
	for _, h := range covering {
		if !h.Closed && h.IsIncoming(name) {
			return fmt.Sprintf("This page is in your handover “%s”: renaming or deleting it and its critical marks are for %s.",
				h.Title, mayChangeInputs(h, owner))
		}
	}
	return ""
}

// mayChangeInputs names who may change the inputs of h's readiness, for
// the messages that refuse an incoming owner.
func mayChangeInputs(h *Handover, owner string) string {
	var who []string
	if len(h.Outgoing) > 0 {
		who = append(who, "the outgoing owner ("+strings.Join(h.Outgoing, ", ")+")")
	}
	if owner != "" && !h.IsIncoming(owner) && !h.IsOutgoing(owner) && !wiki.SameUser(owner, h.Manager) {
		who = append(who, "the page's owner ("+owner+")")
	}
	if h.Manager != "" {
		who = append(who, "the manager ("+h.Manager+")")
	}
	s := "an administrator"
	if len(who) > 0 {
		s = strings.Join(who, ", ") + " or " + s
	}
	return s
}

// guardPage is quiz's wiki.PageGuard: it refuses the incoming owners of an
// open handover covering a page any change to the page's part in their
// readiness, keeps the page's owner (which grants quiz authoring rights
// there) for its owner, the outgoing owners and admins to change, and
// records what a change it allows does to the handovers' inputs.
func guardPage(tx *wiki.Tx, c wiki.PageChange) error {
	if c.Created() {
		return nil
	}
	open, err := openHandoversTx(tx)
	if err != nil {
		return err
	}
	covering := accessOf(open, c.Old).covered
	if what := inputChange(c); what != "" {
		for _, h := range covering {
			if err := refuseIncoming(h, c.Actor, what, c.Old.Owner); err != nil {
				return err
			}
		}
	}
	if c.OwnerChanged() {
		if err := checkOwnerChange(tx, c, covering); err != nil {
			return err
		}
	}
	return recordPageChange(tx, c, covering)
}

// inputChange says what c changes of a page's part in readiness, as in
// "an incoming owner may not …", or "" when it changes nothing of it.
func inputChange(c wiki.PageChange) string {
	marked, unmarked := c.CriticalChanged()
	switch {
	case c.Deleted():
		return "delete this page"
	case c.Moved():
		return "rename or move this page"
	case c.OwnerChanged():
		return "change this page's owner"
	case len(unmarked) > 0:
		return fmt.Sprintf("remove the critical mark of “%s” (deleting or unmarking a critical section)", headings(c.Old, unmarked))
	case len(marked) > 0:
		return fmt.Sprintf("mark “%s” critical", headings(c.New, marked))
	}
	return ""
}

// headings returns the headings of p's sections ids, joined for a message.
func headings(p *wiki.Page, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if s, ok := p.Section(id); ok {
			out[i] = s.Heading
		}
	}
	return strings.Join(out, "”, “")
}

// checkOwnerChange allows a change of a page's owner by its current owner,
// an outgoing owner of an open handover covering it, or an admin. Setting
// the owner of a page that has none is an ordinary edit.
func checkOwnerChange(tx *wiki.Tx, c wiki.PageChange, covering []*Handover) error {
	if c.Old.Owner == "" || wiki.SameUser(c.Actor, c.Old.Owner) {
		return nil
	}
	for _, h := range covering {
		if h.IsOutgoing(c.Actor) {
			return nil
		}
	}
	u, err := tx.UserByName(c.Actor)
	switch {
	case errors.Is(err, wiki.ErrNotFound):
		// Not a person: the command line (import, restore) acts for the
		// machine's administrator.
		return nil
	case err != nil:
		return err
	case u.IsAdmin():
		return nil
	}
	return wiki.Errorf(wiki.Forbidden, "Only the page's owner (%s), the outgoing owner of a handover covering it or an administrator "+
		"may give this page another owner: the owner may write its knowledge check.", c.Old.Owner)
}

func orNobody(name string) string {
	if name == "" {
		return "nobody"
	}
	return name
}
