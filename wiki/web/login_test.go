package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// The limiter's numbers (ratelimit.go), as the README states them.
const (
	perPair  = 5
	perAddr  = 20
	maxDelay = 2 * time.Second
)

func wrongLogin(c *webtest.Client, name string) *webtest.Response {
	return c.PostForm("/login", url.Values{"name": {name}, "password": {"not the password"}})
}

// TestLoginConcurrentGuesses: 50 wrong passwords for one name at once
// from one address. Each attempt counts before its password is hashed, so
// only the pair's limit is hashed (each hash holds 19 MiB) and the rest
// get 429 at once.
func TestLoginConcurrentGuesses(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	before := wiki.PasswordHashes()
	statuses := make(chan int, 50)
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- wrongLogin(app.Anonymous(), "alex").StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if hashed := wiki.PasswordHashes() - before; hashed > perPair {
		t.Errorf("50 concurrent guesses hashed %d passwords, want at most %d", hashed, perPair)
	}
	if count[http.StatusUnauthorized] > perPair || count[http.StatusUnauthorized]+count[http.StatusTooManyRequests] != 50 {
		t.Errorf("statuses %v, want at most %d × 401 and the rest 429", count, perPair)
	}
}

// TestLoginLockoutIsPerAddress: a guesser at the admin's name is refused
// after the pair's limit, but cannot lock the admin out: from another
// address the right password still signs in, after at most the delay.
func TestLoginLockoutIsPerAddress(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("admin", wiki.RoleAdmin)
	guesser := app.Anonymous()
	for i := range 12 {
		want := http.StatusUnauthorized
		if i >= perPair {
			want = http.StatusTooManyRequests
		}
		webtest.WantStatus(t, fmt.Sprintf("guess %d", i+1), wrongLogin(guesser, "admin"), want)
	}
	r := guesser.PostForm("/login", url.Values{"name": {"admin"}, "password": {webtest.Password}})
	if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Errorf("the right password from the guesser = %d (Retry-After %q), want 429", r.StatusCode, r.Header.Get("Retry-After"))
	}
	start := time.Now()
	r = app.AnonymousFrom("127.0.0.2").PostForm("/login", url.Values{"name": {"admin"}, "password": {webtest.Password}})
	webtest.WantStatus(t, "the admin from another address", r, http.StatusSeeOther)
	if took := time.Since(start); took > maxDelay+time.Second {
		t.Errorf("the admin's sign-in took %v, want at most the delay bound %v (and a hash)", took, maxDelay)
	}
}

// TestLoginLimitPerAddress: failures at many names from one address
// refuse that address, even for a right password, and no other.
func TestLoginLimitPerAddress(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	spray := app.Anonymous()
	for i := range perAddr {
		webtest.WantStatus(t, fmt.Sprintf("guess %d", i+1), wrongLogin(spray, fmt.Sprint("user", i)), http.StatusUnauthorized)
	}
	webtest.WantStatus(t, "the right password from the sprayer", spray.PostForm("/login",
		url.Values{"name": {"alex"}, "password": {webtest.Password}}), http.StatusTooManyRequests)
	webtest.WantStatus(t, "alex from another address", app.AnonymousFrom("127.0.0.3").PostForm("/login",
		url.Values{"name": {"alex"}, "password": {webtest.Password}}), http.StatusSeeOther)
}

// TestLoginNameSlowsDown: guesses at one name from many addresses make
// every attempt on it wait, up to the bound, but never refuse it.
func TestLoginNameSlowsDown(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	app.AddUser("alex", wiki.RoleMember)
	for i := range perPair + 2 {
		c := app.AnonymousFrom(fmt.Sprint("127.0.1.", i+1))
		webtest.WantStatus(t, fmt.Sprintf("guess %d", i+1), wrongLogin(c, "alex"), http.StatusUnauthorized)
	}
	start := time.Now()
	r := app.AnonymousFrom("127.0.2.1").PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	took := time.Since(start)
	webtest.WantStatus(t, "alex after the guesses", r, http.StatusSeeOther)
	if took < 500*time.Millisecond || took > maxDelay+time.Second {
		t.Errorf("sign-in after %d failures took %v, want the delay (≥ 500ms, ≤ %v)", perPair+2, took, maxDelay)
	}
}
