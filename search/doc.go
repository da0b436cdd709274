// Package search is handover's full-text index: a bleve index with an
// explicit mapping, a small query language of its own, highlighted
// snippets and a title typeahead. It knows nothing of bbolt, wiki or quiz;
// the caller (the wiki's syncer) turns pages into [Doc] values, one per page
// title and one per section, and hands them over in [Batch]es.
//
// # Consistency
//
// The index is a disposable cache of the database. [Index.Apply] writes the
// documents of a batch and the change-log position it brings the index up
// to ("applied_seq") in one bleve batch, so after a crash the index holds
// all or none of a batch, and applying it again is harmless.
// [Index.Versions] lists every document's caller-supplied version for
// `handover check`. The mapping carries mappingVersion (kept with
// SetInternal); [Open] refuses an index built with another mapping with
// [ErrMappingVersion], and the caller rebuilds it.
//
// # Mapping
//
// Dynamic mapping is off; these are all the fields:
//
//	text        title, heading, body   English (stemmed); positions for phrases; not stored
//	title       page docs' title       English, stored: the headline tier (below)
//	heading     section heading        English, stored: the headline tier
//	page_title, body, section          stored only (page_title: a section doc's page title)
//	path        page path              keyword (lower-cased), stored
//	under       path and its ancestors keyword: path: filters are one term ("a/b" for "a/b/c")
//	tags, owner                        keyword (lower-cased), stored
//	kind        "page" or "section"    keyword, stored
//	updated     last change            datetime, stored
//	version     caller's version       doc values only, read by Versions
//	suggest     page title words       lower-cased, unstemmed: typeahead (page docs only)
//	title_key   whole page title       lower-cased keyword, doc values: typeahead (page docs only)
//
// A section doc's text includes its page title, so "database failover
// steps" finds the "Steps" section of the "Database failover" page, while
// only the page doc has the title in its title field.
//
// # Query language
//
//	word          every word must match, stemmed ("restarting" finds "restart");
//	              if that finds nothing, any word may, most matching words first
//	"a phrase"    the words in this order (stop words in between count as any
//	              word); an unclosed quote runs to the end; a word that the
//	              analyzer splits ("e-mail", "ops/db") is a phrase too
//	-word         exclude documents with the word; -"a phrase" likewise
//	tag:x         tagged x; several tag: filters must all hold
//	owner:x       owned by x; several owner: filters: any of them
//	path:a/b      the page a/b and everything under a/b/; several: any of them
//	-tag:x, -owner:x, -path:a/b   exclude those
//	tag:"on call" a quoted filter value
//
// Filter values and words ignore case. Words without any indexable token
// (stop words, punctuation) are dropped; a query with no word or phrase
// left (empty, only filters, only exclusions) returns no results and no
// error. Other "x:y" words are plain words.
//
// We parse queries ourselves instead of passing user text to bleve's query
// string syntax: that syntax has operators people type by accident (+, ~,
// ^, /regexp/, field:>value), costly ones (wildcards, regexps), and it
// returns errors for unbalanced input, while a search box must take
// anything. Our parser cannot fail: it drops invalid UTF-8, reads at most
// maxQueryBytes and maxTerms terms, and bleve only ever sees term, phrase
// and boolean queries built from analysed tokens.
//
// # Ranking
//
// Matches with a query word in the headline (a page doc's title, a section
// doc's heading) form the first tier, ranked by the headline match alone
// (title boost 2, heading 1, tf-idf); body-only matches follow, ranked by
// tf-idf over the text. So title and heading matches always rank above
// body-only ones. The tiers are also what keeps common words cheap: the
// first is driven by the short title and heading postings, with the words
// as an unscored filter that bleve evaluates as a bitmap, and when it fills
// the page the other matches are only counted. Equal scores keep index
// order, so that the pages of a query agree with each other.
//
// Phrases are checked by a searcher of our own (phrase.go) that reads the
// positions of each candidate in place instead of building bleve's
// per-document location maps.
//
// # No results
//
// Each word is replaced by the indexed terms nearest to it (edit distance 1
// for tokens of 3-5 letters, 2 for longer ones; a swap of two letters is
// one edit), the most frequent first, and the query is run again
// (Results.Fuzzy when that finds something). Results.DidYouMean spells the
// query with the best of them, as written in a document ("database", not
// the stem "databas").
//
// # Results
//
// A search ranks without term locations or highlights, loading only the
// path of the top hits, then loads the stored fields of the returned page
// only and highlights them by re-analysing the few texts shown: reading
// term vectors for every match would cost more than the ranking. Snippets are escaped with
// html.EscapeString before <mark> tags are added; when nothing matched in
// body, heading or title, the snippet is the escaped start of the body.
//
// With Query.Filter (access rights), ranked hits are checked by path in
// windows of growing size, up to maxScan hits; Total is exact when every
// hit was checked and otherwise extrapolated from the allowed share
// (Results.TotalEstimated). The no-results fallbacks look at
// the unfiltered index.
//
// The ranked hits of the last cacheEntries distinct queries are cached and
// dropped on every Apply, so a popular query costs only the loading of one
// page of hits.
package search
