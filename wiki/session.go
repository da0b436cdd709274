package wiki

import (
	"bytes"
	"errors"
	"fmt"
	"time"
)

// Browser sessions live on the server, so that signing out ends them: the
// cookie holds only a random session ID, and the sessions bucket keys its
// record by the ID's SHA-256 (a copy of the database does not hand out
// live sessions). user_sessions indexes them by user (8-byte user ID then
// the hash, empty values), so that "sign out everywhere" and a password
// change delete a user's sessions without a scan. A session ends when it
// is deleted (sign-out), when it has been idle longer than the policy's
// Idle, when it is older than its Lifetime, or when its user's AuthEpoch
// changes (UpdateUser deletes them then, in the same transaction).
const (
	bucketSessions     = "sessions"
	bucketUserSessions = "user_sessions"
)

// sessionTouchEvery is how stale LastSeen may grow before a request writes
// it again: reads stay reads, and idle timeouts are exact to a minute.
const sessionTouchEvery = time.Minute

// Session is a signed-in browser.
type Session struct {
	V        int       `json:"v"`
	UserID   uint64    `json:"user_id"`
	Epoch    int       `json:"epoch"`
	Created  time.Time `json:"created"`
	LastSeen time.Time `json:"last_seen"`
}

// SessionPolicy says how long sessions last.
type SessionPolicy struct {
	// Idle ends a session not used for this long.
	Idle time.Duration
	// Lifetime ends a session this long after sign-in, however busy.
	Lifetime time.Duration
}

// Default session timeouts, as the --session-idle and --session-lifetime
// flags.
const (
	DefaultSessionIdle     = 12 * time.Hour
	DefaultSessionLifetime = 30 * 24 * time.Hour
)

// expired reports whether sess has ended at now under p.
func (p SessionPolicy) expired(sess *Session, now time.Time) bool {
	return now.Sub(sess.LastSeen) > p.Idle || now.Sub(sess.Created) > p.Lifetime
}

// CreateSession signs user u in and returns the new session's ID, the
// only copy of it. It also drops u's sessions that have ended, so the
// bucket does not grow with abandoned browsers.
func (s *Store) CreateSession(u *User, p SessionPolicy) (string, error) {
	id := randomToken(32)
	now := s.Now()
	sess := &Session{V: 1, UserID: u.ID, Epoch: u.AuthEpoch, Created: now, LastSeen: now}
	err := s.Update(func(tx *Tx) error {
		if err := tx.pruneSessions(u.ID, p); err != nil {
			return err
		}
		key := hashToken(id)
		if err := tx.Put(bucketUserSessions, userSessionKey(u.ID, key), nil); err != nil {
			return err
		}
		return tx.PutJSON(bucketSessions, key, sess)
	})
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return id, nil
}

// SessionUser returns the enabled user of the live session id, or
// ErrNotFound when the session does not exist or has ended (an ended one
// is deleted). It writes LastSeen at most once a minute.
func (s *Store) SessionUser(id string, p SessionPolicy) (*User, error) {
	if id == "" || len(id) > 100 {
		return nil, ErrNotFound
	}
	key := hashToken(id)
	var sess Session
	var u User
	err := s.View(func(tx *Tx) error {
		if err := tx.GetJSON(bucketSessions, key, &sess); err != nil {
			return err
		}
		return tx.GetJSON(bucketUsers, Itob(sess.UserID), &u)
	})
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if p.expired(&sess, now) || u.Disabled || u.AuthEpoch != sess.Epoch {
		if err := s.Update(func(tx *Tx) error { return tx.deleteSession(key) }); err != nil {
			return nil, fmt.Errorf("end session: %w", err)
		}
		return nil, ErrNotFound
	}
	if now.Sub(sess.LastSeen) >= sessionTouchEvery {
		s.touchSession(key, now)
	}
	return &u, nil
}

// touchSession writes LastSeen unless the session was deleted meanwhile.
// A failure only shortens the session, so it is not reported.
func (s *Store) touchSession(key []byte, now time.Time) {
	_ = s.Update(func(tx *Tx) error {
		var sess Session
		if err := tx.GetJSON(bucketSessions, key, &sess); err != nil {
			return nil
		}
		sess.LastSeen = now
		return tx.PutJSON(bucketSessions, key, &sess)
	})
}

// DeleteSession ends session id (signing out); a missing one is not an
// error.
func (s *Store) DeleteSession(id string) error {
	if id == "" {
		return nil
	}
	return s.Update(func(tx *Tx) error { return tx.deleteSession(hashToken(id)) })
}

// DeleteUserSessions ends every session of user id.
func (s *Store) DeleteUserSessions(userID uint64) error {
	return s.Update(func(tx *Tx) error { return tx.deleteUserSessions(userID) })
}

// SessionCount returns how many sessions user id has, ended or not.
func (s *Store) SessionCount(userID uint64) (int, error) {
	return Read(s, func(tx *Tx) (int, error) {
		n := 0
		err := tx.ForEach(bucketUserSessions, Itob(userID), func(_, _ []byte) error { n++; return nil })
		return n, err
	})
}

func (tx *Tx) deleteSession(key []byte) error {
	var sess Session
	err := tx.GetJSON(bucketSessions, key, &sess)
	if errors.Is(err, ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if err := tx.Delete(bucketUserSessions, userSessionKey(sess.UserID, key)); err != nil {
		return err
	}
	return tx.Delete(bucketSessions, key)
}

func (tx *Tx) deleteUserSessions(userID uint64) error {
	return tx.eachUserSession(userID, func(key []byte, _ *Session) bool { return true })
}

// pruneSessions deletes user id's sessions that have ended under p.
func (tx *Tx) pruneSessions(userID uint64, p SessionPolicy) error {
	now := tx.Now()
	return tx.eachUserSession(userID, func(_ []byte, sess *Session) bool {
		return sess == nil || p.expired(sess, now)
	})
}

// eachUserSession deletes the sessions of user id for which drop is true;
// sess is nil for an index entry whose session is gone.
func (tx *Tx) eachUserSession(userID uint64, drop func(key []byte, sess *Session) bool) error {
	var keys [][]byte
	err := tx.ForEach(bucketUserSessions, Itob(userID), func(k, _ []byte) error {
		key := bytes.Clone(k[8:])
		var sess Session
		var ptr *Session
		if err := tx.GetJSON(bucketSessions, key, &sess); err == nil {
			ptr = &sess
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if drop(key, ptr) {
			keys = append(keys, key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, key := range keys {
		if err := tx.Delete(bucketUserSessions, userSessionKey(userID, key)); err != nil {
			return err
		}
		if err := tx.Delete(bucketSessions, key); err != nil {
			return err
		}
	}
	return nil
}

func userSessionKey(userID uint64, key []byte) []byte {
	return append(Itob(userID), key...)
}
