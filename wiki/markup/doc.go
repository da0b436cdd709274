// Package markup turns page Markdown into sanitised HTML plus the structure
// the wiki needs: title, table of contents, sections with stable IDs and
// hashes, plain text for search, and [[wiki link]] targets. It is a leaf:
// goldmark and its extensions, chroma, bluemonday, yaml.v3 and the
// standard library only.
//
// # Markdown
//
// goldmark with GFM (tables, task lists, strikethrough, autolinks),
// footnotes, no typographer, and chroma highlighting written as CSS
// classes (the CSP forbids inline styles; the colours live in
// static/css/chroma.css, see WriteHighlightCSS). Table alignment is an
// align attribute for the same reason. [[page]], [[page|label]] and
// [[page#section]] are wiki links: the label defaults to the title that
// Options.Resolve returns, else the target; pages that do not exist get
// class "missing" and still link to the page, so that a click offers to
// create it. Options.Resolve sees only the page part; the "#section" part
// goes through SectionFragment, so heading text and section IDs both work.
// In a table, a wiki link is one cell: its '|' does not split the row, and
// [[page\|label]] (the escaped pipe other wikis use in tables) is the same
// link.
// Front matter is not Markdown: callers split it off first with
// SplitFrontMatter.
//
// # Sections and their IDs
//
// A section is a heading and its content up to the next heading of the same
// or a higher level; the text before the first heading is the preamble
// (Level 0, ID ""). A section's ID is its heading path: an H1 gets
// Slug(text); a deeper heading gets the slugs of its enclosing headings of
// level 2 and more, then its own, joined by "--" (H1s are left out, so a
// page title does not leak into every ID): "### Major outage" under
// "## Crisis protocol" is "crisis-protocol--major-outage". Slugs never
// contain "--", so the path is unambiguous. Repeated IDs get "-2", "-3"… in
// document order. IDs depend only on heading text and nesting, never on
// Resolve, so Outline (run on save) and Render agree. Headings inside code
// blocks are code, not headings.
//
// A section's Hash is the SHA-256 of its whole source (heading line to the
// end of its last subsection) after Normalize, so an edit changes the hash
// of its section and of the sections enclosing it, but not of siblings,
// and whitespace-only edits change nothing. Quizzes pin to IDs and go stale
// on hash changes.
//
// # Sanitising
//
// Page source is written by any member and read by everyone, including
// managers and admins, so it is treated as hostile. Two layers: goldmark
// never renders raw HTML (it is replaced by a comment) and drops
// javascript:, vbscript:, file: and data: links; then every page goes
// through a bluemonday policy based on UGCPolicy that allows exactly the
// extra markup this package writes itself: heading ids and the "critical"
// class, the badge and anchor markup, wikilink classes, footnote ids, classes
// and roles, chroma classes on pre/code/span, disabled task-list
// checkboxes, and align on table cells. URLs must be http, https, mailto or
// relative; links to other hosts get rel="nofollow noopener". The policy is
// the backstop for any bug in the first layer or in an extension.
//
// # Markup for the stylesheet
//
// Besides chroma's classes (pre.chroma and its spans), Render writes:
//
//	h1…h6[id]                 every heading; h*.critical for critical sections
//	span.badge.critical-badge the visible "Critical" badge inside such a heading
//	a.anchor                  the "¶" self-link at the end of every heading
//	a.wikilink                a [[wiki link]]; a.wikilink.missing when the page
//	                          does not exist yet (title="Page does not exist yet")
//	sup > a.footnote-ref, div.footnotes, a.footnote-backref  footnotes
//	input[type=checkbox][disabled]                          task lists
//	th[align], td[align]                                    table alignment
//
// # Concurrency
//
// The goldmark.Markdown and the bluemonday policy are built once at package
// initialisation and are safe for concurrent use; all functions of this
// package may be called from many goroutines.
package markup
