package build

import (
	"path/filepath"
	"testing"
	"testing/fstest"
)

// firstArticleSite returns the bundled design with the frozen copy of the
// first article and site settings in testdata/first-article/: tests that
// check its exact output (the LinkedIn post, the checklist's PDFs and print)
// read this copy, so they do not change when writers add or edit articles
// in content/.
func firstArticleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := designFiles(t)
	for p, data := range readTree(t, filepath.Join("..", "..", "testdata", "first-article"), ".") {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}
