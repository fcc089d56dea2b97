// Package design holds the browser tests of folio's bundled design: it builds
// a site with the layouts/ and static/ of the repository, serves it with the
// production security headers, and checks in Chromium what a reader gets:
// no accessibility violations (axe-core), the article's first paragraph on
// the first screen, no layout shift, no horizontal scroll, usable checklists.
//
// The package has no code of its own besides these tests.
package design
