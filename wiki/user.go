package wiki

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Role is a user's role. Admins manage users and the instance, managers run
// handovers and watch readiness, members read, write and take quizzes.
type Role string

// Roles.
const (
	RoleAdmin   Role = "admin"
	RoleManager Role = "manager"
	RoleMember  Role = "member"
)

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleAdmin, RoleManager, RoleMember:
		return r, nil
	}
	return "", Errorf(Invalid, "unknown role %q (use admin, manager or member)", s)
}

// User is a local account.
type User struct {
	V            int       `json:"v"`
	ID           uint64    `json:"id"`
	Name         string    `json:"name"`
	DisplayName  string    `json:"display_name,omitempty"`
	Email        string    `json:"email,omitempty"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"password_hash,omitempty"`
	Disabled     bool      `json:"disabled,omitempty"`
	AuthEpoch    int       `json:"auth_epoch"`
	Created      time.Time `json:"created"`
	// External is set for users created from a trusted proxy header; they
	// have no password.
	External bool `json:"external,omitempty"`
	// TimeZone is the IANA zone the user reads times in ("" when not
	// chosen: the browser's, else UTC); see Zone.
	TimeZone string `json:"time_zone,omitempty"`
}

// IsAdmin reports whether u is an enabled admin.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// IsManager reports whether u may manage handovers (managers and admins).
func (u *User) IsManager() bool {
	return u != nil && (u.Role == RoleManager || u.Role == RoleAdmin)
}

// Label is the name to show for u. Login names cannot hold hidden
// characters (ValidateUserName); a display name is cleaned here.
func (u *User) Label() string {
	if d := CleanDisplayText(u.DisplayName); d != "" {
		return d
	}
	return u.Name
}

// ValidateUserName checks a new login name: 1-64 characters of letters,
// digits, '.', '-', '_' and '@', starting with a letter or digit, in NFKC
// form (username.go).
func ValidateUserName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 {
		return "", Errorf(Invalid, "a user name has 1 to 64 characters")
	}
	for i, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune(".-_@", r))
		if !ok {
			return "", Errorf(Invalid, "user name %q: use letters, digits, '.', '-', '_' or '@', starting with a letter or digit", name)
		}
	}
	if plain := norm.NFKC.String(name); plain != name {
		return "", Errorf(Invalid, "user name %q: use plain letters, as in %q (no fullwidth, ligature or symbol forms)", name, plain)
	}
	return name, nil
}

// CreateUser adds a user with the given password (empty for external users).
func (s *Store) CreateUser(name string, role Role, password string) (*User, error) {
	name, err := ValidateUserName(name)
	if err != nil {
		return nil, err
	}
	u := &User{V: 1, Name: name, Role: role, Created: s.Now()}
	if password != "" {
		if err := CheckPasswordStrength(name, password); err != nil {
			return nil, err
		}
		if u.PasswordHash, err = HashPassword(password); err != nil {
			return nil, err
		}
	}
	err = s.Update(func(tx *Tx) error { return tx.createUser(u) })
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (tx *Tx) createUser(u *User) error {
	key := []byte(UserKey(u.Name))
	if tx.Get(bucketUsernames, key) != nil {
		return Errorf(Conflict, "the user name %q is taken", u.Name)
	}
	if err := tx.checkNotLookalike(u.Name); err != nil {
		return err
	}
	id, err := tx.NextID(bucketUsers)
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	u.ID = id
	if err := tx.Put(bucketUsernames, key, Itob(id)); err != nil {
		return err
	}
	return tx.PutJSON(bucketUsers, Itob(id), u)
}

// User returns the user with the given ID, or ErrNotFound.
func (s *Store) User(id uint64) (*User, error) {
	var u User
	err := s.View(func(tx *Tx) error { return tx.GetJSON(bucketUsers, Itob(id), &u) })
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// UserByName returns the user with the given name (ASCII letter case
// ignored, UserKey), or ErrNotFound.
func (s *Store) UserByName(name string) (*User, error) {
	return Read(s, func(tx *Tx) (*User, error) { return tx.UserByName(name) })
}

// UserByName looks a user up by name inside a transaction.
func (tx *Tx) UserByName(name string) (*User, error) {
	id := tx.Get(bucketUsernames, []byte(UserKey(name)))
	if id == nil {
		return nil, ErrNotFound
	}
	var u User
	if err := tx.GetJSON(bucketUsers, id, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Users returns every user, sorted by name.
func (s *Store) Users() ([]*User, error) {
	var users []*User
	err := s.View(func(tx *Tx) error {
		return tx.ForEach(bucketUsers, nil, func(_, v []byte) error {
			var u User
			if err := decodeJSON(v, &u); err != nil {
				return err
			}
			users = append(users, &u)
			return nil
		})
	})
	sort.Slice(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	return users, err
}

// UserCount returns the number of accounts.
func (s *Store) UserCount() (int, error) {
	var n int
	err := s.View(func(tx *Tx) error { n = tx.Count(bucketUsers); return nil })
	return n, err
}

// UpdateUser loads user id, applies fn and stores the result. When fn
// changes the AuthEpoch (sign out everywhere, a new password, an admin's
// edit), every session of the user ends in the same transaction.
func (s *Store) UpdateUser(id uint64, fn func(u *User) error) (*User, error) {
	var u User
	err := s.Update(func(tx *Tx) error {
		if err := tx.GetJSON(bucketUsers, Itob(id), &u); err != nil {
			return err
		}
		epoch := u.AuthEpoch
		if err := fn(&u); err != nil {
			return err
		}
		if u.AuthEpoch != epoch {
			if err := tx.deleteUserSessions(id); err != nil {
				return err
			}
		}
		return tx.PutJSON(bucketUsers, Itob(id), &u)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// SetPassword replaces u's password and logs it out everywhere else.
func (s *Store) SetPassword(id uint64, password string) (*User, error) {
	u, err := s.User(id)
	if err != nil {
		return nil, err
	}
	if err := CheckPasswordStrength(u.Name, password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	return s.UpdateUser(id, func(u *User) error {
		u.PasswordHash = hash
		u.AuthEpoch++
		return nil
	})
}

// CreateExternalUser creates a member account for a name that an identity
// provider vouches for, or returns the account made by a concurrent request.
func (s *Store) CreateExternalUser(name string) (*User, error) {
	name, err := ValidateUserName(name)
	if err != nil {
		return nil, err
	}
	u := &User{V: 1, Name: name, Role: RoleMember, External: true, Created: s.Now()}
	err = s.Update(func(tx *Tx) error {
		if existing, err := tx.UserByName(name); err == nil {
			u = existing // created by a concurrent request
			return nil
		}
		return tx.createUser(u)
	})
	return u, err
}
