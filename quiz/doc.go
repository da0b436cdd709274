// Package quiz turns documentation into a verified handover: handovers and
// their checklists, acknowledgements of page revisions, knowledge-check
// quizzes pinned to page sections, attempts and grading, GIFT import and
// export, staleness, "ask the owner" threads, readiness and item analysis.
//
// Data lives in buckets owned by this package inside the wiki's store,
// reached only through wiki.Store.Update/View. Pages and users come from
// wiki. The package knows nothing of HTTP: quiz/web registers the routes,
// renders the pages and adds acknowledgement and quiz panels to the page
// view.
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
//     explanation is GIFT's general feedback. An export starts with the
//     comment "// handover quiz: author=… pass_mark=…", which sets a new
//     quiz's settings on import. Import matches questions by [id:] (an
//     exported question without one gets "handover-N") or by identical
//     content, so importing the same file twice changes nothing; a
//     question whose section is not on the page is pinned to the page as
//     a whole. Section "" is the page as a whole; its hash is that of the
//     page's introduction, so only an edit there makes it stale.
//   - Quiz addresses (urls.go, which notifications use) end in the page
//     path: /quiz/edit/PATH, /quiz/take/PATH; questions, attempts and flags
//     go by number: /quiz/question/N, /quiz/attempt/N.
//   - Taking: the form names choices by their display position in the
//     attempt and carries no weights, feedback or explanations. The result
//     shows the taker's answers, right/partly/wrong, feedback, explanation
//     and a link to re-read the section, but not the key itself: retries
//     after the cooldown should come from re-reading. An empty essay
//     scores 0 instead of waiting for a grade.
//   - Attempts are seen by the taker, the quiz's author, admins and the
//     manager of a handover whose scope holds the page; to anyone else an
//     attempt does not exist (404). Saving an edited question that did not
//     change confirms it when stale instead of making a new version.
//   - Takers flag questions (ambiguous, outdated, wrong key) from their
//     results; the flags wait for the author on /quiz/mine until resolved.
package quiz
