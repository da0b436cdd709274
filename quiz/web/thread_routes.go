package web

import (
	"fmt"
	"net/http"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
	wikiweb "github.com/handover/handover/wiki/web"
)

// maxThreadForm bounds a question or reply form.
const maxThreadForm = 32 << 10

// askView is the data of thread_new.html.
type askView struct {
	wikiweb.Base
	Page     *wiki.Page
	Sections []wiki.SectionInfo
	Section  string
	Text     string
	Error    string
	Owners   []personRef
}

func (h *handlers) askForm(w http.ResponseWriter, r *http.Request) error {
	p, covering, err := h.askablePage(r)
	if err != nil {
		return err
	}
	return h.renderAsk(w, r, http.StatusOK, p, covering, r.URL.Query().Get("section"), "", "")
}

func (h *handlers) ask(w http.ResponseWriter, r *http.Request) error {
	p, covering, err := h.askablePage(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxThreadForm); err != nil {
		return err
	}
	section, text := r.PostForm.Get("section"), r.PostForm.Get("text")
	t, err := h.Store.CreateThread(p, section, user(r), text)
	if wikiweb.ErrorKind(err) == wiki.Invalid {
		return h.renderAsk(w, r, http.StatusBadRequest, p, covering, section, text, wikiweb.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	h.Views.Flash(w, r, "Your question is posted. The outgoing owner sees it on the handover page.")
	http.Redirect(w, r, t.URL(), http.StatusSeeOther)
	return nil
}

// askablePage loads the page of an /ask/ route and checks that the viewer
// takes part in a handover covering it.
func (h *handlers) askablePage(r *http.Request) (*wiki.Page, []*quiz.Handover, error) {
	p, err := h.livePage(r)
	if err != nil {
		return nil, nil, err
	}
	covering, err := h.Store.HandoversCovering(p.Path)
	if err != nil {
		return nil, nil, err
	}
	if !quiz.MayAsk(user(r), covering) {
		return nil, nil, wiki.Errorf(wiki.Forbidden, "only the people of a handover covering this page may ask about it")
	}
	return p, covering, nil
}

func (h *handlers) renderAsk(w http.ResponseWriter, r *http.Request, status int, p *wiki.Page, covering []*quiz.Handover, section, text, msg string) error {
	labels, err := h.userLabels()
	if err != nil {
		return err
	}
	var owners []string
	for _, ho := range covering {
		owners = append(owners, ho.Outgoing...)
	}
	data := &askView{Base: wikiweb.Base{Title: "Ask about " + p.Title, Nav: "handovers"}, Page: p,
		Sections: p.Sections, Section: section, Text: text, Error: msg, Owners: labelPeople(quiz.CleanNames(owners), labels)}
	return h.Views.Render(w, r, status, "thread_new.html", data)
}

// threadView is the data of thread_view.html.
type threadView struct {
	wikiweb.Base
	T          threadRow
	SectionURL string
	Replies    []replyRow
	Reply      string
	Error      string
}

// replyRow is a reply with its author's label.
type replyRow struct {
	quiz.Reply
	AuthorLabel string
	ByAsker     bool
}

func (h *handlers) threadPage(w http.ResponseWriter, r *http.Request) error {
	t, err := h.viewableThread(r)
	if err != nil {
		return err
	}
	return h.renderThread(w, r, http.StatusOK, t, "", "")
}

func (h *handlers) renderThread(w http.ResponseWriter, r *http.Request, status int, t *quiz.Thread, reply, msg string) error {
	labels, err := h.userLabels()
	if err != nil {
		return err
	}
	row := h.threadRows([]*quiz.Thread{t}, labels)[0]
	data := &threadView{Base: wikiweb.Base{Title: "Question: " + t.Summary(), Nav: "handovers"}, T: row,
		SectionURL: wiki.PageURL(row.PagePath), Reply: reply, Error: msg}
	if t.Section != "" {
		data.SectionURL += "#" + t.Section
	}
	for _, rp := range t.Replies {
		data.Replies = append(data.Replies, replyRow{Reply: rp, AuthorLabel: labelPeople([]string{rp.Author}, labels)[0].Label, ByAsker: wiki.SameUser(rp.Author, t.Author)})
	}
	return h.Views.Render(w, r, status, "thread_view.html", data)
}

// viewableThread loads the thread named by {id}; someone who may not read
// it gets NotFound.
func (h *handlers) viewableThread(r *http.Request) (*quiz.Thread, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, err
	}
	t, err := h.Store.Thread(id)
	if err != nil {
		return nil, err
	}
	ok, err := h.Store.CanViewThread(t, user(r))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, wiki.Errorf(wiki.NotFound, "no question %d", id)
	}
	return t, nil
}

func (h *handlers) replyThread(w http.ResponseWriter, r *http.Request) error {
	t, err := h.viewableThread(r)
	if err != nil {
		return err
	}
	if err := wikiweb.ParseForm(w, r, maxThreadForm); err != nil {
		return err
	}
	text := r.PostForm.Get("text")
	next, err := h.Store.ReplyThread(t.ID, user(r), text)
	if wikiweb.ErrorKind(err) == wiki.Invalid {
		return h.renderThread(w, r, http.StatusBadRequest, t, text, wikiweb.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("%s#reply-%d", next.URL(), len(next.Replies)), http.StatusSeeOther)
	return nil
}

func (h *handlers) resolveThread(w http.ResponseWriter, r *http.Request) error {
	return h.setThreadResolved(w, r, true)
}

func (h *handlers) reopenThread(w http.ResponseWriter, r *http.Request) error {
	return h.setThreadResolved(w, r, false)
}

func (h *handlers) setThreadResolved(w http.ResponseWriter, r *http.Request, resolved bool) error {
	t, err := h.viewableThread(r)
	if err != nil {
		return err
	}
	if t, err = h.Store.ResolveThread(t.ID, user(r), resolved); err != nil {
		return err
	}
	if resolved {
		h.Views.Flash(w, r, "Marked as resolved.")
	} else {
		h.Views.Flash(w, r, "Reopened.")
	}
	http.Redirect(w, r, t.URL(), http.StatusSeeOther)
	return nil
}
