package wiki

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// trickyNames are names that strings.ToLower, NFKC or a full case fold
// would fold onto one another.
var trickyNames = []string{
	"admin", "ADMIN", "ADMİN" /* U+0130 */, "admın" /* U+0131 */, "ADMİN", "kelvin", "\u212Aelvin", "Kelvin",
	"straße", "STRASSE", "strasse", "STRAẞE" /* U+1E9E */, "ｓａｍ" /* fullwidth */, "sam", "élodie", "Élodie",
	"e\u0301lodie" /* combining acute */, "ﬁona" /* ligature */, "fiona", "ǅemal", "σίσυφος", "ΣΊΣΥΦΟΣ",
}

// Creating every tricky name in turn gives an account only to names that
// are plain (NFKC) and not like an existing one; the others are refused
// with the reason.
func TestCreateTrickyUserNames(t *testing.T) {
	s := mustOpenStore(t)
	want := map[string]Kind{
		"admin": 0, "ADMIN": Conflict, "ADMİN": Conflict, "admın": Conflict, "kelvin": 0, "\u212Aelvin": Invalid,
		"Kelvin": Conflict, "straße": 0, "STRASSE": 0, "strasse": Conflict, "STRAẞE": Conflict, "ｓａｍ": Invalid,
		"sam": 0, "élodie": 0, "Élodie": Conflict, "e\u0301lodie": Invalid, "ﬁona": Invalid, "fiona": 0,
		"ǅemal": Invalid, "σίσυφος": 0, "ΣΊΣΥΦΟΣ": Conflict,
	}
	for _, name := range trickyNames {
		_, err := s.CreateUser(name, RoleMember, "long enough password")
		if got := ErrorKind(err); err != nil && got != want[name] || err == nil && want[name] != 0 {
			t.Errorf("CreateUser(%q) = %v, want kind %v", name, err, want[name])
		}
	}
}

// A typed name finds an account exactly when the two differ only in the
// case of ASCII letters: "ADMİN" is not admin, the Kelvin sign is not k.
func TestUserByNameFoldsOnlyASCII(t *testing.T) {
	s := mustOpenStore(t)
	for _, name := range []string{"admin", "kelvin", "straße", "STRASSE", "sam", "élodie", "σίσυφος"} {
		if _, err := s.CreateUser(name, RoleMember, "long enough password"); err != nil {
			t.Fatal(err)
		}
	}
	users, _ := s.Users()
	for _, typed := range append(trickyNames, " Admin ", "Sam", "strasse", "Élodie", "ΣΊΣΥΦΟΣ") {
		u, err := s.UserByName(typed)
		for _, a := range users {
			found := err == nil && u.ID == a.ID
			if same := asciiLower(strings.TrimSpace(typed)) == asciiLower(a.Name); found != same {
				t.Errorf("UserByName(%q) finds %q: %v, want %v", typed, a.Name, found, same)
			}
		}
	}
}

// asciiLower is the rule written out the long way, for the tests.
func asciiLower(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Names that share a lookup key always share a lookalike key, so the
// lookalike refusal at creation also keeps lookup keys unique; and
// SameUser is symmetric. Random names over an alphabet of tricky letters.
func TestUserKeyProperties(t *testing.T) {
	alphabet := []rune("aAiIİıkKKsSſßẞeéÉσςΣｓＳ")
	r := rand.New(rand.NewPCG(14, 13))
	word := func() string {
		n := 1 + r.IntN(4)
		out := make([]rune, n)
		for i := range out {
			out[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(out)
	}
	for range 20000 {
		a, b := word(), word()
		if SameUser(a, b) != SameUser(b, a) {
			t.Fatalf("SameUser(%q, %q) is not symmetric", a, b)
		}
		if SameUser(a, b) && lookalikeKey(a) != lookalikeKey(b) {
			t.Fatalf("%q and %q share a lookup key but not a lookalike key", a, b)
		}
		if SameUser(a, b) != (asciiLower(a) == asciiLower(b)) {
			t.Fatalf("SameUser(%q, %q) = %v, not the ASCII-only rule", a, b, SameUser(a, b))
		}
	}
}

// A database of format 1 (user names keyed by strings.ToLower, page owners
// as typed), written directly through bbolt, is rewritten once when it
// opens: keys are UserKey, owners are the accounts' names.
func TestMigrateFormat1UserNames(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"alex", "Élodie"} {
		if _, err := s.CreateUser(name, RoleMember, "long enough password"); err != nil {
			t.Fatal(err)
		}
	}
	owners := map[string]string{"a": "ALEX", "b": "élodie", "c": "nobody", "d": ""}
	for path := range owners {
		mustSave(t, s, SaveRequest{Path: path, Markdown: "# " + path + "\n"})
	}
	s.Close()
	writeFormat1(t, dir, owners)

	s, err = OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for path, want := range map[string]string{"a": "alex", "b": "Élodie", "c": "nobody", "d": ""} {
		if p, _ := s.Page(path); p.Owner != want {
			t.Errorf("owner of %s = %q, want %q", path, p.Owner, want)
		}
	}
	var keys []string
	s.View(func(tx *Tx) error {
		return tx.ForEach(bucketUsernames, nil, func(k, _ []byte) error { keys = append(keys, string(k)); return nil })
	})
	if strings.Join(keys, ",") != "alex,Élodie" {
		t.Errorf("user name keys = %q, want alex,Élodie", keys)
	}
	if u, err := s.UserByName("Élodie"); err != nil || u.Name != "Élodie" {
		t.Errorf("UserByName(Élodie) after the migration = %v, %v", u, err)
	}
	var v []byte
	s.View(func(tx *Tx) error { v = tx.Get(bucketMeta, metaFormat); return nil })
	if Btoi(v) != FormatVersion {
		t.Errorf("format after the migration = %d, want %d", Btoi(v), FormatVersion)
	}
}

// writeFormat1 turns the database in dir back into format 1: ToLower keys
// and the given page owners, path → owner.
func writeFormat1(t *testing.T, dir string, owners map[string]string) {
	t.Helper()
	db, err := bolt.Open(dir+"/"+DBFile, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte(bucketUsernames)); err != nil {
			return err
		}
		names, err := tx.CreateBucket([]byte(bucketUsernames))
		if err != nil {
			return err
		}
		err = tx.Bucket([]byte(bucketUsers)).ForEach(func(k, v []byte) error {
			var u User
			json.Unmarshal(v, &u)
			return names.Put([]byte(strings.ToLower(u.Name)), k)
		})
		if err != nil {
			return err
		}
		pages, rewritten := tx.Bucket([]byte(bucketPages)), map[string][]byte{}
		pages.ForEach(func(k, v []byte) error {
			var p map[string]any
			json.Unmarshal(v, &p)
			p["owner"] = owners[p["path"].(string)]
			rewritten[string(k)], _ = json.Marshal(p)
			return nil
		})
		for k, v := range rewritten {
			if err := pages.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte(bucketMeta)).Put(metaFormat, Itob(1))
	})
	if err != nil {
		t.Fatal(err)
	}
}
