package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover/handover/wiki/web/webtest"
)

// TestUserAddPasswordRules: handover user add applies the password rules
// of the web forms and says which one refused the password.
func TestUserAddPasswordRules(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	for _, tc := range []struct{ password, rule string }{
		{"password12", "list of common passwords"},
		{"aaaaaaaaaa", "repeats a few characters"},
		{"0987654321", "is a sequence"},
		{"rootroot-password", "contains the user name"},
		{webtest.Password, ""},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"user", "add", "--data", data, "--role", "admin", "root"},
			strings.NewReader(tc.password+"\n"), &stdout, &stderr)
		switch {
		case tc.rule == "" && code != 0:
			t.Errorf("user add with %q: exit %d, %s; want 0", tc.password, code, stderr.String())
		case tc.rule != "" && (code == 0 || !strings.Contains(stderr.String(), tc.rule)):
			t.Errorf("user add with %q: exit %d, %q; want an error naming %q", tc.password, code, stderr.String(), tc.rule)
		}
	}
}
