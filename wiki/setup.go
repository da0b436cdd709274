package wiki

import (
	"crypto/subtle"
	"fmt"
)

var metaSetupToken = []byte("setup_token_hash")

// NewSetupToken returns a one-time secret for creating the first admin when
// there are no users yet ("" otherwise). Each call replaces the previous
// secret; only its hash is kept.
func (s *Store) NewSetupToken() (string, error) {
	var secret string
	err := s.Update(func(tx *Tx) error {
		if tx.Count(bucketUsers) > 0 {
			return tx.Delete(bucketMeta, metaSetupToken)
		}
		secret = randomToken(24)
		return tx.Put(bucketMeta, metaSetupToken, hashToken(secret))
	})
	if err != nil {
		return "", fmt.Errorf("setup token: %w", err)
	}
	return secret, nil
}

// checkSetupToken reports whether secret is the pending setup token.
func (tx *Tx) checkSetupToken(secret string) bool {
	want := tx.Get(bucketMeta, metaSetupToken)
	return want != nil && secret != "" && subtle.ConstantTimeCompare(hashToken(secret), want) == 1
}

// SetupTokenValid reports whether secret may still create the first admin.
func (s *Store) SetupTokenValid(secret string) bool {
	ok := false
	_ = s.View(func(tx *Tx) error { ok = tx.checkSetupToken(secret); return nil })
	return ok
}

// CreateFirstAdmin creates the first admin account with the setup secret,
// which is consumed; it fails once any user exists.
func (s *Store) CreateFirstAdmin(secret, name, password string) (*User, error) {
	name, err := ValidateUserName(name)
	if err != nil {
		return nil, err
	}
	if err := CheckPasswordStrength(password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &User{V: 1, Name: name, Role: RoleAdmin, PasswordHash: hash, Created: s.Now()}
	err = s.Update(func(tx *Tx) error {
		if !tx.checkSetupToken(secret) || tx.Count(bucketUsers) > 0 {
			return Errorf(Forbidden, "this setup link is no longer valid: it works once, before any account exists")
		}
		if err := tx.Delete(bucketMeta, metaSetupToken); err != nil {
			return err
		}
		return tx.createUser(u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
