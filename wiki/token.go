package wiki

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// tokenPrefix marks handover API tokens so they are recognisable in logs
// and secret scanners.
const tokenPrefix = "hov_"

// Token is an API token. Only the SHA-256 of the secret is stored: the
// secret is shown once, when created.
type Token struct {
	V        int       `json:"v"`
	ID       uint64    `json:"id"`
	UserID   uint64    `json:"user_id"`
	Name     string    `json:"name"`
	Hash     []byte    `json:"hash"`
	Created  time.Time `json:"created"`
	LastUsed time.Time `json:"last_used,omitzero"`
}

func hashToken(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// CreateToken makes a new API token for user id and returns it with its
// secret, which is not stored.
func (s *Store) CreateToken(userID uint64, name string) (*Token, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, "", Errorf(Invalid, "give the token a name of 1 to 100 characters")
	}
	secret := tokenPrefix + randomToken(32)
	t := &Token{V: 1, UserID: userID, Name: name, Hash: hashToken(secret), Created: s.Now()}
	err := s.Update(func(tx *Tx) error {
		if err := tx.GetJSON(bucketUsers, Itob(userID), &User{}); err != nil {
			return err
		}
		id, err := tx.NextID(bucketTokens)
		if err != nil {
			return err
		}
		t.ID = id
		return tx.PutJSON(bucketTokens, Itob(id), t)
	})
	if err != nil {
		return nil, "", fmt.Errorf("create token: %w", err)
	}
	return t, secret, nil
}

// UserByToken returns the enabled user owning the API token secret, or
// ErrNotFound. Tokens are few, so every stored hash is compared in constant
// time rather than looked up by key.
func (s *Store) UserByToken(secret string) (*User, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return nil, ErrNotFound
	}
	want := hashToken(secret)
	var found *Token
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketTokens, nil, func(_, v []byte) error {
			var t Token
			if err := decodeJSON(v, &t); err != nil {
				return err
			}
			if subtle.ConstantTimeCompare(t.Hash, want) == 1 {
				found = &t
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, ErrNotFound
	}
	u, err := s.User(found.UserID)
	if err != nil || u.Disabled {
		return nil, ErrNotFound
	}
	s.touchToken(found)
	return u, nil
}

// touchToken records when a token was last used, at most once an hour so
// API reads do not turn into writes.
func (s *Store) touchToken(t *Token) {
	now := s.Now()
	if now.Sub(t.LastUsed) < time.Hour {
		return
	}
	_ = s.Update(func(tx *Tx) error {
		t.LastUsed = now
		return tx.PutJSON(bucketTokens, Itob(t.ID), t)
	})
}

// Tokens returns a user's tokens, newest first.
func (s *Store) Tokens(userID uint64) ([]*Token, error) {
	var out []*Token
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketTokens, nil, func(_, v []byte) error {
			var t Token
			if err := decodeJSON(v, &t); err != nil {
				return err
			}
			if t.UserID == userID {
				out = append(out, &t)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, err
}

// RevokeToken deletes token id if it belongs to user (or any user when
// userID is 0, for admins).
func (s *Store) RevokeToken(userID, id uint64) error {
	return s.Update(func(tx *Tx) error {
		var t Token
		err := tx.GetJSON(bucketTokens, Itob(id), &t)
		if errors.Is(err, ErrNotFound) || (err == nil && userID != 0 && t.UserID != userID) {
			return Errorf(NotFound, "no such token")
		} else if err != nil {
			return err
		}
		return tx.Delete(bucketTokens, Itob(id))
	})
}
