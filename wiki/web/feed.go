package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/handover/handover/wiki"
)

// Atom 1.0 (RFC 4287) documents, written with encoding/xml.
type atomFeed struct {
	// base is where users reach the wiki (handlers.siteURL).
	base    string
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Author  atomPerson `xml:"author"`
	Link    atomLink   `xml:"link"`
	Summary *atomText  `xml:"summary,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feedLimit is how many revisions a feed carries.
const feedLimit = 50

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// siteURL is where users reach the wiki, for the absolute links Atom
// needs: BaseURL when it is set, so that feed IDs do not change with the
// Host header or a TLS-terminating proxy, else the scheme and host the
// request reached.
func (h *handlers) siteURL(r *http.Request) string {
	if h.BaseURL != "" {
		return h.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// newFeed starts a feed whose self link is the request's URL without the
// token (the token is the reader's secret, not part of the feed).
func newFeed(base string, r *http.Request, title, alternate string) *atomFeed {
	self := base + r.URL.EscapedPath()
	return &atomFeed{base: base, Title: title, ID: self, Updated: atomTime(time.Unix(0, 0)),
		Author: atomPerson{Name: "handover"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + alternate}}}
}

// addRevision adds revision rev of page p as an entry linking to what it
// changed; its summary is the author's comment.
func (f *atomFeed) addRevision(p *wiki.Page, rev *wiki.Revision) {
	host := f.base
	if u, err := url.Parse(f.base); err == nil {
		host = u.Host
	}
	e := atomEntry{
		Title:   fmt.Sprintf("%s (revision %d)", p.Title, rev.N),
		ID:      fmt.Sprintf("tag:%s,2025:page-%d-rev-%d", hostOnly(host), p.ID, rev.N),
		Updated: atomTime(rev.Time),
		Author:  atomPerson{Name: wiki.OrSomeone(rev.Author)},
		Link:    atomLink{Rel: "alternate", Type: "text/html", Href: f.base + wiki.RevisionURL(p.Path, rev.N)},
	}
	if rev.Comment != "" {
		e.Summary = &atomText{Type: "text", Body: rev.Comment}
	}
	if e.Updated > f.Updated || len(f.Entries) == 0 {
		f.Updated = e.Updated
	}
	f.Entries = append(f.Entries, e)
}

// hostOnly drops the port, which a tag URI's authority may not have.
func hostOnly(host string) string {
	for i := len(host) - 1; i >= 0; i-- {
		switch host[i] {
		case ':':
			return host[:i]
		case ']':
			return host
		}
	}
	return host
}

// writeAtom renders f into a buffer, then writes it.
func writeAtom(w http.ResponseWriter, f *atomFeed) error {
	data, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("encode feed: %w", err)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=60")
	_, err = w.Write(append([]byte(xml.Header), data...))
	return err
}
