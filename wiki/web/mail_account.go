package web

import (
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// setEmail sets or clears the signed-in user's e-mail address, where
// notification e-mails go when the server has SMTP settings.
func (h *handlers) setEmail(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	email, err := cleanEmail(r.PostForm.Get("email"))
	if err != nil {
		return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: ErrorMessage(err), Email: r.PostForm.Get("email")})
	}
	// The address is not part of the sign-in, so the epoch stays.
	if _, err := h.Store.UpdateUser(UserFromContext(r.Context()).ID, func(u *wiki.User) error { u.Email = email; return nil }); err != nil {
		return err
	}
	msg := "E-mail address saved."
	if email == "" {
		msg = "E-mail address removed: notifications stay in the wiki."
	}
	h.Views.Flash(w, r, msg)
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

// cleanEmail validates an e-mail field; empty clears the address.
func cleanEmail(s string) (string, error) {
	if s = strings.TrimSpace(s); s == "" {
		return "", nil
	}
	return wiki.ParseEmail(s)
}
