package wiki

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// tokenPrefix marks handover API tokens so they are recognisable in logs
// and secret scanners.
const tokenPrefix = "hov_"

// An API token reads hov_<id>_<secret>: the ID is its key in the tokens
// bucket, so a request costs one Get and one constant-time comparison of
// the SHA-256 of the whole token, however many tokens exist. Tokens made
// before IDs were part of them (V 1, hov_<secret>) are found through
// bucketTokenHashes, hash → ID, filled once when the store opens
// (indexLegacyTokens).
const (
	tokenVersion      = 2
	bucketTokenHashes = "token_hashes"
)

var metaTokenHashes = []byte("token_hashes_built")

// MaxTokensPerUser caps one account's API tokens, so that one script gone
// wrong cannot fill the database.
const MaxTokensPerUser = 50

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
// secret, which is not stored. A user with MaxTokensPerUser tokens gets an
// Invalid error.
func (s *Store) CreateToken(userID uint64, name string) (*Token, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, "", Errorf(Invalid, "give the token a name of 1 to 100 characters")
	}
	var t *Token
	var secret string
	err := s.Update(func(tx *Tx) (err error) {
		t, secret, err = tx.createToken(userID, name)
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("create token: %w", err)
	}
	return t, secret, nil
}

func (tx *Tx) createToken(userID uint64, name string) (*Token, string, error) {
	if err := tx.GetJSON(bucketUsers, Itob(userID), &User{}); err != nil {
		return nil, "", err
	}
	if n, err := tx.userTokenCount(userID); err != nil {
		return nil, "", err
	} else if n >= MaxTokensPerUser {
		return nil, "", Errorf(Invalid, "an account has at most %d API tokens: revoke one you no longer use first", MaxTokensPerUser)
	}
	id, err := tx.NextID(bucketTokens)
	if err != nil {
		return nil, "", err
	}
	secret := tokenPrefix + strconv.FormatUint(id, 10) + "_" + randomToken(32)
	t := &Token{V: tokenVersion, ID: id, UserID: userID, Name: name, Hash: hashToken(secret), Created: tx.Now()}
	return t, secret, tx.PutJSON(bucketTokens, Itob(id), t)
}

func (tx *Tx) userTokenCount(userID uint64) (int, error) {
	n := 0
	err := tx.ForEach(bucketTokens, nil, func(_, v []byte) error {
		var t Token
		if err := decodeJSON(v, &t); err != nil {
			return err
		}
		if t.UserID == userID {
			n++
		}
		return nil
	})
	return n, err
}

// UserByToken returns the enabled user owning the API token secret, or
// ErrNotFound.
func (s *Store) UserByToken(secret string) (*User, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return nil, ErrNotFound
	}
	want := hashToken(secret)
	found, err := Read(s, func(tx *Tx) (*Token, error) { return tx.tokenBySecret(secret, want) })
	if err != nil {
		return nil, err
	}
	u, err := s.User(found.UserID)
	if err != nil || u.Disabled {
		return nil, ErrNotFound
	}
	s.touchToken(found)
	return u, nil
}

// tokenBySecret finds the token whose hash is want: by the ID in the
// secret, else (a token of the old format) through the hash index.
func (tx *Tx) tokenBySecret(secret string, want []byte) (*Token, error) {
	key := tx.Get(bucketTokenHashes, want)
	if idPart, _, ok := strings.Cut(strings.TrimPrefix(secret, tokenPrefix), "_"); ok {
		if id, err := strconv.ParseUint(idPart, 10, 64); err == nil && key == nil {
			key = Itob(id)
		}
	}
	if key == nil {
		return nil, ErrNotFound
	}
	var t Token
	if err := tx.GetJSON(bucketTokens, key, &t); err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(t.Hash, want) != 1 {
		return nil, ErrNotFound
	}
	return &t, nil
}

// indexLegacyTokens fills bucketTokenHashes with the tokens made before
// token IDs were part of the secret, once per database.
func (tx *Tx) indexLegacyTokens() error {
	if tx.Get(bucketMeta, metaTokenHashes) != nil {
		return nil
	}
	err := tx.ForEach(bucketTokens, nil, func(k, v []byte) error {
		var t Token
		if err := decodeJSON(v, &t); err != nil {
			return err
		}
		if t.V >= tokenVersion {
			return nil
		}
		return tx.Put(bucketTokenHashes, t.Hash, bytes.Clone(k))
	})
	if err != nil {
		return fmt.Errorf("index API tokens: %w", err)
	}
	return tx.Put(bucketMeta, metaTokenHashes, []byte{1})
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
		if err := tx.Delete(bucketTokenHashes, t.Hash); err != nil {
			return err
		}
		return tx.Delete(bucketTokens, Itob(id))
	})
}
