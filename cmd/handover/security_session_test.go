package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// csrfState is what the cross-origin requests of TestCrossOriginRequestsRefused
// try to change.
type csrfState struct {
	Revision, Tokens, Users, Epoch int
	Deleted, Closed                bool
	Hash                           string
	PassMark                       int
}

func (a *testApp) csrfState(h *quiz.Handover) csrfState {
	a.t.Helper()
	p := a.Page("a")
	alex := a.User("alex")
	tokens, _ := a.Main.Store.Tokens(alex.ID)
	users, _ := a.Main.Store.Users()
	ho, _ := a.Quiz.Handover(h.ID)
	qz, _ := a.Quiz.Quiz(p.ID)
	st := csrfState{Revision: p.Revision, Deleted: p.Deleted, Tokens: len(tokens), Users: len(users),
		Epoch: alex.AuthEpoch, Hash: alex.PasswordHash, Closed: ho.Closed}
	if qz != nil {
		st.PassMark = qz.PassMark
	}
	return st
}

// TestCrossOriginRequestsRefused sends state-changing requests of a
// signed-in user (and an admin, and a sign-in) as another site would make
// a browser send them: with Sec-Fetch-Site cross-site or same-site, or
// (older browsers) only an Origin that is not ours. Each is refused with
// 403 and changes nothing.
func TestCrossOriginRequestsRefused(t *testing.T) {
	app := newHandoverApp(t)
	app.SavePage("a", "# A\n\n## Steps\n\nDo it.\n")
	app.AddQuestion("a", "alex", &quiz.Question{Type: quiz.TrueFalse, Section: "steps", Text: "Do it?", Truth: true})
	h := app.SeedHandover()
	alex, morgan, admin := app.Login("alex"), app.Login("morgan"), app.Login("admin")
	requests := []struct {
		c                   *webtest.Client
		method, path, ctype string
		body                string
	}{
		{alex, "POST", "/edit/a", formType, "markdown=changed&base_revision=1"},
		{alex, "POST", "/delete/a", formType, ""},
		{alex, "PUT", "/api/pages/a", "application/json", `{"markdown":"changed","base_revision":1}`},
		{alex, "POST", "/account/tokens", formType, "name=stolen"},
		{alex, "POST", "/account/logout-everywhere", formType, ""},
		{alex, "POST", "/account/password", formType, "current=" + url.QueryEscape(webtest.Password) + "&password=pwned-pwned-pwned&password2=pwned-pwned-pwned"},
		{alex, "POST", "/quiz/settings/a", formType, "pass_mark=1"},
		{morgan, "POST", fmt.Sprintf("/handovers/%d/close", h.ID), formType, ""},
		{admin, "POST", "/admin/users", formType, "name=mallory&role=admin&password=" + url.QueryEscape(webtest.Password)},
		{app.Anonymous(), "POST", "/login", formType, "name=alex&password=" + url.QueryEscape(webtest.Password)},
	}
	origins := map[string]map[string]string{
		"Sec-Fetch-Site cross-site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		"Sec-Fetch-Site same-site":  {"Sec-Fetch-Site": "same-site", "Origin": "https://wiki.evil.example"},
		"only a foreign Origin":     {"Origin": "https://evil.example"},
		"Origin null":               {"Origin": "null"},
	}
	before := app.csrfState(h)
	for how, header := range origins {
		for _, rq := range requests {
			resp := foreign(t, rq.c, rq.method, rq.path, rq.ctype, rq.body, header)
			if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("%s %s with %s = %d (Set-Cookie %q), want 403 and no cookie", rq.method, rq.path, how,
					resp.StatusCode, resp.Header.Get("Set-Cookie"))
			}
		}
	}
	if diff := cmp.Diff(before, app.csrfState(h)); diff != "" {
		t.Errorf("cross-origin requests changed the state (-before +after):\n%s", diff)
	}
	if r := alex.Get("/account"); r.StatusCode != http.StatusOK {
		t.Errorf("alex's session after the refused requests: GET /account = %d, want 200", r.StatusCode)
	}
	// The control: the same edit from our own pages goes through.
	r := alex.Send("POST", "/edit/a", formType, requests[0].body, nil)
	if r.StatusCode != http.StatusSeeOther || app.csrfState(h).Revision != before.Revision+1 {
		t.Errorf("same-origin POST /edit/a = %d, want 303 and a new revision", r.StatusCode)
	}
}

const formType = "application/x-www-form-urlencoded"

