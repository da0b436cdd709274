package wiki

import (
	"errors"
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	hash, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, "correct") {
		t.Errorf("HashPassword = %q, want an argon2id PHC string without the password", hash)
	}
	if ok, err := CheckPassword(hash, "correct horse battery"); !ok || err != nil {
		t.Errorf("CheckPassword(right password) = %v, %v", ok, err)
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery"} {
		if ok, _ := CheckPassword(hash, wrong); ok {
			t.Errorf("CheckPassword(%q) = true, want false", wrong)
		}
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$x", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"} {
		if ok, _ := CheckPassword(bad, "x"); ok {
			t.Errorf("CheckPassword(malformed %q) = true", bad)
		}
	}
}

func TestUsers(t *testing.T) {
	s := mustOpenStore(t)
	u, err := s.CreateUser("Alex", RoleMember, "long enough password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser("alex", RoleAdmin, "long enough password"); ErrorKind(err) != Conflict {
		t.Errorf("duplicate name (case-insensitive): %v, want Conflict", err)
	}
	if _, err := s.CreateUser("bob", RoleMember, "short"); ErrorKind(err) != Invalid {
		t.Errorf("short password: %v, want Invalid", err)
	}
	for _, bad := range []string{"", "-x", "a b", "<b>", strings.Repeat("x", 65)} {
		if _, err := s.CreateUser(bad, RoleMember, "long enough password"); ErrorKind(err) != Invalid {
			t.Errorf("CreateUser(%q): %v, want Invalid", bad, err)
		}
	}
	got, err := s.UserByName("ALEX")
	if err != nil || got.ID != u.ID {
		t.Errorf("UserByName(ALEX) = %v, %v; want user %d", got, err, u.ID)
	}
	before := got.AuthEpoch
	got, err = s.SetPassword(u.ID, "another long password")
	if ok, _ := CheckPassword(got.PasswordHash, "another long password"); err != nil || got.AuthEpoch != before+1 || !ok {
		t.Errorf("SetPassword: epoch %d→%d, err %v; want the epoch bumped and the new password set", before, got.AuthEpoch, err)
	}
}

func TestTokens(t *testing.T) {
	s := mustOpenStore(t)
	u, _ := s.CreateUser("alex", RoleMember, "long enough password")
	tok, secret, err := s.CreateToken(u.ID, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(tok.Hash), secret) || !strings.HasPrefix(secret, tokenPrefix) {
		t.Errorf("token secret %q stored in the clear or without prefix", secret)
	}
	if got, err := s.UserByToken(secret); err != nil || got.ID != u.ID {
		t.Errorf("UserByToken = %v, %v; want alex", got, err)
	}
	if _, err := s.UserByToken(secret + "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("UserByToken(wrong) err = %v, want ErrNotFound", err)
	}
	other, _ := s.CreateUser("sam", RoleMember, "long enough password")
	if err := s.RevokeToken(other.ID, tok.ID); ErrorKind(err) != NotFound {
		t.Errorf("revoking someone else's token: %v, want NotFound", err)
	}
	if err := s.RevokeToken(u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(secret); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked token still works: %v", err)
	}
}

func TestSetupToken(t *testing.T) {
	s := mustOpenStore(t)
	secret, err := s.NewSetupToken()
	if err != nil || secret == "" {
		t.Fatalf("NewSetupToken on an empty store = %q, %v", secret, err)
	}
	if _, err := s.CreateFirstAdmin("wrong", "root", "long enough password"); ErrorKind(err) != Forbidden {
		t.Errorf("CreateFirstAdmin(wrong token): %v, want Forbidden", err)
	}
	u, err := s.CreateFirstAdmin(secret, "root", "long enough password")
	if err != nil || u.Role != RoleAdmin {
		t.Fatalf("CreateFirstAdmin = %v, %v", u, err)
	}
	if _, err := s.CreateFirstAdmin(secret, "root2", "long enough password"); ErrorKind(err) != NotFound {
		t.Errorf("reusing the setup token: %v, want NotFound", err)
	}
	if again, _ := s.NewSetupToken(); again != "" {
		t.Errorf("NewSetupToken with users = %q, want none", again)
	}
}

func TestDiff(t *testing.T) {
	lines := Diff("a\nb\nc\n", "a\nB\nc\nd\n")
	var got []string
	for _, l := range lines {
		got = append(got, string(l.Op)+l.Text)
	}
	want := " a|-b|+B| c|+d"
	if strings.Join(got, "|") != want {
		t.Errorf("Diff = %q, want %q", strings.Join(got, "|"), want)
	}
	long := strings.Repeat("same\n", 50)
	elided := Diff(long+"x\n", long+"y\n")
	if len(elided) > 10 || elided[0].Op != '~' {
		t.Errorf("Diff of a long unchanged run has %d lines starting %q, want an elided gap", len(elided), elided[0].Op)
	}
}
