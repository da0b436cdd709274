// Package static holds everything the browser gets and the page templates,
// embedded in the binary: HTML templates, CSS, JavaScript, images, the
// Markdown page templates offered on "new page", and the demo content that
// --demo loads.
package static

import "embed"

// FS is the embedded static tree.
//
//go:embed templates css js img pagetemplates demo
var FS embed.FS
