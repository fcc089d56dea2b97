package markdown

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Syntax highlighting of fenced code blocks, at build time, with chroma's
// lexers (some 250 languages, kept up to date by its maintainers: far more
// than a highlighter of our own could know). Tokens become <span class="…">
// with chroma's short class names, never style attributes, so the site's
// Content-Security-Policy (style-src 'self') holds; the colours live in
// static/css/syntax.css (see SyntaxCSS), light and dark. A block whose
// language chroma does not know, or that names none, is plain code, as
// goldmark writes it.

// codeRenderer renders fenced code blocks.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

// maxHighlight is the size of the largest block highlighted: chroma's regular
// expressions take time in proportion to the text, and a pasted log of
// megabytes reads as well in plain text.
const maxHighlight = 256 << 10

func renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(source)
	lines := n.Lines()
	size := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Len()
	}
	var lexer chroma.Lexer
	if len(lang) > 0 && size <= maxHighlight {
		lexer = lookupLexer(string(lang))
	}
	if lexer == nil {
		_, _ = w.WriteString("<pre><code")
		if len(lang) > 0 {
			_, _ = w.WriteString(` class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	var code strings.Builder
	code.Grow(size)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(source))
	}
	_, _ = w.WriteString(`<pre class="chroma"><code class="language-`)
	_, _ = w.Write(util.EscapeHTML(lang))
	_, _ = w.WriteString(`">`)
	if err := writeTokens(w, lexer, code.String()); err != nil {
		// A lexer that gives up shows the code as it is.
		_, _ = w.Write(util.EscapeHTML([]byte(code.String())))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// lookupLexer finds chroma's lexer for a fence's language name ("go",
// "yaml", "sh", "Go"), or nil.
func lookupLexer(lang string) chroma.Lexer {
	return lexerTable()[strings.ToLower(lang)]
}

// lexerTable maps the lower-case names and aliases of chroma's lexers to
// them. It is made once and only read: chroma's own lookup falls back to
// matching the name against every lexer's file-name patterns, some 10 ms for a
// name it does not know, which would make an unknown language the slow case.
var lexerTable = sync.OnceValue(func() map[string]chroma.Lexer {
	table := map[string]chroma.Lexer{}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		cfg := l.Config()
		for _, name := range append([]string{cfg.Name}, cfg.Aliases...) {
			name = strings.ToLower(name)
			if _, taken := table[name]; !taken && name != "" {
				table[name] = l
			}
		}
	}
	// The fallback lexer's output would be plain text wrapped in a span.
	for name, l := range table {
		if l == lexers.Fallback || l.Config().Name == "plaintext" {
			delete(table, name)
		}
	}
	return table
})

// writeTokens writes the tokens of code as escaped text in spans, merging
// neighbours of one class so the markup stays small.
func writeTokens(w util.BufWriter, lexer chroma.Lexer, code string) error {
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return err
	}
	var pending strings.Builder
	class := ""
	flush := func() {
		if pending.Len() == 0 {
			return
		}
		text := util.EscapeHTML([]byte(pending.String()))
		if class == "" {
			_, _ = w.Write(text)
		} else {
			_, _ = w.WriteString(`<span class="`)
			_, _ = w.WriteString(class)
			_, _ = w.WriteString(`">`)
			_, _ = w.Write(text)
			_, _ = w.WriteString("</span>")
		}
		pending.Reset()
	}
	for t := it(); t != chroma.EOF; t = it() {
		c := tokenClass(t.Type)
		if strings.TrimSpace(t.Value) == "" {
			// Whitespace takes the class of its neighbours: fewer spans.
			pending.WriteString(t.Value)
			continue
		}
		if c != class {
			flush()
			class = c
		}
		pending.WriteString(t.Value)
	}
	flush()
	return nil
}

// tokenClass is chroma's CSS class of a token type, as its HTML formatter
// names it: the type's own, or its nearest parent's; "" for plain text.
func tokenClass(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
	}
	return ""
}
