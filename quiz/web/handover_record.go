package web

import (
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// maxRecordShown is how many entries of a handover's record its page
// shows at once; the filter narrows them down.
const maxRecordShown = 100

// recordView is the "What changed" section of a handover's page: its
// record as the viewer may see it, filtered by person and kind.
type recordView struct {
	Entries      []recordRow
	Person, Kind string // the filter, "" for all
	People       []personRef
	Kinds        []struct{ Kind, Name string }
	Limited      bool // more entries than shown
}

// recordRow is one entry with its people's names to show.
type recordRow struct {
	quiz.RecordEntry
	ActorLabel string
}

// recordOf reads the record of ho for u, filtered by the request's
// "who" and "kind" parameters.
func (h *handlers) recordOf(r *http.Request, ho *quiz.Handover, u *wiki.User, labels map[string]string) (recordView, error) {
	v := recordView{Person: r.URL.Query().Get("who"), Kind: r.URL.Query().Get("kind"), Kinds: quiz.RecordKinds,
		People: labelPeople(ho.People(), labels)}
	entries, err := h.Store.Record(ho, u, quiz.RecordFilter{Person: v.Person, Kind: v.Kind, Limit: maxRecordShown + 1})
	if err != nil {
		return v, err
	}
	if len(entries) > maxRecordShown {
		entries, v.Limited = entries[:maxRecordShown], true
	}
	for _, e := range entries {
		v.Entries = append(v.Entries, recordRow{RecordEntry: e, ActorLabel: labelOf(labels, e.Actor)})
	}
	return v, nil
}

// labelOf is the name to show for the user called name, the name itself
// for an unknown user.
func labelOf(labels map[string]string, name string) string {
	if l, ok := labels[name]; ok && l != "" {
		return l
	}
	return name
}
