package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestImages(t *testing.T) {
	src := "![Team at work](team.jpg \"The team\")\n\nText.\n\n## Later\n\n![Chart](/images/chart.png) and ![remote](https://example.com/x.png) and ![gone](missing.png)\n"
	known := map[string]ImageFile{
		"team.jpg":          {Source: "content/articles/a/team.jpg", Width: 1600, Height: 900, SrcSet: "team-480w.jpg 480w, team.jpg 1600w", Sizes: "100vw", Copies: []int{480}},
		"/images/chart.png": {Source: "static/images/chart.png", Width: 300, Height: 200},
	}
	doc, err := New(Options{}).ConvertWith([]byte(src), DocOptions{Images: func(dest string) (ImageFile, bool) {
		f, ok := known[dest]
		return f, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><img src="team.jpg" alt="Team at work" title="The team" decoding="async" width="1600" height="900" srcset="team-480w.jpg 480w, team.jpg 1600w" sizes="100vw"></p>
<p>Text.</p>
<div class="heading heading-h2"><h2 id="later">Later</h2><a class="anchor" href="#later" aria-labelledby="later">#</a></div>
<p><img src="/images/chart.png" alt="Chart" loading="lazy" decoding="async" width="300" height="200"> and <img src="https://example.com/x.png" alt="remote" loading="lazy" decoding="async"> and <img src="missing.png" alt="gone" loading="lazy" decoding="async"></p>
`
	if doc.HTML != want {
		t.Errorf("got\n%s\nwant\n%s", doc.HTML, want)
	}
	if got := []ImageFile{known["team.jpg"], known["/images/chart.png"]}; !reflect.DeepEqual(doc.Images, got) {
		t.Errorf("Images = %+v", doc.Images)
	}
	// An image further down loads lazily even when it is the first.
	doc, _ = New(Options{}).Convert([]byte("One.\n\nTwo.\n\nThree.\n\n![late](x.png)\n"))
	if want := `<p><img src="x.png" alt="late" loading="lazy" decoding="async"></p>`; !strings.Contains(doc.HTML, want) {
		t.Errorf("got %s", doc.HTML)
	}
}
