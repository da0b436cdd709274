// Package web is the HTTP adapter of package wiki and the web kit that
// quiz/web shares: Register and Deps, the page, history, search, account,
// attachment, watch and feed handlers, Views (templates rendered into a
// buffer), Base, Handle (handlers return errors; one table maps each
// wiki.Kind to its status), sessions, proxy sign-in, the login limiter,
// the render and view caches and Atom feeds.
//
// Times are told in the reader's time zone (zone.go: the account's, else
// the browser's tz cookie, else UTC, labelled). Template funcs are bound
// to a template set, so each zone executes its own clone of a page's
// parsed templates, made once and kept (views_zone.go).
//
// Speed (DESIGN.md's targets): whole page views are kept per reader, zone
// and URL until the next commit or minute (view_cache.go), decoded session
// cookies for a minute (session_memo.go), rendered revisions by page and
// revision (render.go).
package web
