package wiki

import (
	"bytes"
	"fmt"
	"strings"
)

// migrateUserKeys moves a format-1 database to format 2: bucketUsernames
// was keyed by strings.ToLower of the name, which folded "ADMİN" and the
// Kelvin sign onto ASCII; it is keyed by UserKey now. Names equal under
// UserKey were equal under ToLower, and ToLower keys were unique, so no two
// accounts meet on one key. Page owners typed in another letter case are
// stored as the account's own spelling.
func migrateUserKeys(tx *Tx) error {
	canonical, err := tx.LegacyUserNames()
	if err != nil {
		return err
	}
	if err := tx.rekeyUserNames(); err != nil {
		return err
	}
	return tx.canonicalPageOwners(canonical)
}

// LegacyUserNames returns the function that migrations use on names stored
// before format 2: it gives the account's own spelling of a name matched
// the old way (strings.ToLower, as the name was validated then), or the
// name trimmed when no account has it.
func (tx *Tx) LegacyUserNames() (func(string) string, error) {
	byLower := map[string]string{}
	err := tx.forEachUser(func(_ []byte, u *User) error {
		byLower[strings.ToLower(u.Name)] = u.Name
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func(name string) string {
		name = strings.TrimSpace(name)
		if n, ok := byLower[strings.ToLower(name)]; ok {
			return n
		}
		return name
	}, nil
}

func (tx *Tx) forEachUser(fn func(k []byte, u *User) error) error {
	return tx.ForEach(bucketUsers, nil, func(k, v []byte) error {
		var u User
		if err := decodeJSON(v, &u); err != nil {
			return err
		}
		return fn(k, &u)
	})
}

// rekeyUserNames rebuilds bucketUsernames, name key → user ID, from the
// users. bbolt forbids changing a bucket while iterating it, so the old
// keys are collected first.
func (tx *Tx) rekeyUserNames() error {
	var old [][]byte
	tx.ForEach(bucketUsernames, nil, func(k, _ []byte) error {
		old = append(old, bytes.Clone(k))
		return nil
	})
	for _, k := range old {
		if err := tx.Delete(bucketUsernames, k); err != nil {
			return err
		}
	}
	return tx.forEachUser(func(k []byte, u *User) error {
		return tx.Put(bucketUsernames, []byte(UserKey(u.Name)), bytes.Clone(k))
	})
}

// canonicalPageOwners rewrites the pages whose owner is an account's name
// spelled another way.
func (tx *Tx) canonicalPageOwners(canonical func(string) string) error {
	var changed []*Page
	err := tx.ForEach(bucketPages, nil, func(_, v []byte) error {
		var p Page
		if err := decodeJSON(v, &p); err != nil {
			return err
		}
		if owner := canonical(p.Owner); owner != p.Owner {
			p.Owner = owner
			changed = append(changed, &p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range changed {
		if err := tx.PutJSON(bucketPages, Itob(p.ID), p); err != nil {
			return err
		}
	}
	return nil
}

// MigrateOnce runs fn in one transaction, once in the life of the
// database: other packages rewrite their own records with it (quiz's
// handover people, for one). The mark is the key "migrated/"+name in the
// meta bucket.
func (s *Store) MigrateOnce(name string, fn func(tx *Tx) error) error {
	mark := []byte("migrated/" + name)
	return s.Update(func(tx *Tx) error {
		if tx.Get(bucketMeta, mark) != nil {
			return nil
		}
		if err := fn(tx); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		return tx.Put(bucketMeta, mark, []byte{1})
	})
}