// foreign sends a request as c the way another site's page would make the
// browser send it: with header (Sec-Fetch-Site, Origin) instead of the
// same-origin marker of c.do.
func foreign(t *testing.T, c *webtest.Client, method, path, ctype, body string, header map[string]string) *webtest.Response {
	t.Helper()
	req, _ := http.NewRequest(method, c.URL(path), strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	resp.Body.Close()
	return &webtest.Response{Response: resp}
}

// TestSessionFixation: a cookie planted in the victim's browser before
// sign-in (one the attacker made up, or the attacker's own session) is
// replaced at sign-in, and the planted value never becomes the victim's
// session.
func TestSessionFixation(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("mallory", wiki.RoleMember)
	srvURL, _ := url.Parse(app.Server.URL)
	mallorys := sessionCookie(t, app.Login("mallory"), srvURL)
	for name, planted := range map[string]string{"made up": "MTcwMDAwMDAwMHxhdHRhY2tlcnxzZXNzaW9u", "the attacker's session": mallorys} {
		victim := app.Anonymous()
		victim.HTTP.Jar.SetCookies(srvURL, []*http.Cookie{{Name: "handover_session", Value: planted, Path: "/"}})
		if r := victim.PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: login = %d", name, r.StatusCode)
		}
		if got := sessionCookie(t, victim, srvURL); got == planted || got == "" {
			t.Errorf("%s: the session cookie after login is %q, want a new one", name, got)
		}
		if !strings.Contains(victim.Get("/account").Body, ">alex<") {
			t.Errorf("%s: the victim is not signed in as alex", name)
		}
		attacker := app.Anonymous()
		attacker.HTTP.Jar.SetCookies(srvURL, []*http.Cookie{{Name: "handover_session", Value: planted, Path: "/"}})
		if body := attacker.Get("/account").Body; strings.Contains(body, ">alex<") {
			t.Errorf("%s: the planted cookie signs in as alex", name)
		}
	}
}

// sessionCookie returns c's session cookie for u.
func sessionCookie(t *testing.T, c *webtest.Client, u *url.URL) string {
	t.Helper()
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "handover_session" {
			return ck.Value
		}
	}
	return ""
}

// TestLogoutEverywhereKeepsAPITokens records a decision: signing out
// everywhere (and changing the password) ends every browser session and
// the feed token, but API tokens keep working. They belong to scripts,
// are listed on the account page beside the button, and are revoked one by
// one there; disabling the account stops them all.
func TestLogoutEverywhereKeepsAPITokens(t *testing.T) {
	app := newTestApp(t)
	alex := app.AddUser("alex", wiki.RoleMember)
	app.AddUser("admin", wiki.RoleAdmin)
	app.SavePage("a", "# A\n")
	_, token, err := app.Main.Store.CreateToken(alex.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := app.Main.Store.CreateFeedToken(alex)
	if err != nil {
		t.Fatal(err)
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	api := func() int { return app.Anonymous().Send("GET", "/api/pages/a", "", "", bearer).StatusCode }
	first, second := app.Login("alex"), app.Login("alex")
	webtest.WantStatus(t, "logout everywhere", first.PostForm("/account/logout-everywhere", nil), http.StatusSeeOther)
	for name, c := range map[string]*webtest.Client{"this session": first, "another session": second} {
		if r := c.Get("/account"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("%s after logout everywhere: GET /account = %d, want 303 to sign in", name, r.StatusCode)
		}
	}
	if got := api(); got != http.StatusOK {
		t.Errorf("API token after logout everywhere: %d, want 200 (tokens are revoked one by one)", got)
	}
	if r := app.Anonymous().Get("/feed.atom?token=" + feed); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("feed token after logout everywhere: %d, want 401", r.StatusCode)
	}
	third := app.Login("alex")
	form := url.Values{"current": {webtest.Password}, "password": {"another long password"}, "password2": {"another long password"}}
	webtest.WantStatus(t, "change password", third.PostForm("/account/password", form), http.StatusSeeOther)
	if got := api(); got != http.StatusOK {
		t.Errorf("API token after a password change: %d, want 200", got)
	}
	webtest.WantStatus(t, "disable alex", app.Login("admin").PostForm(fmt.Sprintf("/admin/users/%d", alex.ID),
		url.Values{"status": {"disabled"}}), http.StatusSeeOther)
	if got := api(); got != http.StatusUnauthorized {
		t.Errorf("API token of a disabled account: %d, want 401", got)
	}
}

// TestLoginRateLimitPerAddress: twenty failed sign-ins from one address,
// each for a different name, lock that address out (even for a right
// password), while another address still signs in.
func TestLoginRateLimitPerAddress(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	spray := app.Anonymous()
	for i := range 20 {
		r := spray.PostForm("/login", url.Values{"name": {fmt.Sprintf("user%d", i)}, "password": {"wrong password!"}})
		webtest.WantStatus(t, fmt.Sprintf("failed login %d", i+1), r, http.StatusUnauthorized)
	}
	r := spray.PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}})
	if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Errorf("right password from the spraying address = %d (Retry-After %q), want 429", r.StatusCode, r.Header.Get("Retry-After"))
	}
	other := app.anonymousFrom("127.0.0.2")
	if r := other.PostForm("/login", url.Values{"name": {"sam"}, "password": {webtest.Password}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("login from another address = %d, want 303", r.StatusCode)
	}
}

