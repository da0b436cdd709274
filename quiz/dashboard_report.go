package quiz

import (
	"time"

	"github.com/handover/handover/wiki"
)

// ReadinessReport is the readiness of the people of one handover whom a user may
// see, at one moment. The dashboard, the CSV export and the JSON API all
// format the same ReadinessReport, so their numbers agree.
type ReadinessReport struct {
	Handover *Handover
	At       time.Time
	People   []PersonReadiness
	// Everyone is set when the viewer sees every incoming owner (the
	// manager and admins); an incoming owner sees only their own row.
	Everyone bool
}

// Status is the handover's status as the viewer sees it: closed, or the
// worst status of the people in the report.
func (r *ReadinessReport) Status() Status {
	if r.Handover.Closed {
		return Closed
	}
	statuses := make([]Status, len(r.People))
	for i, p := range r.People {
		statuses[i] = p.Result.Status
	}
	return WorstStatus(statuses...)
}

// readinessViewers returns whom of h's incoming owners u may see the
// readiness of. A user outside the handover gets NotFound (its existence is
// not revealed); one inside it who may see nobody's readiness, Forbidden.
func ReadinessViewers(h *Handover, u *wiki.User) ([]string, error) {
	if !h.CanView(u) {
		return nil, wiki.Errorf(wiki.NotFound, "no handover %d", h.ID)
	}
	var names []string
	for _, name := range h.Incoming {
		if h.CanSeeReadiness(u, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, wiki.Errorf(wiki.Forbidden, "readiness is shown only to the person, the handover's manager and administrators")
	}
	return names, nil
}

// ReadinessReport evaluates the readiness u may see in handover id at now, and
// records today's snapshot of it for the trend chart.
func (s *Store) ReadinessReport(id uint64, u *wiki.User, now time.Time) (*ReadinessReport, error) {
	h, err := s.Handover(id)
	if err != nil {
		return nil, err
	}
	return s.Report(h, u, now)
}

func (s *Store) Report(h *Handover, u *wiki.User, now time.Time) (*ReadinessReport, error) {
	names, err := ReadinessViewers(h, u)
	if err != nil {
		return nil, err
	}
	d, err := s.loadScope(h)
	if err != nil {
		return nil, err
	}
	rep := &ReadinessReport{Handover: h, At: now, Everyone: len(names) == len(h.Incoming)}
	for _, name := range names {
		pr, err := s.personReadiness(h, d, name, now)
		if err != nil {
			return nil, err
		}
		rep.People = append(rep.People, pr)
	}
	return rep, s.recordSnapshots(h, rep.People, now)
}
