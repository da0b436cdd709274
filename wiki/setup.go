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

// SetupAllowed returns nil if secret may create the first admin now,
// ErrSetupDone (NotFound) once any account exists, and a Forbidden error
// for a wrong secret.
func (s *Store) SetupAllowed(secret string) error {
	return s.View(func(tx *Tx) error { return tx.setupAllowed(secret) })
}

// CreateFirstAdmin creates the first admin account with the setup secret,
// which is consumed. It fails with NotFound once any user exists and with
// Forbidden for a wrong secret, in both cases before hashing anything, so
// such requests cost no more than a lookup.
func (s *Store) CreateFirstAdmin(secret, name, password string) (*User, error) {
	if err := s.View(func(tx *Tx) error { return tx.setupAllowed(secret) }); err != nil {
		return nil, err
	}
	name, err := ValidateUserName(name)
	if err != nil {
		return nil, err
	}
	if err := CheckPasswordStrength(name, password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &User{V: 1, Name: name, Role: RoleAdmin, PasswordHash: hash, Created: s.Now()}
	err = s.Update(func(tx *Tx) error {
		if err := tx.setupAllowed(secret); err != nil {
			return err
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

// ErrSetupDone is the answer to setup requests once an account exists.
var ErrSetupDone = Errorf(NotFound, "setup is done: accounts exist, so sign in instead")

// setupAllowed returns nil if secret may create the first admin now.
func (tx *Tx) setupAllowed(secret string) error {
	switch {
	case tx.Count(bucketUsers) > 0:
		return ErrSetupDone
	case !tx.checkSetupToken(secret):
		return Errorf(Forbidden, "this setup link is not valid: it works once, before any account exists. Restart the server on an empty data directory for a new one.")
	}
	return nil
}
