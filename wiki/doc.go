// Package wiki is the core of handover: pages and their revisions, users,
// API tokens, attachments, watches and notifications, mail, the bbolt
// store, Markdown rendering (through wiki/markup), the search syncer and
// backups. It knows nothing of HTTP: wiki/web is its HTTP adapter, and
// the Error kinds here are mapped to statuses there.
//
// Storage: one bbolt file. Every bucket is owned by one package; wiki owns
// meta, changes, pages, paths, redirects, revisions, links, users, usernames
// and tokens. Keys are 8-byte big-endian IDs from NextSequence (or natural
// keys such as a lowercased path); values are JSON with a "v" version field.
// Store methods own their transactions and call unexported helpers that take
// a *Tx so that operations compose. Every write that changes searchable
// content appends to the changes bucket in the same transaction; the Syncer
// applies those changes to the bleve index.
//
// Decisions where DESIGN.md is silent:
//   - "Only members edit pages" means any signed-in account (members,
//     managers and admins); anonymous readers under --public-read only read.
//   - Page paths are lowercase, '/'-separated segments of letters, digits,
//     '-', '_' and '.', at most 200 characters; "." and ".." segments are
//     refused.
//   - Revisions store the whole Markdown text: handover wikis are small
//     enough that simplicity wins over delta storage.
//   - Import: the file is the newer truth. A re-imported file that changed
//     becomes a revision over whatever the wiki holds (AnyRevision); one
//     that did not leaves the page alone. Bad files are skipped and
//     reported, never fatal to the rest.
//   - Speed (DESIGN.md's targets): concurrent saves share a transaction
//     (page_batch.go); the indexer waits 100 ms after a save so a burst
//     becomes one bleve batch, so search lags a save by that much.
package wiki