// TestLoginRateLimitBehindProxy: behind a trusted reverse proxy, failures
// count per address the proxy saw (the last X-Forwarded-For hop), so one
// guesser does not lock everyone out; what the client itself puts in the
// header cannot move it to a fresh address, and the header means nothing
// on a connection that is not from the proxy.
func TestLoginRateLimitBehindProxy(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.TrustedProxies = "127.0.0.1" })
	app.AddUser("sam", wiki.RoleMember)
	login := func(c *webtest.Client, forwarded, name, password string) *webtest.Response {
		form := url.Values{"name": {name}, "password": {password}}
		return c.Send(http.MethodPost, "/login", "application/x-www-form-urlencoded", form.Encode(),
			map[string]string{"X-Forwarded-For": forwarded})
	}
	proxy := app.Anonymous()
	for i := range 20 {
		r := login(proxy, "203.0.113.9", fmt.Sprintf("user%d", i), "wrong password!")
		webtest.WantStatus(t, fmt.Sprintf("failed login %d", i+1), r, http.StatusUnauthorized)
	}
	webtest.WantStatus(t, "the guesser again", login(proxy, "203.0.113.9", "user99", "wrong password!"), http.StatusTooManyRequests)
	webtest.WantStatus(t, "the guesser claiming another address first", login(proxy, "10.1.2.3, 203.0.113.9", "user99", "x"), http.StatusTooManyRequests)
	webtest.WantStatus(t, "someone else through the proxy", login(app.Anonymous(), "198.51.100.7", "sam", webtest.Password), http.StatusSeeOther)

	direct := app.anonymousFrom("127.0.0.2")
	for i := range 20 {
		login(direct, fmt.Sprintf("198.51.100.%d", i), fmt.Sprintf("user%d", i), "wrong password!")
	}
	webtest.WantStatus(t, "a direct client that rotates X-Forwarded-For", login(direct, "192.0.2.1", "sam", webtest.Password), http.StatusTooManyRequests)
}

// anonymousFrom is an anonymous client whose connections come from the
// loopback address ip, so the server sees a different client address.
func (a *testApp) anonymousFrom(ip string) *webtest.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, addr)
	}}
	a.t.Cleanup(tr.CloseIdleConnections)
	c := a.Anonymous()
	c.HTTP.Transport = tr
	return c
}

// TestLoginRedirectStaysOnSite: after signing in, next= only leads to a
// page of this site, however a browser would read it.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	for _, next := range []string{"//evil.example", "/\t/evil.example", `/\evil.example`, "https://evil.example/",
		"/\r\n/evil.example", " //evil.example", "javascript:alert(1)", "/%09/evil.example"} {
		r := app.Anonymous().PostForm("/login", url.Values{"name": {"alex"}, "password": {webtest.Password}, "next": {next}})
		loc := r.Header.Get("Location")
		if u, err := url.Parse(loc); r.StatusCode != http.StatusSeeOther || err != nil || u.Host != "" ||
			!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\t\r\n\\") {
			t.Errorf("login with next=%q → %d to %q, want a redirect to a page of this site", next, r.StatusCode, loc)
		}
	}
}

