package serve

import (
	"bytes"
	"html"
)

// reloadScript is the path the live-reload script is served at.
const reloadScript = "/__folio/reload.js"

// reloadTag is the element injected into HTML pages. It carries the version
// of the site the page was served from, so that the script can tell whether
// it missed a rebuild between this response and its event stream opening.
// An external script, not inline code: it passes a CSP of script-src 'self'.
func reloadTag(version string) []byte {
	return []byte(`<script src="` + reloadScript + `" data-version="` + html.EscapeString(version) + `" defer></script>`)
}

// injectAt returns where the reload tag goes in an HTML page: before the
// last </body>, else before the last </html>, else at the end (minified
// pages may omit both closing tags).
func injectAt(page []byte) int {
	if i := lastIndexFold(page, "</body"); i >= 0 {
		return i
	}
	if i := lastIndexFold(page, "</html"); i >= 0 {
		return i
	}
	return len(page)
}

// lastIndexFold is bytes.LastIndex for an ASCII needle, ignoring case,
// without lower-casing a copy of the page.
func lastIndexFold(s []byte, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if s[i] == needle[0] && bytes.EqualFold(s[i:i+len(needle)], []byte(needle)) {
			return i
		}
	}
	return -1
}
