package design

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestNoInlineScriptOrStyle: the pages run under a Content-Security-Policy
// with no inline script or style, so no page of the bundled design may hold
// one: no <style>, no style="…", no on…= handler, no <script> without src
// (JSON-LD, which is data, aside).
func TestNoInlineScriptOrStyle(t *testing.T) {
	dir := buildSite(t, "bundled")
	bad := []*regexp.Regexp{
		regexp.MustCompile(`(?i)<style[\s>]`),
		regexp.MustCompile(`(?i)\sstyle\s*=`),
		regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
		regexp.MustCompile(`(?i)<script(?:\s+type="?application/ld\+json"?)?\s*>`),
	}
	ldJSON := regexp.MustCompile(`(?i)<script\s+type="?application/ld\+json"?\s*>`)
	pages := 0
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := fs.ReadFile(os.DirFS(dir), p)
		if err != nil {
			return err
		}
		for _, re := range bad {
			for _, m := range re.FindAllString(string(data), -1) {
				if ldJSON.MatchString(m) {
					continue
				}
				t.Errorf("%s: inline %q, which the site's CSP blocks", p, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("found %d pages, want every page of the site", pages)
	}
}
