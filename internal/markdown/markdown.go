// Package markdown turns a Markdown file with YAML front matter into HTML and the
// plain facts the rest of folio needs: front matter, headings, task items, the
// introduction, links and a word count. It knows nothing of pages, URLs, templates
// or files: callers hand it bytes and get values back.
//
// One Converter is configured once and shared by every goroutine; per-document
// state lives in the goldmark parser.Context of each call.
package markdown

import (
	"bytes"
	"fmt"

	meta "github.com/yuin/goldmark-meta"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Converter.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through to the output. When false
	// (the default) raw HTML is shown as text, escaped.
	UnsafeHTML bool
}

// Converter converts Markdown documents. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// plain is md without the autolink extension, for documents that hold
	// nothing it could link: it looks at every space of every paragraph,
	// which is 40% of goldmark's time on a typical article (see mayAutolink).
	plain goldmark.Markdown
}

// New returns a Converter with folio's Markdown dialect: GitHub Flavored Markdown
// (tables, strikethrough, task lists, autolinks), footnotes, definition lists,
// typographic punctuation as Unicode characters, YAML front matter, heading ids
// with visible anchor links, and safe links.
func New(opts Options) *Converter {
	return &Converter{md: newMarkdown(opts, true), plain: newMarkdown(opts, false)}
}

func newMarkdown(opts Options, autolinks bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	extensions := []goldmark.Extender{
		// GFM, with table alignment as align="…" attributes: a style
		// attribute would break the site's Content-Security-Policy.
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		extension.NewTypographer(extension.WithTypographicSubstitutions(unicodePunctuation)),
		meta.Meta,
	}
	if autolinks {
		extensions = append(extensions, extension.Linkify)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(headingIDs{}, 100), util.Prioritized(taskLabels{}, 200)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	md.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&headingRenderer{}, 100),
		util.Prioritized(taskRenderer{}, 100),
	))
	if !opts.UnsafeHTML {
		md.Renderer().AddOptions(renderer.WithNodeRenderers(
			util.Prioritized(rawHTMLRenderer{}, 100),
		))
	}
	return md
}

// mayAutolink reports whether the GFM autolink extension could turn
// something of src into a link: a "www." or "://" outside a link destination
// ("](…"), or an "@". It errs on the side of yes; when it says no, converting
// with or without the extension gives the same document.
func mayAutolink(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	for _, marker := range [][]byte{[]byte("://"), []byte("www.")} {
		for rest, off := src, 0; ; {
			i := bytes.Index(rest, marker)
			if i < 0 {
				break
			}
			at := off + i
			if !inLinkDestination(src, at) {
				return true
			}
			rest, off = rest[i+len(marker):], at+len(marker)
		}
	}
	return false
}

// inLinkDestination reports whether offset at lies in the destination of an
// inline link, "](dest", on one line with no space before it.
func inLinkDestination(src []byte, at int) bool {
	for i := at - 1; i >= 1; i-- {
		switch src[i] {
		case '(':
			return src[i-1] == ']'
		case ' ', '\t', '\n', ')', '<', '>':
			return false
		}
	}
	return false
}

// unicodePunctuation makes the typographer write characters, not entities, so that
// plain-text uses of a document (feeds, LinkedIn posts, PDFs) get “quotes” as-is.
var unicodePunctuation = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// Doc is a converted document: its HTML and the facts found while converting it.
type Doc struct {
	// FrontMatter holds the YAML front matter; nil when the file has none.
	// (content.NewPage reads it into a page's fields and drops it.)
	FrontMatter map[string]any
	// KeyLines maps each front-matter key to its 1-based line in the file.
	// Nested keys are joined with dots: "linkedin.hook".
	KeyLines map[string]int
	// HTML is the rendered body. A string, not bytes: pages, feeds and
	// templates all use it as it is, without a copy each.
	HTML string
	// Headings lists every heading in document order.
	Headings []Heading
	// Tasks lists every task-list item (- [ ] …) in document order.
	Tasks []Task
	// Intro holds the plain text of the top-level paragraphs before the first heading.
	Intro []string
	// Links lists the destination of every link and image, in document order.
	Links []Link
	// Words counts the words of the body text.
	Words int
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string // plain text, typographic characters included
	Line  int
}

// Task is one task-list item.
type Task struct {
	Text    string // plain text: emphasis and links kept as their text
	Checked bool
	Line    int
	// Heading is the index in Doc.Headings of the nearest heading above the
	// item, or -1 when the item stands before any heading.
	Heading int
}

// Link is a link or image destination found in the body.
type Link struct {
	Dest  string
	Image bool
	Line  int
}

// Error is a problem with the document at a line of its file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Convert converts one document. An error is an *Error for problems in the
// document (such as front matter that is not valid YAML): nothing of a broken
// document is rendered, so a YAML message can never leak into a page.
func (c *Converter) Convert(src []byte) (*Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	fm, err := scanFrontMatter(src)
	if err != nil {
		return nil, err
	}
	md := c.plain
	if mayAutolink(src) {
		md = c.md
	}
	return convert(md, src, fm)
}

// convert converts src, whose front matter scanFrontMatter found, with md.
func convert(md goldmark.Markdown, src []byte, fm frontMatter) (*Doc, error) {
	pc := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	doc := &Doc{KeyLines: fm.keyLines}
	if fm.present {
		values, err := meta.TryGet(pc)
		if err != nil {
			return nil, yamlError(err, fm.firstLine)
		}
		if values == nil {
			values = map[string]any{}
		}
		doc.FrontMatter = values
	}
	collectFacts(doc, root, src)
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	doc.HTML = buf.String()
	return doc, nil
}
