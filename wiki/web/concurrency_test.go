package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// The concurrency suite of the wiki (the quiz's half is in
// quiz/web/concurrency_test.go): the same request from many clients at
// once, on the real handlers and store, as a double click, a retrying
// proxy or an attacker sends it. Run it with -race.

// atOnce runs fn(i) for i in [0, n) in n goroutines released together, and
// returns the status each got.
func atOnce(n int, fn func(i int) *webtest.Response) []int {
	statuses := make([]int, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = fn(i).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	return statuses
}

func countStatuses(statuses []int) map[int]int {
	out := map[int]int{}
	for _, s := range statuses {
		out[s]++
	}
	return out
}

// TestLoginConcurrentRightAndWrong: 40 wrong passwords for alex from one
// address and, at the same moment, alex signing in from 10 others. Only
// the guessing pair's limit of wrong passwords is hashed, every right one
// gets in (slowed down, or told to retry when every hashing slot is
// busy, never refused as wrong), and each hash is counted.
func TestLoginConcurrentRightAndWrong(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	const wrong, right = 40, 10
	before := wiki.PasswordHashes()
	statuses := atOnce(wrong+right, func(i int) *webtest.Response {
		if i < wrong {
			return wrongLogin(app.Anonymous(), "alex")
		}
		c := app.AnonymousFrom(fmt.Sprintf("127.0.4.%d", i))
		return c.PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	})
	guesses, signIns := countStatuses(statuses[:wrong]), countStatuses(statuses[wrong:])
	if hashed := wiki.PasswordHashes() - before; hashed > perPair+right {
		t.Errorf("%d wrong and %d right passwords at once hashed %d, want at most %d", wrong, right, hashed, perPair+right)
	}
	if guesses[http.StatusUnauthorized] > perPair || guesses[http.StatusUnauthorized]+guesses[http.StatusTooManyRequests] != wrong {
		t.Errorf("wrong passwords: statuses %v, want at most %d × 401 and the rest 429", guesses, perPair)
	}
	// A right password waits for a free hashing slot; on a loaded machine
	// it may be told the server is busy (429), never that it is wrong, and
	// gets in when tried again.
	if signIns[http.StatusSeeOther]+signIns[http.StatusTooManyRequests] != right || signIns[http.StatusSeeOther] == 0 {
		t.Errorf("right passwords: statuses %v, want %d × 303 (or busy: 429)", signIns, right)
	}
	for i, s := range statuses[wrong:] {
		if s == http.StatusTooManyRequests {
			c := app.AnonymousFrom(fmt.Sprintf("127.0.4.%d", wrong+i))
			webtest.WantStatus(t, "a busy sign-in tried again", c.PostForm("/login",
				url.Values{"name": {"alex"}, "password": {webtest.Password}}), http.StatusSeeOther)
		}
	}
	t.Logf("%d wrong passwords: %v; %d right ones: %v", wrong, guesses, right, signIns)
}

// TestLoginConcurrentSameRight: one person signing in from 20 tabs of one
// browser at once. Each attempt counts before its password is hashed, so
// at most the pair's limit are hashed at once and the rest are told to
// wait (429 with Retry-After), never a wrong-password answer; once they are
// done, the next sign-in from the same address gets in: one's own tabs do
// not lock one out.
func TestLoginConcurrentSameRight(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	before := wiki.PasswordHashes()
	statuses := atOnce(20, func(int) *webtest.Response {
		return app.Anonymous().PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	})
	got := countStatuses(statuses)
	if got[http.StatusSeeOther] == 0 || got[http.StatusSeeOther]+got[http.StatusTooManyRequests] != 20 {
		t.Errorf("20 sign-ins at once: statuses %v, want some 303 and the rest 429", got)
	}
	if hashed := wiki.PasswordHashes() - before; hashed > perPair {
		t.Errorf("20 sign-ins at once hashed %d passwords, want at most %d", hashed, perPair)
	}
	r := app.Anonymous().PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	webtest.WantStatus(t, "a sign-in after the burst", r, http.StatusSeeOther)
	t.Logf("20 sign-ins at once: %v", got)
}

// renameForm is the rename form as the page offers it at revision base.
func renameForm(to string, base int) url.Values {
	return url.Values{"to": {to}, "base_revision": {strconv.Itoa(base)}}
}

// TestRenameConcurrent: two people rename the same page to two targets at
// the same moment, ten times over. Exactly one rename wins; the other gets
// 409 and says why; the page has exactly one new revision, at the winner's
// path, and the loser's path stays free.
func TestRenameConcurrent(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	alex, sam := app.Login("alex"), app.Login("sam")
	for round := range 10 {
		from := fmt.Sprintf("ops/page-%d", round)
		p := app.SavePage(from, "# Page\n\nText.\n")
		targets := []string{from + "-alex", from + "-sam"}
		var bodies [2]string
		statuses := atOnce(2, func(i int) *webtest.Response {
			r := []*webtest.Client{alex, sam}[i].PostForm("/rename/"+from, renameForm(targets[i], p.Revision))
			bodies[i] = r.Body
			return r
		})
		winner := wantOneWins(t, fmt.Sprintf("round %d: renames", round), statuses, bodies)
		if winner < 0 {
			continue
		}
		moved, err := app.Store.PageByID(p.ID)
		if err != nil || moved.Path != targets[winner] || moved.Revision != p.Revision+1 {
			t.Fatalf("round %d: page after the renames = %+v, %v; want at %s, revision %d", round, moved, err, targets[winner], p.Revision+1)
		}
		if _, err := app.Store.Page(targets[1-winner]); err == nil {
			t.Errorf("round %d: the losing rename's path %s holds a page", round, targets[1-winner])
		}
		wantRevisions(t, app, p.ID, p.Revision+1)
	}
}

// TestRenameWhileEditing: a rename and a save of the same revision at the
// same moment, ten times over. Exactly one of them wins; the other gets
// 409 with the reason (the editor's text comes back in the form, so
// nothing typed is lost); no saved revision is lost.
func TestRenameWhileEditing(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	alex, sam := app.Login("alex"), app.Login("sam")
	wins := map[string]int{}
	for round := range 10 {
		from := fmt.Sprintf("ops/edited-%d", round)
		p := app.SavePage(from, "# Page\n\nOld text.\n")
		edit := fmt.Sprintf("# Page\n\nNew text %d.\n", round)
		var bodies [2]string
		statuses := atOnce(2, func(i int) *webtest.Response {
			var r *webtest.Response
			if i == 0 {
				r = alex.PostForm("/rename/"+from, renameForm(from+"-moved", p.Revision))
			} else {
				r = sam.PostForm("/edit/"+from, url.Values{"title": {"Page"}, "markdown": {edit},
					"base_revision": {strconv.Itoa(p.Revision)}})
			}
			bodies[i] = r.Body
			return r
		})
		winner := wantOneWins(t, fmt.Sprintf("round %d: rename and save", round), statuses, bodies)
		if winner < 0 {
			continue
		}
		wins[[]string{"rename", "save"}[winner]]++
		cur, err := app.Store.PageByID(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		text, err := app.Store.CurrentText(cur)
		if err != nil {
			t.Fatal(err)
		}
		if winner == 0 && (cur.Path != from+"-moved" || strings.Contains(text, "New text")) {
			t.Errorf("round %d: the rename won, yet the page is at %s with %q", round, cur.Path, text)
		}
		if winner == 1 && (cur.Path != from || !strings.Contains(text, edit)) {
			t.Errorf("round %d: the save won, yet the page is at %s with %q", round, cur.Path, text)
		}
		if winner == 0 && !strings.Contains(bodies[1], "New text") {
			t.Errorf("round %d: the refused save did not give the editor's text back", round)
		}
		wantRevisions(t, app, p.ID, p.Revision+1)
	}
	t.Logf("winners over 10 rounds: %v", wins)
}

// wantOneWins checks that of two simultaneous writes exactly one went
// through (303) and the other got 409 with a reason, and returns the
// winner's index (-1 when the check failed).
func wantOneWins(t *testing.T, what string, statuses []int, bodies [2]string) int {
	t.Helper()
	for i, s := range statuses {
		other := statuses[1-i]
		if s == http.StatusSeeOther && other == http.StatusConflict {
			// The reason is on the form (an alert) or, when the page had
			// already moved before the loser's request read it, on the
			// error page.
			if !strings.Contains(bodies[1-i], `role="alert"`) && !strings.Contains(bodies[1-i], "in the meantime") {
				t.Errorf("%s: the 409 does not say why:\n%.500s", what, bodies[1-i])
			}
			return i
		}
	}
	t.Errorf("%s: statuses %v, want one 303 and one 409", what, statuses)
	return -1
}

// wantRevisions checks that the page has exactly n revisions, numbered 1
// to n: none lost, none doubled.
func wantRevisions(t *testing.T, app *webtest.App, pageID uint64, n int) {
	t.Helper()
	revs, err := app.Store.Revisions(pageID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, r := range revs {
		seen[r.N] = true
	}
	if len(revs) != n || len(seen) != n || !seen[1] || !seen[n] {
		t.Errorf("page %d has revisions %v, want 1 to %d", pageID, seen, n)
	}
}