// TestWrongTokensRefused: secrets that differ from a real one in a single
// character, in case, in length, or only share its prefix are refused, for
// API, feed and setup tokens alike. (All three are compared as SHA-256
// hashes, with subtle.ConstantTimeCompare or a map lookup of the hash, so
// timing reveals nothing about the secret; the session cookie is an HMAC
// checked by securecookie with hmac.Equal.)
func TestWrongTokensRefused(t *testing.T) {
	app := newTestApp(t)
	setup, err := app.Main.Store.NewSetupToken()
	if err != nil {
		t.Fatal(err)
	}
	if r := app.Anonymous().Get("/setup?token=" + url.QueryEscape(setup)); r.StatusCode != http.StatusOK {
		t.Fatalf("the right setup token = %d, want 200", r.StatusCode)
	}
	for _, bad := range append(nearMisses(setup, ""), setup+"\x00") {
		if r := app.Anonymous().Get("/setup?token=" + url.QueryEscape(bad)); r.StatusCode != http.StatusForbidden {
			t.Errorf("setup token %q (the right one is %q) = %d, want 403", bad, setup, r.StatusCode)
		}
	}
	alex := app.AddUser("alex", wiki.RoleMember)
	app.SavePage("a", "# A\n")
	_, token, err := app.Main.Store.CreateToken(alex.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := app.Main.Store.CreateFeedToken(alex)
	if err != nil {
		t.Fatal(err)
	}
	api := func(secret string) int {
		return app.Anonymous().Send("GET", "/api/pages/a", "", "", map[string]string{"Authorization": "Bearer " + secret}).StatusCode
	}
	feedStatus := func(secret string) int {
		return app.Anonymous().Get("/feed.atom?token=" + url.QueryEscape(secret)).StatusCode
	}
	if api(token) != http.StatusOK || feedStatus(feed) != http.StatusOK {
		t.Fatalf("the right tokens are refused: API %d, feed %d", api(token), feedStatus(feed))
	}
	for _, bad := range nearMisses(token, "hov_") {
		if got := api(bad); got != http.StatusUnauthorized {
			t.Errorf("API token %q (the right one is %q) = %d, want 401", bad, token, got)
		}
	}
	for _, bad := range append(nearMisses(feed, "hof_"), feed+"\x00", token) {
		if got := feedStatus(bad); got != http.StatusUnauthorized {
			t.Errorf("feed token %q (the right one is %q) = %d, want 401", bad, feed, got)
		}
	}
}

// nearMisses returns secrets close to s, whose public prefix is prefix:
// one character changed at the start, middle and end, the case flipped,
// one character more or less, only the prefix, and the prefix padded to
// the length of s.
func nearMisses(s, prefix string) []string {
	flip := func(i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	return []string{flip(len(prefix)), flip(len(s) / 2), flip(len(s) - 1), strings.ToUpper(s), strings.ToLower(s) + "x",
		s + "A", s[:len(s)-1], prefix, prefix + strings.Repeat("A", len(s)-len(prefix)), ""}
}

// TestProxySignIn: a trusted proxy's X-Forwarded-User signs the user in,
// creating a member on first sight; the header means nothing from any
// other address; a name that cannot be a user name or a disabled account
// gets a 403 that says why (and no ERROR in the log).
func TestProxySignIn(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.TrustedProxies = "127.0.0.1" })
	as := func(c *webtest.Client, name string) *webtest.Response {
		return c.Send(http.MethodGet, "/account", "", "", map[string]string{"X-Forwarded-User": name})
	}
	resp := as(app.Anonymous(), "jo")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, "jo") {
		t.Fatalf("GET /account through the proxy as jo = %d", resp.StatusCode)
	}
	jo, err := app.Main.Store.UserByName("jo")
	if err != nil || jo.Role != wiki.RoleMember || !jo.External {
		t.Fatalf("jo after the first request = %+v, %v; want an external member", jo, err)
	}
	webtest.WantStatus(t, "the header from an untrusted address", as(app.anonymousFrom("127.0.0.2"), "admin"), http.StatusSeeOther)

	resp = as(app.Anonymous(), "../evil name")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, "cannot be a user name here") {
		t.Errorf("an impossible name = %d %q, want 403 saying why", resp.StatusCode, resp.Body)
	}
	if _, err := app.Main.Store.UpdateUser(jo.ID, func(u *wiki.User) error { u.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	resp = as(app.Anonymous(), "jo")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, "disabled") {
		t.Errorf("a disabled account = %d %q, want 403 saying it is disabled", resp.StatusCode, resp.Body)
	}
}

// copyClient returns a fresh client holding a copy of c's session cookie,
// as someone who took it from the browser would.
func copyClient(t *testing.T, app *testApp, c *webtest.Client) *webtest.Client {
	t.Helper()
	u, _ := url.Parse(app.Server.URL)
	cp := app.Anonymous()
	cp.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "handover_session", Value: sessionCookie(t, c, u), Path: "/"}})
	return cp
}

