package quiz

import (
	"strings"
	"testing"
	"time"
)

const kitRunbook = `---
critical: [steps, rollback]
---
# Failover

## Steps

1. Fence the old primary <script>alert("kit")</script> first.
2. Call the DBA from [[it-ops/contacts#after-hours|the contacts]].
3. See [[it-ops/notes]] and [the status page](https://status.example.com).

![diagram](/files/it-ops/runbook/diagram.png)

## Background

Why we do it.

## Rollback

Undo it, then [back to the steps](#steps).
`

const kitContacts = `---
tags: [contacts]
critical: [after-hours]
---
## Internal

Sam, +1 312 555 0123.

## After hours

Call the NOC.
`

func TestCrisisKit(t *testing.T) {
	f := newHOFixture(t)
	f.save("it-ops/runbook", "# Failover\n\n## Steps\n\nOld steps.\n", false)
	f.clock = f.clock.Add(time.Hour)
	f.save("it-ops/runbook", kitRunbook, true)
	f.save("it-ops/contacts", kitContacts, false)
	f.save("it-ops/notes", "## Notes\n\nNothing critical.\n", false)
	f.save("finance/crisis", "---\ncritical: [payroll]\n---\n## Payroll\n\nOutside the scope.\n", false)
	h := f.handover()
	f.clock = f.clock.Add(time.Hour)
	kit, err := f.s.CrisisKit(h)
	if err != nil {
		t.Fatal(err)
	}
	if !kit.Made.Equal(f.clock) || kit.Manager != "morgan" || strings.Join(kit.Incoming, ",") != "sam" {
		t.Errorf("kit made %v by manager %q for %v, want %v, morgan, sam", kit.Made, kit.Manager, kit.Incoming, f.clock)
	}
	if len(kit.Contacts) != 1 || kit.Contacts[0].Path != "it-ops/contacts" {
		t.Fatalf("contacts pages = %+v, want it-ops/contacts", kit.Contacts)
	}
	contacts := kit.Contacts[0].Sections[0].HTML
	for _, want := range []string{"+1 312 555 0123", `id="p1-after-hours"`, "Call the NOC", `id="p1-internal"`} {
		if !strings.Contains(contacts, want) {
			t.Errorf("contacts page lacks %q:\n%s", want, contacts)
		}
	}
	if len(kit.Critical) != 1 {
		t.Fatalf("critical pages = %+v, want only it-ops/runbook", kit.Critical)
	}
	rb := kit.Critical[0]
	if rb.Path != "it-ops/runbook" || rb.Revision != 2 || !rb.RevTime.Equal(f.clock.Add(-time.Hour)) || rb.Anchor != "p2" {
		t.Errorf("runbook = %s rev %d at %v anchor %q, want it-ops/runbook rev 2 at %v, p2", rb.Path, rb.Revision, rb.RevTime, rb.Anchor, f.clock.Add(-time.Hour))
	}
	var ids []string
	var all strings.Builder
	for _, s := range rb.Sections {
		ids = append(ids, s.Anchor)
		all.WriteString(s.HTML)
	}
	if got := strings.Join(ids, " "); got != "p2-steps p2-rollback" {
		t.Errorf("runbook sections = %q, want the critical ones, p2-steps p2-rollback", got)
	}
	body := all.String()
	for _, want := range []string{"Fence the old primary", `href="#p1-after-hours"`, "the contacts", "[image: diagram]",
		`href="https://status.example.com"`, `href="#p2-steps"`, "Undo it"} {
		if !strings.Contains(body, want) {
			t.Errorf("runbook sections lack %q:\n%s", want, body)
		}
	}
	for _, bad := range []string{"<script", "Why we do it", "/wiki/", "/files/", "<img", "¶"} {
		if strings.Contains(body, bad) {
			t.Errorf("runbook sections hold %q:\n%s", bad, body)
		}
	}
	for _, p := range kit.Pages() {
		if p.Path == "it-ops/notes" || p.Path == "finance/crisis" || p.Path == "home" {
			t.Errorf("the kit holds %s, which is out of scope or has nothing critical", p.Path)
		}
	}
}
