// Package urlpath is folio's one mapping between the URL paths a site answers
// and the files of its output folder: "/" is index.html, "/a/" is
// a/index.html, and any other path is the file of that name. The build plans
// pages with it, checks links with it, and the dev server serves with it.
package urlpath

import "strings"

// Index is the file that answers a folder's URL.
const Index = "index.html"

// File returns the output file, slash-separated and relative to the output
// folder, that answers the URL path u (which starts with "/").
func File(u string) string {
	if u == "" || u == "/" {
		return Index
	}
	u = strings.TrimPrefix(u, "/")
	if strings.HasSuffix(u, "/") {
		return u + Index
	}
	return u
}

// URL returns the URL path an output file answers: "a/index.html" → "/a/".
func URL(file string) string {
	if file == Index {
		return "/"
	}
	if dir, ok := strings.CutSuffix(file, "/"+Index); ok {
		return "/" + dir + "/"
	}
	return "/" + file
}
