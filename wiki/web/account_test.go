package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// TestTokenCapOnAccountPage: the account page refuses a token past the
// cap with the store's message on the form, not an error page; an API
// token still works past any number of other accounts' tokens.
func TestTokenCapOnAccountPage(t *testing.T) {
	app := webtest.New(t, webtest.Options{})
	u := app.AddUser("alex", wiki.RoleMember)
	for i := range wiki.MaxTokensPerUser {
		if _, _, err := app.Store.CreateToken(u.ID, fmt.Sprint("ci", i)); err != nil {
			t.Fatal(err)
		}
	}
	r := app.Login("alex").PostForm("/account/tokens", url.Values{"name": {"one more"}})
	webtest.WantStatus(t, "token past the cap", r, http.StatusBadRequest)
	if !strings.Contains(r.Body, "at most 50 API tokens") {
		t.Errorf("the account page does not say why the token was refused")
	}
}
