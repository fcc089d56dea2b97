package build

import (
	"io/fs"
	"os"
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
	root := filepath.Join("..", "..", "testdata", "first-article")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
