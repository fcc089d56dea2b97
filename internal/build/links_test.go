package build

import (
	"context"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestBundledSiteLinksResolve builds the site in this repository (content/,
// layouts/, static/) and checks that every internal link and asset reference
// of every page leads to a file of the output.
func TestBundledSiteLinksResolve(t *testing.T) {
	out := newMemSink()
	b, err := New(os.DirFS("../.."), Options{Minify: true, Fingerprint: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := b.Build(context.Background(), out)
	if err != nil {
		t.Fatalf("the bundled site does not build:\n%v", err)
	}
	for _, w := range rep.Warnings {
		t.Errorf("warning: %v", w)
	}
	if _, ok := out.files["articles/get-your-manager-to-trust-you/index.html"]; !ok {
		t.Fatal("the first article is not published")
	}
	checked := 0
	for p, data := range out.files {
		switch path.Ext(p) {
		case ".html":
			for _, ref := range htmlRefs(t, p, data) {
				checkRef(t, out, p, ref)
				checked++
			}
		case ".css":
			for _, m := range cssURL.FindAllSubmatch(data, -1) {
				checkRef(t, out, p, string(m[1]))
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d references checked: is the site empty?", checked)
	}
}

var cssURL = regexp.MustCompile(`url\(["']?([^"')]+)["']?\)`)

// htmlRefs returns the URLs a page links to or loads.
func htmlRefs(t *testing.T, p string, data []byte) []string {
	var refs []string
	z := html.NewTokenizer(strings.NewReader(string(data)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return refs
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				switch a.Key {
				case "href", "src":
					refs = append(refs, a.Val)
				case "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				}
			}
		}
	}
}

// checkRef checks that ref, found in the output file from, resolves.
func checkRef(t *testing.T, out *memSink, from, ref string) {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s: bad URL %q", from, ref)
		return
	}
	base, _ := url.Parse("https://site.test/" + from)
	abs := base.ResolveReference(u)
	if abs.Host != "site.test" && !strings.HasSuffix(abs.Host, "peeplcoach.com") {
		return // external
	}
	if strings.HasSuffix(abs.Host, "peeplcoach.com") && abs.Host != "insights.peeplcoach.com" {
		return // the organisation's own site
	}
	p := strings.TrimPrefix(abs.Path, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if _, ok := out.files[p]; !ok {
		t.Errorf("%s links to %s, which the output lacks (%s)", from, ref, p)
	}
	if abs.Fragment != "" && p == from {
		if !strings.Contains(string(out.files[p]), `id="`+abs.Fragment+`"`) && !strings.Contains(string(out.files[p]), `id=`+abs.Fragment) {
			t.Errorf("%s links to #%s, which no element has", from, abs.Fragment)
		}
	}
}
