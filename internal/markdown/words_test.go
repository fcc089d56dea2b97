package markdown

import (
	"strings"
	"testing"
)

// TestWordsFollowPageLanguage: callout titles and video labels are in the
// page's own language (its front matter's language:), else the site's, and
// the site's i18n/<lang>.yaml wins over folio's strings.
func TestWordsFollowPageLanguage(t *testing.T) {
	body := "> [!NOTE]\n> Text.\n\nhttps://youtu.be/dQw4w9WgXcQ\n"
	conv := New(Options{Language: "en", Strings: map[string][]byte{
		"fr": []byte("callout_note: \"À noter\"\n"),
	}})
	for _, c := range []struct {
		name, front string
		want        []string
	}{
		{"site language", "", []string{`<p class="callout-title">Note</p>`, "Play video", "A video on YouTube"}},
		{"page in German", "language: de\n", []string{`<p class="callout-title">Hinweis</p>`, "Video abspielen"}},
		{"page in French, site override", "lang: fr-CA\n", []string{`<p class="callout-title">À noter</p>`, "Lire la vidéo"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := body
			if c.front != "" {
				src = "---\ntitle: T\n" + c.front + "---\n" + body
			}
			doc, err := conv.Convert([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(doc.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, doc.HTML)
				}
			}
		})
	}
}
