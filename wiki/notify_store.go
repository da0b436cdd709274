package wiki

import (
	"errors"
	"slices"
	"strconv"
	"time"
)

// Notification is one line in a user's inbox. Keys are the user's ID and a
// global sequence number, so a user's notifications sort oldest first; the
// unread ones also have a key in the unread bucket.
type Notification struct {
	V      int       `json:"v"`
	ID     uint64    `json:"id"`
	UserID uint64    `json:"user_id"`
	Kind   string    `json:"kind"`
	Target uint64    `json:"target"`
	Action string    `json:"action"`
	Actor  string    `json:"actor,omitempty"`
	Text   string    `json:"text"`
	URL    string    `json:"url"`
	Time   time.Time `json:"time"`
	// Read is filled in when listing; it is not stored.
	Read bool `json:"-"`
}

func notificationKey(userID, id uint64) []byte { return append(Itob(userID), Itob(id)...) }

// Notifications returns a user's newest notifications first (by the time
// of what happened), at most limit.
func (s *Store) Notifications(userID uint64, limit int) ([]*Notification, error) {
	var out []*Notification
	err := s.View(func(tx *Tx) error {
		c := tx.bucket(bucketNotifications).Cursor()
		var v []byte
		k, _ := c.Seek(Itob(userID + 1))
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && len(out) < limit && Btoi(k) == userID; k, v = c.Prev() {
			var n Notification
			if err := decodeJSON(v, &n); err != nil {
				return err
			}
			n.Read = tx.Get(bucketUnread, k) == nil
			out = append(out, &n)
		}
		return nil
	})
	// Delivery order is event order, except for events queued with an
	// earlier time than ones delivered before them (an import, the demo):
	// show them by when they happened.
	slices.SortStableFunc(out, func(a, b *Notification) int { return b.Time.Compare(a.Time) })
	return out, err
}

// UnreadCount returns how many unread notifications a user has.
func (s *Store) UnreadCount(userID uint64) (int, error) {
	n := 0
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketUnread, Itob(userID), func(_, _ []byte) error { n++; return nil })
	})
	return n, err
}

// MarkRead marks one of the user's notifications read; an unknown ID is
// NotFound.
func (s *Store) MarkRead(userID, id uint64) error {
	return s.Update(func(tx *Tx) error {
		key := notificationKey(userID, id)
		if tx.Get(bucketNotifications, key) == nil {
			return Errorf(NotFound, "no such notification")
		}
		return tx.Delete(bucketUnread, key)
	})
}

// MarkAllRead marks every notification of the user read.
func (s *Store) MarkAllRead(userID uint64) error {
	return s.Update(func(tx *Tx) error {
		keys := tx.keys(bucketUnread, Itob(userID))
		for _, k := range keys {
			if err := tx.Delete(bucketUnread, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// keys copies the keys under prefix, so they can be deleted afterwards
// (deleting under a moving cursor can skip keys).
func (tx *Tx) keys(bucket string, prefix []byte) [][]byte {
	var out [][]byte
	_ = tx.ForEach(bucket, prefix, func(k, _ []byte) error {
		out = append(out, append([]byte(nil), k...))
		return nil
	})
	return out
}

// addNotification stores n for its user as unread and drops the user's
// oldest notifications beyond MaxNotifications.
func (tx *Tx) addNotification(n *Notification) error {
	id, err := tx.NextID(bucketNotifications)
	if err != nil {
		return err
	}
	n.V, n.ID = 1, id
	key := notificationKey(n.UserID, id)
	if err := tx.PutJSON(bucketNotifications, key, n); err != nil {
		return err
	}
	if err := tx.Put(bucketUnread, key, nil); err != nil {
		return err
	}
	keys := tx.keys(bucketNotifications, Itob(n.UserID))
	for _, k := range keys[:max(len(keys)-MaxNotifications, 0)] {
		if err := errors.Join(tx.Delete(bucketNotifications, k), tx.Delete(bucketUnread, k)); err != nil {
			return err
		}
	}
	return nil
}

// NotificationBadge is the unread count shown in the header: "" for none,
// "99+" beyond 99. Views call it through the unreadNotifications function.
func (s *Store) NotificationBadge(u *User) string {
	if u == nil {
		return ""
	}
	n, err := s.UnreadCount(u.ID)
	switch {
	case err != nil || n == 0:
		return ""
	case n > 99:
		return "99+"
	}
	return strconv.Itoa(n)
}
