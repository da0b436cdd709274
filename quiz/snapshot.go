package quiz

import (
	"time"

	"github.com/handover/handover/wiki"
)

// Snapshot is one person's readiness in one handover as it was computed on
// one day (the last computation of the day wins).
//
// Snapshots are derived state, a cache of Evaluate's output: they are
// written when the dashboard, the CSV export or the API computes
// readiness, which makes those GET requests write. That is deliberate and
// harmless (repeating the request writes the same value), and it is the
// only way to keep what was true on a day that cannot be recomputed later:
// the question versions, page acknowledgements and scope of that day. Days
// without a snapshot are reconstructed from the answer records (see
// trend.go).
type Snapshot struct {
	V        int       `json:"v"`
	Handover uint64    `json:"handover"`
	UserID   uint64    `json:"user_id"`
	User     string    `json:"user"`
	Day      string    `json:"day"` // 2006-01-02, UTC
	At       time.Time `json:"at"`
	Score    int       `json:"score"`
	Status   Status    `json:"status"`
	K        float64   `json:"k"`
	A        float64   `json:"a"`
}

// dayNumber is the number of UTC days since the Unix epoch, the middle
// part of a snapshot key, so a handover's snapshots sort by day.
func dayNumber(t time.Time) uint64 {
	return uint64(t.UTC().Unix() / 86400)
}

// utcDay is the start of t's UTC day.
func UTCDay(t time.Time) time.Time {
	return t.UTC().Truncate(24 * time.Hour)
}

// recordSnapshots stores today's snapshot of each person, replacing one
// stored earlier the same day when it differs.
func (s *Store) recordSnapshots(h *Handover, people []PersonReadiness, now time.Time) error {
	var changed []Snapshot
	err := s.w.View(func(tx *wiki.Tx) error {
		for _, p := range people {
			snap, err := newSnapshot(tx, h, p, now)
			if err != nil {
				return err
			}
			old, err := getJSON[Snapshot](tx, bucketSnapshots, key(h.ID, dayNumber(now), snap.UserID))
			if err != nil || old.Score != snap.Score || old.Status != snap.Status {
				changed = append(changed, snap)
			}
		}
		return nil
	})
	if err != nil || len(changed) == 0 {
		return err
	}
	return s.w.Update(func(tx *wiki.Tx) error {
		for _, snap := range changed {
			if err := tx.PutJSON(bucketSnapshots, key(snap.Handover, dayNumber(now), snap.UserID), snap); err != nil {
				return err
			}
		}
		return nil
	})
}

func newSnapshot(tx *wiki.Tx, h *Handover, p PersonReadiness, now time.Time) (Snapshot, error) {
	u, err := tx.UserByName(p.User)
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{V: 1, Handover: h.ID, UserID: u.ID, User: u.Name, Day: now.UTC().Format(time.DateOnly),
		At: now, Score: p.Result.Score, Status: p.Result.Status, K: p.Result.K, A: p.Result.A}, nil
}

// Snapshots returns the stored snapshots of handover id, by user name and
// day number.
func (s *Store) Snapshots(id uint64) (map[string]map[uint64]Snapshot, error) {
	out := map[string]map[uint64]Snapshot{}
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketSnapshots, key(id), func(k, v []byte) error {
			if len(k) != 24 || wiki.Btoi(k[8:16]) == 0 {
				return nil // the reminder log (remind_send.go)
			}
			var snap Snapshot
			if err := jsonDecode(v, &snap); err != nil {
				return err
			}
			if out[snap.User] == nil {
				out[snap.User] = map[uint64]Snapshot{}
			}
			out[snap.User][wiki.Btoi(k[8:16])] = snap
			return nil
		})
	})
	return out, err
}
