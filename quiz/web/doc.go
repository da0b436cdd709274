// Package web is the HTTP adapter of package quiz: the routes of quizzes,
// handovers, acknowledgements, threads and dashboards, their view models
// and forms, the page panels it adds to the wiki's page view, the SVG
// charts and timeline drawn on the server, the readiness CSV download and
// the JSON API of handovers. It uses wiki/web's kit (Views, Handle, Base,
// sessions) and reaches data only through quiz.Store and wiki.Store.
//
// Its handlers live in files by area: quiz_*.go (authoring, taking, GIFT),
// handover_*.go (handovers, acknowledgements, threads), dashboard_*.go
// (readiness, coverage, statistics).
package web
