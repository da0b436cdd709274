package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxHandoverForm bounds the handover form (notes and scope included).
const maxHandoverForm = 64 << 10

// htmlDateLayout is the format of <input type=date>.
const htmlDateLayout = "2006-01-02"

// handoverForm is the handover form's fields as typed.
type handoverForm struct {
	Title, Outgoing, Incoming, Manager string
	Start, Due, PassMark, Scope, Notes string
	RecheckLead                        string
}

// handoverFormView is the data of handover_form.html.
type handoverFormView struct {
	wikiweb.Base
	// ID is 0 for a new handover.
	ID       uint64
	Form     handoverForm
	Error    string
	Users    []*wiki.User
	Managers []*wiki.User
	Preview  *scopePreview
}

func formOf(ho *quiz.Handover) handoverForm {
	return handoverForm{Title: ho.Title, Outgoing: strings.Join(ho.Outgoing, ", "), Incoming: strings.Join(ho.Incoming, ", "),
		Manager: ho.Manager, Start: htmlDateValue(ho.Start), Due: htmlDateValue(ho.Due),
		PassMark: strconv.Itoa(ho.PassMark), Scope: strings.Join(ho.Scope, "\n"), Notes: ho.Notes,
		RecheckLead: strconv.Itoa(int(ho.RecheckLead().Hours() / 24))}
}

func htmlDateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(htmlDateLayout)
}

func readHandoverForm(r *http.Request) handoverForm {
	f := r.PostForm
	return handoverForm{Title: f.Get("title"), Outgoing: f.Get("outgoing"), Incoming: f.Get("incoming"),
		Manager: f.Get("manager"), Start: f.Get("start"), Due: f.Get("due"), PassMark: f.Get("pass_mark"),
		Scope: f.Get("scope"), Notes: f.Get("notes"), RecheckLead: f.Get("recheck_lead_days")}
}

// apply parses the form into ho's editable fields, moving the practice
// checklist items with the dates; validation of the values themselves
// happens in the store.
func (f handoverForm) apply(ho *quiz.Handover) error {
	start, err := parseFormDate(f.Start, "start date")
	if err != nil {
		return err
	}
	due, err := parseFormDate(f.Due, "due date")
	if err != nil {
		return err
	}
	pass := quiz.DefaultPassMark
	if s := strings.TrimSpace(f.PassMark); s != "" {
		if pass, err = strconv.Atoi(s); err != nil {
			return wiki.Errorf(wiki.Invalid, "the pass mark is a whole number from 0 to 100")
		}
	}
	lead := 0 // the default
	if s := strings.TrimSpace(f.RecheckLead); s != "" {
		if lead, err = strconv.Atoi(s); err != nil {
			return wiki.Errorf(wiki.Invalid, "the re-check lead time is a whole number of days")
		}
	}
	ho.RecheckLeadDays = lead
	ho.Title, ho.Outgoing, ho.Incoming = f.Title, splitUserNames(f.Outgoing), splitUserNames(f.Incoming)
	ho.Manager, ho.PassMark = strings.TrimSpace(f.Manager), pass
	ho.Scope, ho.Notes = splitScopeLines(f.Scope), strings.TrimSpace(f.Notes)
	ho.Reschedule(start, due)
	return nil
}

func parseFormDate(s, name string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil // the store says which date is missing
	}
	t, err := time.Parse(htmlDateLayout, s)
	if err != nil {
		return time.Time{}, wiki.Errorf(wiki.Invalid, "the %s %q is not a date (YYYY-MM-DD)", name, s)
	}
	return t, nil
}

// splitUserNames splits user names separated by commas or spaces.
func splitUserNames(s string) []string {
	return quiz.CleanNames(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }))
}

