// Package output is the one place that writes a build: it minifies by file type,
// fingerprints assets, writes files into a fresh folder and swaps it in, or
// writes in place for the dev server. It knows nothing of the content model or
// templates.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies output files by their extension. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// mediaTypes maps the extensions folio minifies to media types.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".svg":         "image/svg+xml",
	".xml":         "text/xml",
	".json":        "application/json",
	".webmanifest": "application/json",
}

// NewMinifier returns a Minifier for HTML, CSS, JS, SVG, XML and JSON.
func NewMinifier() *Minifier {
	m := minify.New()
	// Keep <html>, <head> and <body>: tools that inject into pages (the dev
	// server's live reload, analytics snippets added by hosts) look for them.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepDefaultAttrVals: true})
	m.Add("text/x-template+html", &html.Minifier{KeepDocumentTags: true, KeepDefaultAttrVals: true, TemplateDelims: [2]string{"{{", "}}"}})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

// MinifyTemplate minifies the source of an HTML template (a layout file),
// leaving its {{ actions }} as they are. A build minifies each layout once
// instead of every page made from it.
//
// The minifier keeps the whitespace next to an action, since it cannot see
// what the action will write. Where that whitespace stands beside a block or
// head element, browsers ignore it, so it is removed; elsewhere (beside
// inline elements and text) it can separate words, and a single space stays.
func (m *Minifier) MinifyTemplate(src string) (string, error) {
	if preformatted.MatchString(src) {
		// Line breaks are content there, and the minifier trims them.
		return "", errPreformatted
	}
	// Comments write nothing, and an apostrophe in one ("page's") would
	// read to the minifier as the start of a quoted attribute value.
	src = templateComment.ReplaceAllString(src, "")
	var buf bytes.Buffer
	if err := m.m.Minify("text/x-template+html", &buf, bytes.NewBufferString(src)); err != nil {
		return "", fmt.Errorf("minify template: %w", err)
	}
	if !slices.Equal(templateAction.FindAllString(src, -1), templateAction.FindAllString(buf.String(), -1)) {
		return "", errors.New("minify template: the minifier changed its actions")
	}
	out := actionThenBlock.ReplaceAllString(buf.String(), "$1$2")
	out = blockThenAction.ReplaceAllString(out, "$1$2")
	out = spaceAfterAction.ReplaceAllString(out, "$1 ")
	return spaceBeforeAction.ReplaceAllString(out, " $1"), nil
}

// errPreformatted refuses a template with <pre> or <textarea>: pages made
// from it are minified one by one instead.
var errPreformatted = errors.New("minify template: it holds preformatted text")

// blockTags are elements beside which whitespace does not render.
const blockTags = `(?:html|head|body|meta|link|title|script|style|header|footer|nav|main|article|aside|section|div|p|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|figure|figcaption|blockquote|pre|hr|br|form|fieldset|details|summary|address|noscript)`

var (
	templateComment   = regexp.MustCompile(`\{\{-?\s*/\*[\s\S]*?\*/\s*-?\}\}`)
	templateAction    = regexp.MustCompile(`\{\{[\s\S]*?\}\}`)
	actionThenBlock   = regexp.MustCompile(`(\}\})\s+(</?` + blockTags + `[\s>/])`)
	blockThenAction   = regexp.MustCompile(`(</?` + blockTags + `(?:\s[^<>]*)?>)\s+(\{\{)`)
	spaceAfterAction  = regexp.MustCompile(`(\}\})\s*\n\s*`)
	spaceBeforeAction = regexp.MustCompile(`\s*\n\s*(\{\{)`)
	preformatted      = regexp.MustCompile(`(?i)<(pre|textarea)[\s>]`)
)

// Minifies reports whether files at p are minified.
func Minifies(p string) bool {
	_, ok := mediaTypes[strings.ToLower(path.Ext(p))]
	return ok
}

// Minify returns the minified bytes of the file at p, or data itself for types
// it does not minify.
func (m *Minifier) Minify(p string, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := m.MinifyTo(&buf, p, data); err != nil {
		return nil, err
	}
	if buf.Len() == 0 && len(data) > 0 && !Minifies(p) {
		return data, nil
	}
	return buf.Bytes(), nil
}

// MinifyTo appends the minified bytes of the file at p to dst; for types it
// does not minify, data itself. Builds call it with a reused buffer, so that a
// page costs no allocation here.
func (m *Minifier) MinifyTo(dst *bytes.Buffer, p string, data []byte) error {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(p))]
	if !ok {
		dst.Write(data)
		return nil
	}
	dst.Grow(len(data))
	// A reader with a Bytes method lets the minifier read data in place
	// instead of copying it with io.ReadAll.
	if err := m.m.Minify(mt, dst, bytes.NewBuffer(data)); err != nil {
		return fmt.Errorf("minify %s: %w", p, err)
	}
	return nil
}

// Fingerprinted returns p with a hash of data in its name, so that a changed
// file gets a new URL and browsers may cache every version for a year:
// "css/site.css" → "css/site.3f9c1a2b.css".
func Fingerprinted(p string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
