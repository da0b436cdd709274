// Package quiz turns documentation into a verified handover: handovers and
// their checklists, acknowledgements of page revisions, knowledge-check
// quizzes pinned to page sections, attempts and grading, GIFT import and
// export, staleness, "ask the owner" threads, readiness and item analysis.
//
// Data lives in buckets owned by this package inside the wiki's store,
// reached only through wiki.Store.Update/View. Pages, users and sessions
// come from wiki; quiz registers its routes and a wiki.PageExtension that
// adds acknowledgement and quiz panels to the page view.
//
// Decisions where DESIGN.md is silent:
//   - One quiz per page; its questions are pinned to that page's sections.
//     Whoever creates a page's quiz is its author; only the author or an
//     admin edits it.
//   - A question's validity: it records the hash of its section when it was
//     written or last confirmed. When the section's text changes, the
//     question "needs review" and nobody's credit on it counts. Confirming
//     it (the change does not affect the question) restores the credit;
//     editing it creates a new version, and takers answer again.
//   - Credit comes from each person's most recent graded answer to a
//     question, whichever attempt it was in.
//   - A late submission (past the time limit plus a grace of one minute) is
//     recorded with no credit.
//   - GIFT round trip: the pinned section and the critical flag travel as
//     the tags "section:ID" and "critical" in [tag:] comments; the
//     explanation is GIFT's general feedback.
package quiz
