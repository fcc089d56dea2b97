package markdown

import (
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// Heading attributes: "## Opaque structs {#lessmemory .wide}" gives the
// heading the id lessmemory and the class wide, as Hugo, Pandoc and kramdown
// read it. Without unsafe_html only id and class are kept: any other
// attribute ({style=…}, {onclick=…}) could change what the page does.

// filterHeadingAttributes drops, unless unsafe, every attribute of a heading
// but id and class, and says so.
func filterHeadingAttributes(doc *Doc, h *ast.Heading, unsafe bool, lines lineIndex) {
	attrs := h.Attributes()
	if unsafe || len(attrs) == 0 {
		return
	}
	onlySafe := true
	for _, a := range attrs {
		onlySafe = onlySafe && (string(a.Name) == "id" || string(a.Name) == "class")
	}
	if onlySafe {
		return // every heading has an id: the common case costs nothing
	}
	var kept []ast.Attribute
	for _, a := range attrs {
		switch string(a.Name) {
		case "id", "class":
			kept = append(kept, a)
		default:
			doc.Warnings = append(doc.Warnings, &Error{
				Line: lines.of(blockStart(h)),
				Msg:  fmt.Sprintf("heading attribute %s is dropped: only {#id} and {.class} are kept unless site.yaml sets unsafe_html: true", a.Name),
			})
		}
	}
	if len(kept) == len(attrs) {
		return
	}
	h.RemoveAttributes()
	for _, a := range kept {
		h.SetAttribute(a.Name, a.Value)
	}
}

// htmlIDAttr finds id and name attributes in raw HTML: <a name="x">,
// <div id='y'>, <span id=z>.
var htmlIDAttr = regexp.MustCompile(`(?i)[\s"'](?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=` + "`" + `]+))`)

// appendHTMLIDs appends the ids and names raw HTML gives its elements.
func appendHTMLIDs(ids []string, raw []byte) []string {
	for _, m := range htmlIDAttr.FindAllSubmatch(raw, -1) {
		for _, v := range m[1:] {
			if len(v) > 0 {
				ids = append(ids, string(v))
				break
			}
		}
	}
	return ids
}
