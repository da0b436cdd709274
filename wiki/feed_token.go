package wiki

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Feed tokens let a feed reader, which cannot sign in, read the Atom feeds
// as a user: GET /feed.atom?token=…. A feed token is a secret of its own,
// separate from API tokens, because it travels in URLs (reader settings,
// proxy logs): it reads feeds and nothing else. Only its SHA-256 is stored,
// as the key, so a lookup is one Get. A user has at most one; making a new
// one replaces it, and it stops working when revoked, when the account is
// disabled, or when the user signs out everywhere (the auth epoch changes).
const bucketFeedTokens = "feed_tokens"

const feedTokenPrefix = "hof_"

type feedToken struct {
	V       int       `json:"v"`
	UserID  uint64    `json:"user_id"`
	Epoch   int       `json:"epoch"`
	Created time.Time `json:"created"`
}

// CreateFeedToken makes a new feed token for user u, replacing any
// earlier one, and returns its secret, which is not stored.
func (s *Store) CreateFeedToken(u *User) (string, error) {
	secret := feedTokenPrefix + randomToken(32)
	err := s.Update(func(tx *Tx) error {
		if err := tx.revokeFeedTokens(u.ID); err != nil {
			return err
		}
		t := feedToken{V: 1, UserID: u.ID, Epoch: u.AuthEpoch, Created: tx.Now()}
		return tx.PutJSON(bucketFeedTokens, hashToken(secret), t)
	})
	if err != nil {
		return "", fmt.Errorf("create feed token: %w", err)
	}
	return secret, nil
}

// RevokeFeedToken deletes user's feed token, if any.
func (s *Store) RevokeFeedToken(userID uint64) error {
	return s.Update(func(tx *Tx) error { return tx.revokeFeedTokens(userID) })
}

func (tx *Tx) revokeFeedTokens(userID uint64) error {
	var keys [][]byte
	err := tx.ForEach(bucketFeedTokens, nil, func(k, v []byte) error {
		var t feedToken
		if err := decodeJSON(v, &t); err != nil {
			return err
		}
		if t.UserID == userID {
			keys = append(keys, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range keys {
		err = errors.Join(err, tx.Delete(bucketFeedTokens, k))
	}
	return err
}

// FeedTokenCreated returns when user's feed token was made, zero if none.
func (s *Store) FeedTokenCreated(userID uint64) (time.Time, error) {
	var created time.Time
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketFeedTokens, nil, func(_, v []byte) error {
			var t feedToken
			if err := decodeJSON(v, &t); err != nil {
				return err
			}
			if t.UserID == userID {
				created = t.Created
				return ErrStop
			}
			return nil
		})
	})
	return created, err
}

// UserByFeedToken returns the enabled user whose feed token secret is
// given, or ErrNotFound.
func (s *Store) UserByFeedToken(secret string) (*User, error) {
	if !strings.HasPrefix(secret, feedTokenPrefix) || len(secret) > 200 {
		return nil, ErrNotFound
	}
	var u User
	err := s.View(func(tx *Tx) error {
		var t feedToken
		if err := tx.GetJSON(bucketFeedTokens, hashToken(secret), &t); err != nil {
			return err
		}
		if err := tx.GetJSON(bucketUsers, Itob(t.UserID), &u); err != nil {
			return err
		}
		if u.Disabled || u.AuthEpoch != t.Epoch {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}