// splitScopeLines returns the non-empty lines of s, trimmed.
func splitScopeLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func (h *handlers) newHandoverForm(w http.ResponseWriter, r *http.Request) error {
	now := h.Store.Now()
	ho := &quiz.Handover{Manager: user(r).Name, Start: now, Due: now.AddDate(0, 0, 28), PassMark: quiz.DefaultPassMark}
	f := formOf(ho)
	f.Scope = r.URL.Query().Get("scope")
	return h.renderHandoverForm(w, r, http.StatusOK, 0, f, "")
}

func (h *handlers) createHandover(w http.ResponseWriter, r *http.Request) error {
	if err := wikiweb.ParseForm(w, r, maxHandoverForm); err != nil {
		return err
	}
	f := readHandoverForm(r)
	if r.PostForm.Get("action") == "preview" {
		return h.renderHandoverForm(w, r, http.StatusOK, 0, f, "")
	}
	ho := &quiz.Handover{}
	err := f.apply(ho)
	if err == nil {
		err = h.Store.CreateHandover(ho, user(r))
	}
	if err != nil {
		return h.formError(w, r, 0, f, err)
	}
	h.Views.Flash(w, r, "Handover created, with a checklist from the handover practices. Adjust its owners and dates below.")
	http.Redirect(w, r, quiz.HandoverURL(ho.ID), http.StatusSeeOther)
	return nil
}

func (h *handlers) editHandoverForm(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.manageableHandover(r)
	if err != nil {
		return err
	}
	return h.renderHandoverForm(w, r, http.StatusOK, ho.ID, formOf(ho), "")
}

func (h *handlers) saveHandover(w http.ResponseWriter, r *http.Request) error {
	ho, err := h.manageableHandover(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxHandoverForm); err != nil {
		return err
	}
	f := readHandoverForm(r)
	if r.PostForm.Get("action") == "preview" {
		return h.renderHandoverForm(w, r, http.StatusOK, ho.ID, f, "")
	}
	_, err = h.Store.UpdateHandover(ho.ID, user(r), func(ho *quiz.Handover) (string, error) {
		err := f.apply(ho)
		return "edited the handover “" + ho.Title + "”", err
	})
	if err != nil {
		return h.formError(w, r, ho.ID, f, err)
	}
	h.Views.Flash(w, r, "Handover saved.")
	http.Redirect(w, r, quiz.HandoverURL(ho.ID), http.StatusSeeOther)
	return nil
}

// formError re-renders the form with the user's input and the message of a
// validation error; other errors go to the adapter.
func (h *handlers) formError(w http.ResponseWriter, r *http.Request, id uint64, f handoverForm, err error) error {
	if wikiweb.ErrorKind(err) != wiki.Invalid {
		return err
	}
	return h.renderHandoverForm(w, r, http.StatusBadRequest, id, f, wikiweb.ErrorMessage(err))
}

// manageableHandover loads the handover named by {id} for a change: NotFound
// for outsiders, Forbidden for its people who may not manage it.
func (h *handlers) manageableHandover(r *http.Request) (*quiz.Handover, error) {
	ho, err := h.viewableHandover(r)
	if err != nil {
		return nil, err
	}
	if !ho.CanManage(user(r)) {
		return nil, wiki.Errorf(wiki.Forbidden, "only the handover's manager or an administrator may change it")
	}
	return ho, nil
}

func (h *handlers) renderHandoverForm(w http.ResponseWriter, r *http.Request, status int, id uint64, f handoverForm, msg string) error {
	users, err := h.Wiki.Users()
	if err != nil {
		return err
	}
	title := "New handover"
	if id != 0 {
		title = "Edit handover"
	}
	data := &handoverFormView{Base: wikiweb.Base{Title: title, Nav: "handovers"}, ID: id, Form: f, Error: msg, Users: users}
	for _, u := range users {
		if u.IsManager() && !u.Disabled {
			data.Managers = append(data.Managers, u)
		}
	}
	if data.Preview, err = h.previewScope(f.Scope); err != nil {
		return err
	}
	return h.Views.Render(w, r, status, "handover_form.html", data)
}
