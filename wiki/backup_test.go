package wiki

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// backupFile writes a backup of a store holding one page whose text
// contains marker, and returns its path.
func backupFile(t *testing.T, marker string) string {
	t.Helper()
	s := mustOpenStore(t)
	mustSave(t, s, SaveRequest{Path: "ops/runbook", Markdown: "# Runbook\n\n" + marker})
	path := filepath.Join(t.TempDir(), "backup.db")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := s.WriteBackup(f); err != nil {
		t.Fatal(err)
	}
	return path
}

// damage writes a changed copy of the file at path and returns the copy's
// path.
func damage(t *testing.T, path string, change func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(out, change(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// breakValue overwrites marker, inside a stored JSON string, with
// control characters: the pages stay sound, the JSON does not.
func breakValue(marker string) func([]byte) []byte {
	return func(data []byte) []byte {
		return bytes.ReplaceAll(data, []byte(marker), bytes.Repeat([]byte{7}, len(marker)))
	}
}

func TestVerifyBackupRefusesDamage(t *testing.T) {
	const marker = "MARKER-1234567890"
	good := backupFile(t, marker)
	if err := VerifyBackup(good); err != nil {
		t.Fatalf("VerifyBackup(a sound backup) = %v", err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"truncated", damage(t, good, func(b []byte) []byte { return b[:len(b)/2] }), "is cut short"},
		{"bad JSON value", damage(t, good, breakValue(marker)), "invalid character"},
		{"empty", damage(t, good, func([]byte) []byte { return nil }), "is empty"},
		{"missing", filepath.Join(dir, "missing.db"), "does not exist"},
		{"directory", dir, "is a directory"},
		{"not bbolt", damage(t, good, func(b []byte) []byte { return bytes.Repeat([]byte("x"), 1<<16) }), "not a handover database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyBackup(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("VerifyBackup(%s) = %v, want one line with %q", tc.name, err, tc.want)
			}
		})
	}
}

func TestOpenStoreDamaged(t *testing.T) {
	good := backupFile(t, "text")
	for _, tc := range []struct {
		name   string
		change func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"zeroed pages", func(b []byte) []byte { clear(b[3*4096:]); return b }},
		{"zeroed root page", func(b []byte) []byte {
			root := int(binary.NativeEndian.Uint64(b[16+16:])) // meta page 0: root bucket
			clear(b[root*4096 : (root+1)*4096])
			return b
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			data, _ := os.ReadFile(good)
			os.WriteFile(filepath.Join(dir, DBFile), tc.change(data), 0o600)
			s, err := OpenStore(dir)
			if err == nil {
				s.Close()
			}
			if err == nil || strings.Count(err.Error(), DBFile) != 1 || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "restore it from a backup") {
				t.Errorf("OpenStore(%s) = %v, want an error saying it is damaged and to restore a backup", tc.name, err)
			}
		})
	}
}

func TestStoreCheckDecodesValues(t *testing.T) {
	const marker = "MARKER-1234567890"
	dir := t.TempDir()
	data, _ := os.ReadFile(damage(t, backupFile(t, marker), breakValue(marker)))
	os.WriteFile(filepath.Join(dir, DBFile), data, 0o600)
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "revisions/") {
		t.Errorf("Check() of a store with a damaged revision = %v, want it named", err)
	}
}

func TestInUse(t *testing.T) {
	s := mustOpenStore(t)
	if !InUse(s.Path()) {
		t.Errorf("InUse(an open store) = false")
	}
	trunc := damage(t, backupFile(t, "text"), func(b []byte) []byte { return b[:len(b)/2] })
	before, _ := os.ReadFile(trunc)
	if InUse(trunc) {
		t.Errorf("InUse(a damaged file no one holds) = true")
	}
	if after, _ := os.ReadFile(trunc); !bytes.Equal(before, after) {
		t.Error("InUse changed the file")
	}
}
