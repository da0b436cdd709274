package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/handover/handover/wiki"
)

type accountView struct {
	Base
	Tokens []*wiki.Token
	// NewToken is the secret of a token just created, shown once.
	NewToken string
	Error    string
	// FeedToken is when the user's feed token was made (zero: none), and
	// NewFeedURL the recent-changes feed address with one just made, shown
	// once.
	FeedToken  time.Time
	NewFeedURL string
	// Email keeps the e-mail field after an error.
	Email string
	// TimeZone keeps the time zone field after an error; Zone is the
	// zone times are shown in now, and ZoneNames the zones suggested.
	TimeZone  string
	Zone      wiki.Zone
	ZoneNames []string
}

func (h *handlers) account(w http.ResponseWriter, r *http.Request) error {
	return h.renderAccount(w, r, http.StatusOK, &accountView{})
}

func (h *handlers) renderAccount(w http.ResponseWriter, r *http.Request, status int, data *accountView) error {
	tokens, err := h.Store.Tokens(UserFromContext(r.Context()).ID)
	if err != nil {
		return err
	}
	data.Base = Base{Title: "Your account", Nav: "account"}
	data.Tokens = tokens
	data.Zone, data.ZoneNames = ReaderZone(r), wiki.ZoneNames
	if data.FeedToken, err = h.Store.FeedTokenCreated(UserFromContext(r.Context()).ID); err != nil {
		return err
	}
	return h.Views.Render(w, r, status, "account.html", data)
}

func (h *handlers) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	u, f := UserFromContext(r.Context()), r.PostForm
	if u.External {
		return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: "Your account signs in through the company login; it has no password here."})
	}
	current, err := wiki.CheckPassword(u.PasswordHash, f.Get("current"))
	switch {
	case err != nil:
		return err
	case !current:
		return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: "The current password is wrong."})
	case f.Get("password") != f.Get("password2"):
		return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: "The two new passwords differ."})
	}
	u, err = h.Store.SetPassword(u.ID, f.Get("password"))
	if err != nil {
		if ErrorKind(err) == wiki.Invalid {
			return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: ErrorMessage(err)})
		}
		return err
	}
	// The new epoch signs out every other session; keep this one.
	if err := h.Sessions.Login(w, r, u, "Password changed. Other sessions were signed out."); err != nil {
		return err
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

func (h *handlers) logoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	u := UserFromContext(r.Context())
	if _, err := h.Store.UpdateUser(u.ID, func(u *wiki.User) error { u.AuthEpoch++; return nil }); err != nil {
		return err
	}
	if err := h.Sessions.Logout(w, r); err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

func (h *handlers) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	_, secret, err := h.Store.CreateToken(UserFromContext(r.Context()).ID, r.PostForm.Get("name"))
	if err != nil {
		if ErrorKind(err) == wiki.Invalid {
			return h.renderAccount(w, r, http.StatusBadRequest, &accountView{Error: ErrorMessage(err)})
		}
		return err
	}
	return h.renderAccount(w, r, http.StatusOK, &accountView{NewToken: secret})
}

func (h *handlers) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		return wiki.Errorf(wiki.NotFound, "no such token")
	}
	if err := h.Store.RevokeToken(UserFromContext(r.Context()).ID, id); err != nil {
		return err
	}
	h.Views.Flash(w, r, "Token revoked.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

type usersView struct {
	Base
	Users []*wiki.User
	Error string
	// Form keeps the add-user fields after an error.
	Name, Role string
}

func (h *handlers) users(w http.ResponseWriter, r *http.Request) error {
	return h.renderUsers(w, r, http.StatusOK, &usersView{Role: string(wiki.RoleMember)})
}

func (h *handlers) renderUsers(w http.ResponseWriter, r *http.Request, status int, data *usersView) error {
	users, err := h.Store.Users()
	if err != nil {
		return err
	}
	data.Base = Base{Title: "Users", Nav: "admin"}
	data.Users = users
	return h.Views.Render(w, r, status, "users.html", data)
}

func (h *handlers) addUser(w http.ResponseWriter, r *http.Request) error {
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	f := r.PostForm
	data := &usersView{Name: f.Get("name"), Role: f.Get("role")}
	role, err := wiki.ParseRole(f.Get("role"))
	if err == nil {
		_, err = h.Store.CreateUser(f.Get("name"), role, f.Get("password"))
	}
	if err != nil {
		if ErrorKind(err) == wiki.Internal {
			return err
		}
		data.Error = ErrorMessage(err)
		return h.renderUsers(w, r, ErrorStatus(err), data)
	}
	h.Views.Flash(w, r, "Added "+f.Get("name")+".")
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}

// updateUser changes a user's role, enables or disables the account, or
// sets a new password; any of these signs the user out everywhere.
func (h *handlers) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		return wiki.Errorf(wiki.NotFound, "no such user")
	}
	if err := ParseForm(w, r, 8192); err != nil {
		return err
	}
	f, me := r.PostForm, UserFromContext(r.Context())
	if id == me.ID && (f.Get("status") == "disabled" || (f.Has("role") && f.Get("role") != string(wiki.RoleAdmin))) {
		return h.renderUsers(w, r, http.StatusBadRequest, &usersView{Error: "You cannot disable yourself or take away your own admin role."})
	}
	hash, err := h.newPasswordHash(id, f.Get("password"))
	var u *wiki.User
	if err == nil {
		u, err = h.Store.UpdateUser(id, func(u *wiki.User) error { return applyUserForm(u, f.Get, f.Has, hash) })
	}
	if err != nil {
		if ErrorKind(err) == wiki.Invalid {
			return h.renderUsers(w, r, http.StatusBadRequest, &usersView{Error: ErrorMessage(err)})
		}
		return err
	}
	if u.ID == me.ID {
		// Editing yourself bumps your epoch too; stay signed in here.
		err = h.Sessions.Login(w, r, u, "Updated "+u.Name+".")
	} else {
		h.Views.Flash(w, r, "Updated "+u.Name+".")
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}

// newPasswordHash checks and hashes the password an admin sets for user
// id, before the update's transaction: hashing is slow. An empty password
// keeps the old one ("").
func (h *handlers) newPasswordHash(id uint64, password string) (string, error) {
	if password == "" {
		return "", nil
	}
	u, err := h.Store.User(id)
	if err != nil {
		return "", err
	}
	if err := wiki.CheckPasswordStrength(u.Name, password); err != nil {
		return "", err
	}
	return wiki.HashPassword(password)
}

func applyUserForm(u *wiki.User, get func(string) string, has func(string) bool, hash string) error {
	if has("role") {
		role, err := wiki.ParseRole(get("role"))
		if err != nil {
			return err
		}
		u.Role = role
	}
	if has("status") {
		u.Disabled = get("status") == "disabled"
	}
	if has("email") {
		email, err := cleanEmail(get("email"))
		if err != nil {
			return err
		}
		u.Email = email
	}
	if hash != "" {
		u.PasswordHash = hash
	}
	u.AuthEpoch++
	return nil
}
