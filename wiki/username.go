package wiki

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// How user names are matched. One rule, used by every lookup and every
// comparison (sign-in, proxy headers, handover people, page owners, quiz
// authors):
//
//   - Two names are the same account's when they are equal after
//     lower-casing ASCII letters. Nothing else folds: "İ", "ı", the
//     Kelvin sign "K", "ß", "É" and fullwidth letters keep their identity.
//     A full Unicode fold (strings.ToLower) would sign the identity
//     provider's "ADMİN" in as the local "admin".
//   - A new name must be in NFKC form (no Kelvin sign, fullwidth or
//     ligature letters) and must not look like an existing account's
//     name under a full fold (lookalikeKey): "ADMİN" or "Élodie" beside
//     "admin" or "élodie" are refused, not given a second account that
//     readers would take for the first.
//
// Names typed by people (handover people, owners) are stored as the
// account's own Name (ResolveUserName), so stored records hold one
// spelling; comparisons still go through SameUser or User.Is, which agree
// with lookups for records of any age (cmd/handover's
// TestUserNamesComparedByOneRule finds == on user names).

// UserKey is the lookup form of a user name: trimmed, with ASCII letters
// lower-cased. Not even canonical composition (NFC) is applied: it maps
// the Kelvin sign to K.
func UserKey(name string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(name))
}

// SameUser reports whether two names name the same account.
func SameUser(a, b string) bool { return a != "" && b != "" && UserKey(a) == UserKey(b) }

// Is reports whether name is u's.
func (u *User) Is(name string) bool { return u != nil && SameUser(u.Name, name) }

// lookalikeKey folds what a reader could take for the same name: NFKC,
// full lower-casing, simple case folding (final sigma), and the Turkish
// dotless ı as i. It is used only to refuse new names, never to find one.
func lookalikeKey(name string) string {
	name = strings.ToLower(norm.NFKC.String(strings.TrimSpace(name)))
	return strings.Map(func(r rune) rune {
		if r == 'ı' {
			r = 'i'
		}
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, name)
}

// checkNotLookalike refuses a new name that a reader could take for an
// existing account's other than its own.
func (tx *Tx) checkNotLookalike(name string) error {
	key := lookalikeKey(name)
	var taken string
	err := tx.forEachUser(func(_ []byte, u *User) error {
		if lookalikeKey(u.Name) == key {
			taken = u.Name
			return ErrStop
		}
		return nil
	})
	if err != nil {
		return err
	}
	if taken != "" {
		return Errorf(Conflict, "the user name %q is too like the existing %q: choose a name that differs in more than letter case or character form", name, taken)
	}
	return nil
}

// ResolveUserName returns the account's own spelling of a typed name, or
// ErrNotFound.
func (tx *Tx) ResolveUserName(name string) (string, error) {
	u, err := tx.UserByName(name)
	if err != nil {
		return "", err
	}
	return u.Name, nil
}

// ownerName is how a page owner is stored: the account's own spelling when
// the name is an account's, else as typed (an owner may have no account).
func (tx *Tx) ownerName(name string) string {
	if n, err := tx.ResolveUserName(name); err == nil {
		return n
	}
	return strings.TrimSpace(name)
}
