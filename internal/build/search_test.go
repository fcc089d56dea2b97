package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/peeplcoach/folio/internal/search"
	"github.com/peeplcoach/folio/internal/urlpath"
)

// The search index's shards and chunks are no link targets: their names
// change with any body, and with them the key of every page's link check,
// which a build in a new process would then run again for every page.
func TestSearchShardsAreNoLinkTargets(t *testing.T) {
	s := newSite(t, map[string]string{
		"content/articles/a.md": "---\ntitle: Alpha\ndate: 2025-01-02\ntopics: [trust]\nsummary: About alpha.\n---\n\nThe word is apple.\n",
	})
	s.fsys["static/images/share.png"] = &fstest.MapFile{Data: onePixelPNG}
	s.mustBuild()
	urls := s.b.c.plan.urls
	shards := 0
	for p := range s.out.files {
		if !strings.HasPrefix(p, "search/") {
			continue
		}
		if search.Hashed(p) {
			shards++
			if urls[urlpath.URL(p)] {
				t.Errorf("%s is a link target", p)
			}
		} else if !urls[urlpath.URL(p)] {
			t.Errorf("%s is no link target", p)
		}
	}
	if shards == 0 || !urls[urlpath.URL("search/index.json")] {
		t.Errorf("the index has %d hashed files; index.json a link target: %v", shards, urls[urlpath.URL("search/index.json")])
	}
}
