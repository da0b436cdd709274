package quiz

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover/handover/wiki"
)

// Thread is an "ask the owner" question about a page section, with its
// replies. The people of every handover covering the page that was under
// way when it was asked see it, during the handover and after it
// (continuous support); a handover started later does not (lifetime.go).
type Thread struct {
	V       int    `json:"v"`
	ID      uint64 `json:"id"`
	PageID  uint64 `json:"page_id"`
	Path    string `json:"path"` // at the last write; the page ID follows renames
	Section string `json:"section,omitempty"`
	Heading string `json:"heading,omitempty"`
	Author  string `json:"author"`
	Text    string `json:"text"`
	// Rev is the page revision the question was asked about.
	Rev        int       `json:"rev"`
	Created    time.Time `json:"created"`
	Replies    []Reply   `json:"replies,omitempty"`
	Resolved   bool      `json:"resolved,omitempty"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
}

// Reply is one answer or follow-up in a thread.
type Reply struct {
	Author string    `json:"author"`
	Text   string    `json:"text"`
	Time   time.Time `json:"time"`
}

// Thread limits.
const (
	maxThreadText = 5000
	maxReplies    = 200
)

// Answered reports whether someone other than the asker has replied.
func (t *Thread) Answered() bool {
	return slices.ContainsFunc(t.Replies, func(r Reply) bool { return !wiki.SameUser(r.Author, t.Author) })
}

// Unanswered reports whether the thread waits for the owner: open and
// without a reply from anyone but the asker.
func (t *Thread) Unanswered() bool { return !t.Resolved && !t.Answered() }

// LastActivity is when the thread was last written to.
func (t *Thread) LastActivity() time.Time {
	if n := len(t.Replies); n > 0 {
		return t.Replies[n-1].Time
	}
	return t.Created
}

// Summary is the question's first line, shortened for lists.
func (t *Thread) Summary() string {
	line, _, _ := strings.Cut(t.Text, "\n")
	if utf8.RuneCountInString(line) > 100 {
		line = string([]rune(line)[:97]) + "…"
	}
	return line
}

// URL is the thread's address.
func (t *Thread) URL() string { return "/threads/" + strconv.FormatUint(t.ID, 10) }

func checkThreadText(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > maxThreadText {
		return "", wiki.Errorf(wiki.Invalid, "write 1 to %d characters", maxThreadText)
	}
	return text, nil
}

// mayAsk reports whether u takes part in a handover covering the page, or
// is an admin: they may ask about it and read its threads.
func MayAsk(u *wiki.User, covering []*Handover) bool {
	if u == nil {
		return false
	}
	return u.IsAdmin() || slices.ContainsFunc(covering, func(h *Handover) bool { return h.Involves(u.Name) })
}

// CreateThread stores a new question about a section of page p by u, who
// must take part in a handover covering the page.
func (s *Store) CreateThread(p *wiki.Page, section string, u *wiki.User, text string) (*Thread, error) {
	text, err := checkThreadText(text)
	if err != nil {
		return nil, err
	}
	t := &Thread{V: 1, PageID: p.ID, Path: p.Path, Author: u.Name, Text: text, Rev: p.Revision}
	if section != "" {
		sec, ok := p.Section(section)
		if !ok {
			return nil, wiki.Errorf(wiki.Invalid, "the page has no section %q", section)
		}
		t.Section, t.Heading = sec.ID, sec.Heading
	}
	err = s.w.Update(func(tx *wiki.Tx) error {
		covering, err := coveringTx(tx, p.Path)
		if err != nil {
			return err
		}
		if !MayAsk(u, covering) {
			return wiki.Errorf(wiki.Forbidden, "only the people of a handover covering this page may ask about it")
		}
		if t.ID, err = tx.NextID(bucketThreads); err != nil {
			return err
		}
		t.Created = tx.Now()
		if err := tx.PutJSON(bucketThreads, key(t.ID), t); err != nil {
			return err
		}
		return threadEvent(tx, t, u.Name, threadAsked)
	})
	return t, err
}

// Thread returns a thread by ID, or an error of kind NotFound.
func (s *Store) Thread(id uint64) (*Thread, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Thread, error) { return threadTx(tx, id) })
}

func threadTx(tx *wiki.Tx, id uint64) (*Thread, error) {
	t, err := getJSON[Thread](tx, bucketThreads, key(id))
	if errors.Is(err, wiki.ErrNotFound) {
		return nil, wiki.Errorf(wiki.NotFound, "no question %d", id)
	}
	return t, err
}

// ThreadPath returns the current path of the thread's page: it follows
// renames, and falls back to the stored path for a page gone for good.
func (s *Store) ThreadPath(t *Thread) string {
	if p, err := s.w.PageByID(t.PageID); err == nil {
		return p.Path
	}
	return t.Path
}

// CanViewThread reports whether u may read (and reply to) thread t: its
// author, admins and the people of a handover covering its page that was
// under way when the thread was started (ThreadVisible).
func (s *Store) CanViewThread(t *Thread, u *wiki.User) (bool, error) {
	if u == nil {
		return false, nil
	}
	if u.IsAdmin() || u.Is(t.Author) {
		return true, nil
	}
	path := s.ThreadPath(t)
	covering, err := s.HandoversCovering(path)
	return ThreadVisible(u, t, path, covering), err
}

// ReplyThread adds u's reply to thread id. A reply to a resolved thread
// reopens it. The caller checks CanViewThread.
func (s *Store) ReplyThread(id uint64, u *wiki.User, text string) (*Thread, error) {
	text, err := checkThreadText(text)
	if err != nil {
		return nil, err
	}
	return s.updateThread(id, func(tx *wiki.Tx, t *Thread) error {
		if len(t.Replies) >= maxReplies {
			return wiki.Errorf(wiki.Invalid, "this thread has %d replies; start a new question", maxReplies)
		}
		t.Replies = append(t.Replies, Reply{Author: u.Name, Text: text, Time: tx.Now()})
		t.Resolved, t.ResolvedAt, t.ResolvedBy = false, time.Time{}, ""
		return threadEvent(tx, t, u.Name, threadReplied)
	})
}

// ResolveThread marks thread id resolved or open again. The caller checks
// CanViewThread.
func (s *Store) ResolveThread(id uint64, u *wiki.User, resolved bool) (*Thread, error) {
	return s.updateThread(id, func(tx *wiki.Tx, t *Thread) error {
		t.Resolved, t.ResolvedAt, t.ResolvedBy = resolved, time.Time{}, ""
		if !resolved {
			return nil
		}
		t.ResolvedAt, t.ResolvedBy = tx.Now(), u.Name
		return threadEvent(tx, t, u.Name, threadResolved)
	})
}

func (s *Store) updateThread(id uint64, fn func(*wiki.Tx, *Thread) error) (*Thread, error) {
	var t *Thread
	err := s.w.Update(func(tx *wiki.Tx) error {
		var err error
		if t, err = threadTx(tx, id); err != nil {
			return err
		}
		if err := fn(tx, t); err != nil {
			return err
		}
		return tx.PutJSON(bucketThreads, key(id), t)
	})
	return t, err
}

// Threads returns the threads on the given pages (by page ID), unanswered
// first, then by latest activity.
func (s *Store) Threads(pageIDs map[uint64]bool) ([]*Thread, error) {
	return s.ThreadsWhere(func(t *Thread) bool { return pageIDs[t.PageID] })
}

func (s *Store) ThreadsWhere(keep func(*Thread) bool) ([]*Thread, error) {
	var out []*Thread
	err := s.w.View(func(tx *wiki.Tx) error {
		return tx.ForEach(bucketThreads, nil, func(_, v []byte) error {
			var t Thread
			if err := jsonDecode(v, &t); err != nil {
				return err
			}
			if keep(&t) {
				out = append(out, &t)
			}
			return nil
		})
	})
	sortThreads(out)
	return out, err
}

func sortThreads(ts []*Thread) {
	rank := func(t *Thread) int {
		switch {
		case t.Unanswered():
			return 0
		case !t.Resolved:
			return 1
		}
		return 2
	}
	sort.SliceStable(ts, func(i, j int) bool {
		if ri, rj := rank(ts[i]), rank(ts[j]); ri != rj {
			return ri < rj
		}
		return ts[i].LastActivity().After(ts[j].LastActivity())
	})
}
