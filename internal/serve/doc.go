// Package serve is the writer's live preview: it watches the site's source
// folders, asks a rebuild function to rebuild after each burst of edits, serves
// the output folder over HTTP with the production netlify.toml headers and
// redirects, and tells open pages what changed over Server-Sent Events so they
// reload, swap their stylesheets, or show the build error.
//
// The package knows nothing of how the site is built: it is handed a
// [RebuildFunc] and an output folder. Nothing it injects into pages is ever
// written to disk.
package serve
