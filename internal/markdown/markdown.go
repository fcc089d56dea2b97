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
	"sync"

	meta "github.com/yuin/goldmark-meta"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/peeplcoach/folio/internal/i18n"
)

// Options configure a Converter.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through to the output. When false
	// (the default) raw HTML is shown as text, escaped. HTML comments are
	// dropped then, and passed through with UnsafeHTML.
	UnsafeHTML bool
	// Language is the site's language (BCP 47, such as "de"), whose quotation
	// marks the typographer writes in documents that name no language of
	// their own, and in which their callouts and videos are labelled. Empty
	// means English.
	Language string
	// Strings holds the site's own interface strings, the content of its
	// i18n/<lang>.yaml files by the language of their name ("de", "de-CH"):
	// callout titles and video labels come from them before folio's.
	Strings map[string][]byte
}

// wordsKey holds the Converter's catalog method, set by convert, for the
// transformers that write words around the writer's text (callout titles, a
// video's label) in the document's language.
var wordsKey = parser.NewContextKey()

// catalog returns the interface strings of lang: folio's, with the site's
// i18n/<lang>.yaml (else i18n/<base>.yaml) on top. Catalogs are made once per
// language and shared. A site file that does not parse is reported by the
// build, which reads the same file for its templates; here folio's strings
// stand in.
func (c *Converter) catalog(lang string) *i18n.Catalog {
	if cat, ok := c.catalogs.Load(lang); ok {
		return cat.(*i18n.Catalog)
	}
	override := c.opts.Strings[lang]
	if override == nil {
		override = c.opts.Strings[i18n.Base(lang)]
	}
	cat, err := i18n.New(lang, override, "")
	if err != nil {
		if cat, err = i18n.New(lang, nil, ""); err != nil {
			cat = i18n.English() // the built-in strings are tested: cannot happen
		}
	}
	got, _ := c.catalogs.LoadOrStore(lang, cat)
	return got.(*i18n.Catalog)
}

// words returns the interface strings of the document's language: its YAML
// front matter's language: (known only once goldmark-meta has parsed it, as
// for the typographer's quotes), else the one convert set.
func words(pc parser.Context) *i18n.Catalog {
	catalog, ok := pc.Get(wordsKey).(func(string) *i18n.Catalog)
	if !ok {
		return i18n.English()
	}
	lang, _ := pc.Get(quoteLangKey).(string)
	if fm := meta.Get(pc); fm != nil {
		if l := frontMatterLanguage(fm); l != "" {
			lang = l
		}
	}
	return catalog(lang)
}

// Converter converts Markdown documents. It is safe for concurrent use.
type Converter struct {
	opts Options
	md   goldmark.Markdown
	// plain is md without the autolink extension, for documents that hold
	// nothing it could link: it looks at every space of every paragraph,
	// which is 40% of goldmark's time on a typical article (see mayAutolink).
	plain goldmark.Markdown
	// catalogs holds each language's *i18n.Catalog once made (see catalog).
	catalogs *sync.Map
}

// New returns a Converter with folio's Markdown dialect: GitHub Flavored Markdown
// (tables, strikethrough, task lists, autolinks), footnotes, definition lists,
// typographic punctuation as Unicode characters in the document's language,
// YAML, TOML or JSON front matter, heading ids with visible anchor links and
// {#id .class} attributes, HTML comments that never show, and safe links.
func New(opts Options) *Converter {
	quotes := &sync.Map{}
	return &Converter{opts: opts, md: newMarkdown(opts, true, quotes), plain: newMarkdown(opts, false, quotes), catalogs: &sync.Map{}}
}

