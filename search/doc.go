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
//	text          title, name, heading, body   analysed (below); positions for phrases; not stored
//	title_words   page docs' title and name    analysed, indexed only: the headline tier (below)
//	heading_words section heading              analysed, indexed only: the headline tier
//	page_words    a section's page title, name analysed, indexed only: scores the headline tier
//	title, page_title, heading, body, section  stored only (page_title: a section doc's page title)
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
// only the page doc has the title in title_words. The name is the last
// segment of the path, kept only when it says more than the title: a file
// "PrometheusRemoteWriteBehind.md" imported with an unrelated heading as
// its title is still found by its name.
//
// # Analysis
//
// Text and query words go through one analyzer (analysis.go): bleve's
// English analyzer (possessives, lower case, stop words, Porter stemming)
// with three filters of ours. Identifiers are split into their words and
// kept whole too ("KubePodCrashLooping" is also "kube pod crash loop",
// "node_filesystem_avail_bytes" also "node filesystem avail bytes"; the
// parts are a phrase, the whole sits at the first part's position), so an
// alert name finds a title that spells it out and the other way round.
// British "-ise" words are spelled "-ize" before stemming, and the "-ur"
// that Porter leaves of "-ure" goes after it, so "synchronising" finds
// "synchronizing" and "failed" finds "failure" ("configure" finds
// "config"). The rules are generic, never lists of words.
//
// # Query language
//
//	word          every word must match, stemmed ("restarting" finds "restart");
//	              when fewer than fillBelow hits have them all, the hits with
//	              some of the words follow, most matching words first; a word
//	              no document has is corrected in place (see No results)
//	Identifier    a split identifier matches whole or as the phrase of its words
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
// (stop words, punctuation) are dropped. A query of filters alone lists the
// pages that pass them by title (list.go); one with nothing left to select
// with (empty, only stop words, only exclusions) returns no results and no
// error. Any other "x:y" is read as the words x and y.
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
// Matches with a query word in the headline (a page doc's title or name,
// a section doc's heading) form the first tier; body-only matches follow,
// ranked by bleve's tf-idf over the text. So title and heading matches
// always rank above body-only ones. The headline tier is scored by our
// own searcher (headline.go). Each query word counts its inverse document
// frequency once for being there, and up to twice more for being in the
// headline: fully in a page title, 0.8 in a section heading, 0.6 in the
// title of the page a section is on; each of these shares is halved when
// the query covers little of that headline and whole when it covers all
// of it. So the headline that holds more of the query, and less else,
// ranks first: "incident commander responsibilities" ranks the
// "Responsibilities" section of the page "Incident commander" above the
// page "Security incident response", and a page whose title is the query
// ranks above its own sections.
//
// The tiers are also what keeps common words cheap: the first is driven
// by the short title and heading postings, skipping ahead to the documents
// that the words (an unscored filter that bleve evaluates as a bitmap)
// allow, and when it fills the page the other matches are only counted:
// exactly up to countExactly of them, then extrapolated from how far into
// the index that took (Results.TotalEstimated). In any-word mode, a word
// missing from the headline is looked up in the text only while the
// document can still rank among the hits asked for. Equal scores keep
// index order, so that the pages of a query agree with each other.
//
// Phrases are checked by a searcher of our own (phrase.go) that reads the
// positions of each candidate in place instead of building bleve's
// per-document location maps; in the headline tier, only at the
// candidates that have the words (phrasecheck.go). When the words of a
// phrase are in many documents, the other matches are ranked by their
// words and the positions read only until countExactly phrases were
// found, and then only where a document scores high enough to rank among
// the hits asked for (lazyphrase.go): the same hits, an extrapolated total.
//
// When the headline tier does not fill the page, the body-only hits are
// the best of all matches that it does not hold: ranking a page more is
// cheaper than excluding the headline matches one by one.
//
// # No results
//
// Before ranking, each word that no document has is replaced by the
// indexed terms nearest to it (edit distance 1 for tokens of 3-5 letters,
// 2 for longer ones; a swap of two letters is one edit), the most frequent
// first, and the other words must still match: "alertmanger config
// inconsistent" searches for "alertmanager". When nothing matches even so
// (a phrase no document has), every clause is loosened to its words and
// their nearest terms and the query runs again. Results.Fuzzy is set when
// the hits come from corrected words, and Results.DidYouMean spells the
// query with the best of them, as written in a document ("database", not
// the stem "databas").
//
// # Results
//
// A search ranks without term locations or highlights, reading only the
// path of the top hits, in place from the stored fields of their segment
// (stored.go), then loads the stored fields of the returned page only and
// highlights them by re-analysing the few texts shown: reading term
// vectors for every match would cost more than the ranking. Snippets are
// escaped with html.EscapeString before <mark> tags are added; when
// nothing matched in body, heading or title, the snippet is the escaped
// start of the body. Every outcome is computed in one snapshot of the
// index.
//
// With Query.Filter (access rights), ranked hits are checked by path in
// windows of growing size, up to maxScan hits; Total is exact when every
// hit was checked and otherwise extrapolated from the allowed share
// (Results.TotalEstimated). The no-results fallbacks look at
// the unfiltered index.
//
// The ranked hits of recent distinct queries are cached, up to cacheBytes
// (about 2,000 queries), and dropped on every Apply, so a popular query
// costs only the loading of one page of hits.
//
// A rebuild ends with Compact, which merges the index into one segment: a
// search then looks each word up once instead of once per segment.
package search
