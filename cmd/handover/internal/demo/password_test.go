package demo

import (
	"testing"

	"github.com/handover/handover/wiki"
)

// TestDemoPasswordsPass: the demo's passwords pass the rules as drawn;
// demoPassword draws again only in rare cases.
func TestDemoPasswordsPass(t *testing.T) {
	refused := 0
	for range 2000 {
		if pw := drawDemoPassword(); wiki.CheckPasswordStrength("alex", pw) != nil {
			refused++
			t.Logf("refused: %q: %v", pw, wiki.CheckPasswordStrength("alex", pw))
		}
	}
	if refused > 1 {
		t.Errorf("the rules refused %d of 2000 demo passwords, want at most 1", refused)
	}
	if pw := demoPassword("alex"); wiki.CheckPasswordStrength("alex", pw) != nil {
		t.Errorf("demoPassword = %q, which the rules refuse", pw)
	}
}