func newMarkdown(opts Options, autolinks bool, quotes *sync.Map) goldmark.Markdown {
	rendererOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	extensions := []goldmark.Extender{
		// GFM, with table alignment as classes (see table.go).
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		meta.Meta,
	}
	if autolinks {
		extensions = append(extensions, extension.Linkify)
	}
	md := goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			// The typographer's own priority (see extension.NewTypographer).
			parser.WithInlineParsers(util.Prioritized(newQuoteParser(quotes), 9999)),
			parser.WithASTTransformers(
				util.Prioritized(headingIDs{}, 100),
				util.Prioritized(callouts{}, 200),
				util.Prioritized(embeds{}, 200),
				util.Prioritized(taskLabels{}, 300),
				util.Prioritized(tableAlign{}, 300),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	md.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&headingRenderer{}, 100),
		util.Prioritized(taskRenderer{}, 100),
		util.Prioritized(codeRenderer{}, 100),
		util.Prioritized(calloutRenderer{}, 100),
		util.Prioritized(embedRenderer{}, 100),
	))
	if !opts.UnsafeHTML {
		md.Renderer().AddOptions(renderer.WithNodeRenderers(
			util.Prioritized(rawHTMLRenderer{}, 100),
		))
	}
	return md
}

// newParser returns goldmark's parser with its default parsers, the HTML
// block parser wrapped so that a comment followed by text on its line leaves
// the text a paragraph (see comments.go).
func newParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		if hb, ok := b.Value.(parser.BlockParser); ok && hb == parser.NewHTMLBlockParser() {
			blocks[i].Value = commentAwareHTMLBlocks{hb}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
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
	// Words counts the words of the body text, in scripts that put spaces
	// between words.
	Words int
	// Images lists the images of the body whose files DocOptions.Images
	// found, in document order.
	Images []ImageFile
	// Chars counts the Chinese and Japanese characters of the body text,
	// which are read one by one rather than as words.
	Chars int
	// Summary is the plain text before a <!--more--> marker, Hugo's summary
	// divider; empty when the document has none.
	Summary string
	// IDs lists the id and name attributes in raw HTML that reaches the page
	// (with UnsafeHTML), so links to them check like links to headings.
	IDs []string
	// Warnings are problems the writer should hear of that do not stop a
	// build, such as another generator's template calls left in the text.
	Warnings []*Error
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
	return c.ConvertWith(src, DocOptions{})
}

// ConvertWith converts one document with choices of its own: the files
// behind its images.
func (c *Converter) ConvertWith(src []byte, opts DocOptions) (*Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if err := checkSource(src); err != nil {
		return nil, err // see strict.go
	}
	fm, other, err := scanOtherFrontMatter(src)
	if err != nil {
		return nil, err
	}
	if !other {
		if fm, err = scanFrontMatter(src); err != nil {
			return nil, err
		}
	}
	md := c.plain
	if mayAutolink(src) {
		md = c.md
	}
	return c.convert(md, src, fm, opts)
}

// convert converts src, whose front matter scanFrontMatter or
// scanOtherFrontMatter found, with md.
func (c *Converter) convert(md goldmark.Markdown, src []byte, fm frontMatter, opts DocOptions) (*Doc, error) {
	pc := parser.NewContext()
	lang := c.opts.Language
	doc := &Doc{KeyLines: fm.keyLines}
	if fm.values != nil {
		doc.FrontMatter = fm.values
		if l := frontMatterLanguage(fm.values); l != "" {
			lang = l
		}
	}
	pc.Set(quoteLangKey, lang)
	pc.Set(wordsKey, c.catalog)
	body := src[fm.body:]
	root := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if fm.present && fm.values == nil {
		values, err := meta.TryGet(pc)
		if err != nil {
			return nil, yamlError(err, fm.firstLine)
		}
		if values == nil {
			values = map[string]any{}
		}
		doc.FrontMatter = values
	}
	collectFacts(doc, root, body, factOptions{firstLine: max(fm.bodyLine, 1), unsafe: c.opts.UnsafeHTML})
	annotateImages(doc, root, opts)
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/4)
	if err := md.Renderer().Render(&buf, body, root); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	doc.HTML = buf.String()
	return doc, nil
}

// frontMatterLanguage returns the language: (or lang:) of front matter.
func frontMatterLanguage(values map[string]any) string {
	for _, key := range []string{"language", "lang"} {
		if l, ok := values[key].(string); ok && l != "" {
			return l
		}
	}
	return ""
}
