package markup

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// policy is bluemonday's UGC policy widened by exactly the markup Render
// itself produces. A bluemonday.Policy is safe for concurrent use once
// built, so it is built once.
var policy = newPolicy()

var headingTags = []string{"h1", "h2", "h3", "h4", "h5", "h6"}

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Internal links (wiki links, anchors) may be followed by the intranet
	// crawler; only links to other hosts get rel="nofollow noopener".
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener$`)).OnElements("a")

	// Section IDs (Unicode slugs joined by "--") and footnote IDs (fn:1,
	// fnref:1, fnref2:1).
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}:_-]+$`)).OnElements(append(headingTags, "sup", "li")...)

	// Classes: chroma token classes on pre/code/span (and its line-number
	// table), heading "critical", badge, anchor, wikilink/missing,
	// footnote classes. Only Render writes class attributes: raw HTML is
	// never rendered.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[a-zA-Z0-9_ -]+$`)).
		OnElements(append(headingTags, "a", "span", "code", "pre", "div", "table", "td")...)
	p.AllowAttrs("aria-label").Matching(regexp.MustCompile(`^Link to this section$`)).OnElements("a")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|backlink|endnotes)$`)).OnElements("a", "div")

	// Task-list checkboxes, always written disabled by goldmark.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	return p
}
