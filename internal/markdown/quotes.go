package markdown

import (
	"sync"

	meta "github.com/yuin/goldmark-meta"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/peeplcoach/folio/internal/i18n"
)

// Typographic quotes follow the document's language: "Zitat" becomes „Zitat“
// in German, « citation » in French, “quote” in English. The language is the
// front matter's language: (or lang:), else the site's, and it is only known
// once the front matter is read, which happens in the same parse. So the
// typographer is configured with placeholders, one per punctuation kind, and
// quoteParser puts the document's characters in their place as each is made.

// quoteLangKey holds the site's language, set by Convert; quoteSetKey caches
// the document's characters once looked up.
var (
	quoteLangKey = parser.NewContextKey()
	quoteSetKey  = parser.NewContextKey()
)

// placeholders makes the typographer write a NUL byte and the punctuation
// kind: bytes no text node can hold (goldmark replaces NUL in the source),
// replaced before the node reaches the document.
func placeholders() map[extension.TypographicPunctuation][]byte {
	m := map[extension.TypographicPunctuation][]byte{}
	for k := extension.LeftSingleQuote; k <= extension.Apostrophe; k++ {
		m[k] = []byte{0, byte(k)}
	}
	return m
}

// quoteParser wraps goldmark's typographer and fills in the placeholders.
type quoteParser struct {
	parser.InlineParser
	// sets holds each language's *punctuation once made: the Converter's
	// own, shared by its goroutines (a sync.Map, as languages are few and
	// read far more often than added).
	sets *sync.Map
}

func newQuoteParser(sets *sync.Map) quoteParser {
	return quoteParser{extension.NewTypographerParser(extension.WithTypographicSubstitutions(placeholders())), sets}
}

func (p quoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	if s, ok := n.(*ast.String); ok && len(s.Value) == 2 && s.Value[0] == 0 {
		s.Value = p.punctuationFor(pc)[s.Value[1]]
	}
	return n
}

// punctuation maps a punctuation kind to its characters in one language.
type punctuation [extension.Apostrophe + 1][]byte

// punctuationFor returns the characters of the document's language.
func (p quoteParser) punctuationFor(pc parser.Context) *punctuation {
	if v, ok := pc.Get(quoteSetKey).(*punctuation); ok {
		return v
	}
	lang, _ := pc.Get(quoteLangKey).(string)
	if fm := meta.Get(pc); fm != nil {
		if l := frontMatterLanguage(fm); l != "" {
			lang = l
		}
	}
	set, ok := p.sets.Load(lang)
	if !ok {
		set, _ = p.sets.LoadOrStore(lang, punctuationOf(lang))
	}
	pc.Set(quoteSetKey, set)
	return set.(*punctuation)
}

// punctuationOf returns the typographer's characters for a language: its
// quotation marks (i18n.QuotesFor), and the dashes, ellipsis and apostrophe
// every language folio knows writes alike.
func punctuationOf(lang string) *punctuation {
	q := i18n.QuotesFor(lang)
	return &punctuation{
		extension.LeftSingleQuote:  []byte(q.OpenSingle),
		extension.RightSingleQuote: []byte(q.CloseSingle),
		extension.LeftDoubleQuote:  []byte(q.Open),
		extension.RightDoubleQuote: []byte(q.Close),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.LeftAngleQuote:   []byte("«"),
		extension.RightAngleQuote:  []byte("»"),
		extension.Apostrophe:       []byte("’"),
	}
}