// signedIn reports whether c is signed in (GET /account does not send it
// to sign in).
func signedIn(c *webtest.Client) bool { return c.Get("/account").StatusCode == http.StatusOK }

// TestSessionCookieCopiedBeforeLogout: signing out ends the session on the
// server, so a copy of the cookie taken before (by malware, a shared
// computer, a proxy log) is refused afterwards, at once, even though the
// copy decoded a moment ago (the cookie memo must not keep it alive).
func TestSessionCookieCopiedBeforeLogout(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	alex := app.Login("alex")
	stolen := copyClient(t, app, alex)
	if !signedIn(stolen) {
		t.Fatal("the copied cookie does not work before sign-out")
	}
	webtest.WantStatus(t, "logout", alex.PostForm("/logout", nil), http.StatusSeeOther)
	if signedIn(stolen) {
		t.Error("a cookie copied before sign-out still works after it")
	}
	if signedIn(alex) {
		t.Error("the signed-out browser is still signed in")
	}
}

// TestSessionPasswordChangeEndsOthers: a new password ends every other
// session of the user (and their copies) but keeps the browser that
// changed it; other users' sessions are untouched.
func TestSessionPasswordChangeEndsOthers(t *testing.T) {
	app := newTestApp(t)
	app.AddUser("alex", wiki.RoleMember)
	app.AddUser("sam", wiki.RoleMember)
	here, other, sam := app.Login("alex"), app.Login("alex"), app.Login("sam")
	stolen := copyClient(t, app, here)
	form := url.Values{"current": {webtest.Password}, "password": {"another long password"}, "password2": {"another long password"}}
	webtest.WantStatus(t, "change password", here.PostForm("/account/password", form), http.StatusSeeOther)
	for name, tc := range map[string]struct {
		c    *webtest.Client
		want bool
	}{"the browser that changed it": {here, true}, "another session": {other, false},
		"a copy of the old cookie": {stolen, false}, "another user": {sam, true}} {
		if got := signedIn(tc.c); got != tc.want {
			t.Errorf("%s after a password change: signed in = %v, want %v", name, got, tc.want)
		}
	}
}

// TestSessionTimeouts: a session ends after --session-idle without a
// request, and --session-lifetime after sign-in however busy it is. A
// request within the idle time keeps it alive.
func TestSessionTimeouts(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.SessionIdle = time.Hour; c.SessionLifetime = 3 * time.Hour })
	app.AddUser("alex", wiki.RoleMember)
	clk := app.SetClock()
	idle := app.Login("alex")
	clk.Advance(61 * time.Minute)
	if signedIn(idle) {
		t.Error("a session idle for 61 minutes (--session-idle 1h) still works")
	}
	busy := app.Login("alex")
	for range 5 { // 2h50m of requests every 34 minutes
		clk.Advance(34 * time.Minute)
		if !signedIn(busy) {
			t.Fatalf("a session used every 34 minutes ended at %v", clk.Now())
		}
	}
	clk.Advance(11 * time.Minute)
	if signedIn(busy) {
		t.Error("a busy session 3h01m old (--session-lifetime 3h) still works")
	}
}

// TestSessionDefaults: without flags sessions idle out after 12 hours and
// end after 30 days; the flags and their HANDOVER_* fallbacks change that.
func TestSessionDefaults(t *testing.T) {
	var cfg Config
	if err := parseFlags(serveFlags(&cfg, io.Discard), nil); err != nil {
		t.Fatal(err)
	}
	if cfg.SessionIdle != 12*time.Hour || cfg.SessionLifetime != 30*24*time.Hour {
		t.Errorf("defaults: idle %v, lifetime %v; want 12h, 720h", cfg.SessionIdle, cfg.SessionLifetime)
	}
	t.Setenv("HANDOVER_SESSION_IDLE", "30m")
	cfg = Config{}
	if err := parseFlags(serveFlags(&cfg, io.Discard), []string{"--session-lifetime", "24h"}); err != nil {
		t.Fatal(err)
	}
	if cfg.SessionIdle != 30*time.Minute || cfg.SessionLifetime != 24*time.Hour {
		t.Errorf("HANDOVER_SESSION_IDLE=30m --session-lifetime 24h: idle %v, lifetime %v", cfg.SessionIdle, cfg.SessionLifetime)
	}
}
