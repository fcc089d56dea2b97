package markdown

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Video embeds. A paragraph that is only a YouTube or Vimeo address, or Hugo's
// shortcode for one, becomes a link to the video with a play button:
//
//	https://www.youtube.com/watch?v=dQw4w9WgXcQ
//	{{< youtube dQw4w9WgXcQ >}}
//	{{< youtube id="dQw4w9WgXcQ" title="Giving feedback" >}}
//	https://vimeo.com/76979871
//	{{< vimeo 76979871 >}}
//
// The page loads nothing from the video host: the link carries the player's
// address in data-embed, and static/js/embed.js swaps in the player (from
// youtube-nocookie.com or player.vimeo.com, the only frame hosts the site's
// CSP allows) when the reader clicks. Without script the link opens the
// video on its site.

// KindEmbed is the AST node kind of a video embed.
var KindEmbed = ast.NewNodeKind("Embed")

// Embed is a video to embed.
type Embed struct {
	ast.BaseBlock
	Provider string // "youtube" or "vimeo"
	ID       string
	Title    string // from the shortcode's title=, else "YouTube video" in the document's language
	Label    string // "Play on YouTube" in the document's language
	Start    int    // seconds into the video, from t= or start=
}

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// IsRaw implements ast.Node: an embed has no inline content.
func (n *Embed) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Embed) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Provider": n.Provider, "ID": n.ID}, nil)
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
	shortcode = regexp.MustCompile(`^\{\{[<%]\s*(youtube|vimeo)\s+(.*?)\s*[>%]\}\}$`)
	scArg     = regexp.MustCompile(`(\w+)="((?:[^"\\]|\\.)*)"|(\w+)=(\S+)|"((?:[^"\\]|\\.)*)"|(\S+)`)
)

// embeds replaces paragraphs that name a video with Embed nodes.
type embeds struct{}

func (embeds) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var found []ast.Node
	var made []*Embed
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok || p.Lines().Len() != 1 {
			continue
		}
		line := p.Lines().At(0)
		if e := parseEmbed(bytes.TrimSpace(line.Value(src))); e != nil {
			e.SetLines(p.Lines())
			found, made = append(found, p), append(made, e)
		}
	}
	cat := words(pc)
	for i, p := range found {
		e := made[i]
		host := "YouTube"
		if e.Provider == "vimeo" {
			host = "Vimeo"
		}
		e.Label = cat.T("embed_play", "host", host)
		if e.Title == "" {
			e.Title = cat.T("embed_video", "host", host)
		}
		doc.ReplaceChild(doc, p, e)
	}
}

// parseEmbed reads a line that is a video's address or shortcode.
func parseEmbed(line []byte) *Embed {
	// Most one-line paragraphs are prose: tell them apart by their first
	// bytes, before any regular expression or URL parsing.
	if !(bytes.HasPrefix(line, []byte("{{")) || bytes.HasPrefix(line, []byte("http")) || bytes.HasPrefix(line, []byte("<http"))) ||
		len(line) > 512 || line[0] != '{' && bytes.IndexByte(line, ' ') >= 0 {
		return nil
	}
	s := string(line)
	if m := shortcode.FindStringSubmatch(s); m != nil {
		e := &Embed{Provider: m[1]}
		for _, a := range scArg.FindAllStringSubmatch(m[2], -1) {
			switch {
			case a[1] != "" || a[3] != "":
				name, value := a[1]+a[3], unescapeArg(a[2]+a[4])
				switch name {
				case "id":
					e.ID = value
				case "title":
					e.Title = value
				case "start":
					e.Start, _ = strconv.Atoi(value)
				}
			case e.ID == "":
				e.ID = a[5] + a[6]
			}
		}
		if !validVideoID(e.Provider, e.ID) {
			return nil
		}
		return e
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	e := &Embed{}
	switch host {
	case "youtube.com", "m.youtube.com", "youtube-nocookie.com":
		e.Provider = "youtube"
		switch {
		case u.Path == "/watch":
			e.ID = u.Query().Get("v")
		case strings.HasPrefix(u.Path, "/shorts/"), strings.HasPrefix(u.Path, "/embed/"), strings.HasPrefix(u.Path, "/live/"):
			e.ID = u.Path[strings.LastIndexByte(u.Path, '/')+1:]
		}
	case "youtu.be":
		e.Provider, e.ID = "youtube", strings.TrimPrefix(u.Path, "/")
	case "vimeo.com", "player.vimeo.com":
		e.Provider, e.ID = "vimeo", u.Path[strings.LastIndexByte(u.Path, '/')+1:]
	default:
		return nil
	}
	if !validVideoID(e.Provider, e.ID) {
		return nil
	}
	e.Start = parseStart(u.Query().Get("t") + u.Query().Get("start"))
	return e
}

// unescapeArg resolves the backslash escapes of a quoted shortcode argument.
func unescapeArg(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func validVideoID(provider, id string) bool {
	if provider == "youtube" {
		return youtubeID.MatchString(id)
	}
	return vimeoID.MatchString(id)
}

// parseStart reads a start time: "90", "90s" or "1m30s".
func parseStart(t string) int {
	total, n := 0, 0
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == 'h':
			total, n = total+n*3600, 0
		case c == 'm':
			total, n = total+n*60, 0
		case c == 's':
			total, n = total+n, 0
		default:
			return 0
		}
		if total > 1<<20 || n > 1<<20 {
			return 0
		}
	}
	return total + n
}

// pageURL is the video's page on its host, for readers without script.
func (n *Embed) pageURL() string {
	if n.Provider == "youtube" {
		u := "https://www.youtube.com/watch?v=" + n.ID
		if n.Start > 0 {
			u += "&t=" + strconv.Itoa(n.Start) + "s"
		}
		return u
	}
	u := "https://vimeo.com/" + n.ID
	if n.Start > 0 {
		u += "#t=" + strconv.Itoa(n.Start) + "s"
	}
	return u
}

// playerURL is the address of the player the script puts in a frame: on
// youtube-nocookie.com, which sets no cookie until the video plays, or on
// player.vimeo.com with do-not-track.
func (n *Embed) playerURL() string {
	if n.Provider == "youtube" {
		u := "https://www.youtube-nocookie.com/embed/" + n.ID + "?autoplay=1"
		if n.Start > 0 {
			u += "&start=" + strconv.Itoa(n.Start)
		}
		return u
	}
	u := "https://player.vimeo.com/video/" + n.ID + "?autoplay=1&dnt=1"
	if n.Start > 0 {
		u += "#t=" + strconv.Itoa(n.Start) + "s"
	}
	return u
}

// embedRenderer writes embeds.
type embedRenderer struct{}

func (r embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, r.render)
}

func (r embedRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Embed)
	label, title := n.Label, n.Title
	_, _ = w.WriteString(`<figure class="embed embed-` + n.Provider + `">` + "\n" + `<a class="embed-link" href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.pageURL())))
	_, _ = w.WriteString(`" data-embed="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.playerURL())))
	_, _ = w.WriteString(`" data-title="`)
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString(`" rel="noopener"><span class="embed-button" aria-hidden="true"></span><span class="embed-text"><span class="embed-label">`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`</span> <span class="embed-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString("</span></span></a>\n</figure>\n")
	return ast.WalkSkipChildren, nil
}
