package wiki

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// putTokens stores n tokens in one transaction, spread over accounts of
// at most MaxTokensPerUser, and returns the secret of the last one.
func putTokens(t testing.TB, s *Store, n int) string {
	t.Helper()
	var secret string
	err := s.Update(func(tx *Tx) error {
		var u *User
		for i := range n {
			if i%MaxTokensPerUser == 0 {
				u = &User{V: 1, Name: fmt.Sprintf("user%d", i), Role: RoleMember}
				if err := tx.createUser(u); err != nil {
					return err
				}
			}
			id, err := tx.NextID(bucketTokens)
			if err != nil {
				return err
			}
			secret = fmt.Sprintf("%s%d_%s", tokenPrefix, id, randomToken(32))
			tok := &Token{V: 2, ID: id, UserID: u.ID, Name: "ci", Hash: hashToken(secret)}
			if err := tx.PutJSON(bucketTokens, Itob(id), tok); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// TestTokenLookupCostFlat: finding a token's user costs the same with 3,000
// tokens as with one: it reads the token its ID names, instead of decoding
// and comparing every stored token (which took a 2-core server from 2,250
// to 100 API requests a second). Allocations count the work without
// timing noise.
func TestTokenLookupCostFlat(t *testing.T) {
	allocs := map[int]float64{}
	for _, n := range []int{1, 3000} {
		s := mustOpenStore(t)
		secret := putTokens(t, s, n)
		allocs[n] = testing.AllocsPerRun(50, func() {
			if _, err := s.UserByToken(secret); err != nil {
				t.Fatalf("UserByToken with %d tokens: %v", n, err)
			}
		})
	}
	if allocs[3000] > allocs[1]+5 {
		t.Errorf("UserByToken allocates %.0f times with 3,000 tokens, %.0f with one; want the same", allocs[3000], allocs[1])
	}
}

// BenchmarkUserByToken shows the lookup's cost with 1 and with 3,000
// tokens stored.
func BenchmarkUserByToken(b *testing.B) {
	for _, n := range []int{1, 3000} {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			s, err := OpenStore(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			secret := putTokens(b, s, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.UserByToken(secret); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTokenFormat: a token names its ID, a token with a wrong secret or a
// wrong ID is refused, and so is one whose ID part is not a number.
func TestTokenFormat(t *testing.T) {
	s := mustOpenStore(t)
	u, _ := s.CreateUser("alex", RoleMember, "long enough password")
	tok, secret, err := s.CreateToken(u.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%s%d_", tokenPrefix, tok.ID); !strings.HasPrefix(secret, want) {
		t.Errorf("token %q, want it to start with %q", secret, want)
	}
	_, other, _ := s.CreateToken(u.ID, "other")
	_, rest, _ := strings.Cut(strings.TrimPrefix(secret, tokenPrefix), "_")
	for _, bad := range []string{secret[:len(secret)-1] + "x", fmt.Sprintf("%s%d_%s", tokenPrefix, tok.ID+1, rest),
		tokenPrefix + "x_" + rest, tokenPrefix + "99999999999999999999999_" + rest, other + "x", tokenPrefix} {
		if _, err := s.UserByToken(bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("UserByToken(%q) err = %v, want ErrNotFound", bad, err)
		}
	}
}

// TestLegacyTokensKeepWorking: tokens made before IDs were part of them
// (hov_<secret>, even one that looks like hov_<id>_…) still sign in after
// an upgrade, through the hash index built once at open, and stop when
// revoked.
func TestLegacyTokensKeepWorking(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := s.CreateUser("alex", RoleMember, "long enough password")
	_, current, _ := s.CreateToken(u.ID, "new") // ID 1
	legacy := []string{tokenPrefix + randomToken(32), tokenPrefix + "1_" + randomToken(28)}
	var ids []uint64
	err = s.Update(func(tx *Tx) error {
		for _, secret := range legacy {
			id, _ := tx.NextID(bucketTokens)
			ids = append(ids, id)
			if err := tx.PutJSON(bucketTokens, Itob(id), &Token{V: 1, ID: id, UserID: u.ID, Name: "old", Hash: hashToken(secret)}); err != nil {
				return err
			}
		}
		return tx.Delete(bucketMeta, metaTokenHashes) // as a database from before
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = OpenStore(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, secret := range append(legacy, current) {
		if got, err := s.UserByToken(secret); err != nil || got.ID != u.ID {
			t.Errorf("UserByToken(%q) = %v, %v; want alex", secret, got, err)
		}
	}
	if err := s.RevokeToken(u.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(legacy[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("a revoked old-format token: err = %v, want ErrNotFound", err)
	}
}

// TestTokenCap: an account has at most MaxTokensPerUser API tokens; the
// next is refused with a message saying what to do, and revoking one
// makes room. Other accounts are not affected.
func TestTokenCap(t *testing.T) {
	s := mustOpenStore(t)
	u, _ := s.CreateUser("alex", RoleMember, "long enough password")
	sam, _ := s.CreateUser("sam", RoleMember, "long enough password")
	var first *Token
	for i := range MaxTokensPerUser {
		tok, _, err := s.CreateToken(u.ID, fmt.Sprint("ci", i))
		if err != nil {
			t.Fatalf("token %d: %v", i+1, err)
		}
		if i == 0 {
			first = tok
		}
	}
	_, _, err := s.CreateToken(u.ID, "one more")
	if ErrorKind(err) != Invalid || !strings.Contains(err.Error(), "at most 50 API tokens") {
		t.Errorf("token %d: err = %v, want Invalid saying at most 50", MaxTokensPerUser+1, err)
	}
	if _, _, err := s.CreateToken(sam.ID, "ci"); err != nil {
		t.Errorf("another account's first token: %v", err)
	}
	if err := s.RevokeToken(u.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateToken(u.ID, "one more"); err != nil {
		t.Errorf("a token after revoking one: %v", err)
	}
}
