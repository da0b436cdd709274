package web

import (
	"net/http"
	"strings"

	"github.com/handover/handover/wiki"
)

// setTimeZone sets or clears the signed-in user's time zone. Empty clears
// it: times then follow the browser's zone (ZoneCookie), else UTC.
func (h *handlers) setTimeZone(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 4096); err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostForm.Get("time_zone"))
	if name != "" {
		if _, err := wiki.LoadZone(name); err != nil {
			return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: ErrorMessage(err), TimeZone: name})
		}
	}
	// The zone is not part of the sign-in, so the epoch stays.
	if _, err := h.Store.UpdateUser(UserFromContext(r.Context()).ID, func(u *wiki.User) error { u.TimeZone = name; return nil }); err != nil {
		return err
	}
	msg := "Time zone saved: times are shown in " + name + "."
	if name == "" {
		msg = "Time zone cleared: times follow your browser’s zone, or UTC."
	}
	h.Views.Flash(w, r, msg)
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}
