package feed

import "testing"

func TestReaderHTMLLinks(t *testing.T) {
	const base = "https://peeplcoach.example/articles/a/"
	tests := []struct{ name, in, want string }{
		{"href", `<a href="/articles/x/">x</a>`, `<a href="https://peeplcoach.example/articles/x/">x</a>`},
		{"src", `<img src="/img/a.png" alt="">`, `<img src="https://peeplcoach.example/img/a.png" alt="">`},
		{"single quotes", `<a href='/a/'>`, `<a href='https://peeplcoach.example/a/'>`},
		{"unquoted", `<a href=/a/>x</a>`, `<a href=https://peeplcoach.example/a/>x</a>`},
		{"spaces around =", `<a href = "/a/">`, `<a href = "https://peeplcoach.example/a/">`},
		{"space inside value", `<a href=" /a/">`, `<a href=" https://peeplcoach.example/a/">`},
		{"upper case", `<A HREF="/a/">`, `<A HREF="https://peeplcoach.example/a/">`},
		{"root only", `<a href="/">home</a>`, `<a href="https://peeplcoach.example/">home</a>`},
		{"fragment", `<a href="#x">x</a>`, `<a href="https://peeplcoach.example/articles/a/#x">x</a>`},
		{"protocol-relative", `<img src="//cdn.example/a.png">`, `<img src="//cdn.example/a.png">`},
		{"backslash is protocol-relative", `<img src="/\cdn.example/a.png">`, `<img src="/\cdn.example/a.png">`},
		{"absolute", `<a href="https://other.example/a">`, `<a href="https://other.example/a">`},
		{"mailto", `<a href="mailto:hi@peeplcoach.example">`, `<a href="mailto:hi@peeplcoach.example">`},
		{"document-relative", `<a href="a/b">`, `<a href="https://peeplcoach.example/articles/a/a/b">`},
		{"bundle image", `<img src="photo.jpg" alt="">`, `<img src="https://peeplcoach.example/articles/a/photo.jpg" alt="">`},
		{"parent", `<a href="../b/?x=1&amp;y=2#c">`, `<a href="https://peeplcoach.example/articles/b/?x=1&amp;y=2#c">`},
		{"query only", `<a href="?page=2">`, `<a href="https://peeplcoach.example/articles/a/?page=2">`},
		{"tel", `<a href="tel:+15550100">`, `<a href="tel:+15550100">`},
		{"query", `<a href="/s/?q=1&amp;r=2">`, `<a href="https://peeplcoach.example/s/?q=1&amp;r=2">`},
		{"other attribute", `<a title="/not/a/link" data-href="/no" href="/yes">`, `<a title="/not/a/link" data-href="/no" href="https://peeplcoach.example/yes">`},
		{"quote inside other value", `<a title='say "/x"' href="/y">`, `<a title='say "/x"' href="https://peeplcoach.example/y">`},
		{"boolean attribute first", `<img hidden src="/a.png">`, `<img hidden src="https://peeplcoach.example/a.png">`},
		{"self-closing", `<img src="/a.png"/>`, `<img src="https://peeplcoach.example/a.png"/>`},
		{"srcset", `<img srcset="/a.png 1x, /b.png 2x,https://o.example/c.png 3x">`, `<img srcset="https://peeplcoach.example/a.png 1x, https://peeplcoach.example/b.png 2x,https://o.example/c.png 3x">`},
		{"srcset comma-ended url", `<img srcset="/a.png, /b.png 2x">`, `<img srcset="https://peeplcoach.example/a.png, https://peeplcoach.example/b.png 2x">`},
		// HTML's srcset parsing reads "/a.png,/b.png" as one URL.
		{"srcset comma inside url", `<img srcset="/a.png,/b.png 2x">`, `<img srcset="https://peeplcoach.example/a.png,/b.png 2x">`},
		{"srcset widths", `<source srcset="/a.png 480w, //cdn.example/b.png 800w">`, `<source srcset="https://peeplcoach.example/a.png 480w, //cdn.example/b.png 800w">`},
		{"text is not touched", `<p>href="/a" and src=/b</p>`, `<p>href="/a" and src=/b</p>`},
		{"escaped code is not touched", `<code>&lt;a href="/a"&gt;</code>`, `<code>&lt;a href="/a"&gt;</code>`},
		{"comment", `<!-- <a href="/a"> --><a href="/b">`, `<!-- <a href="/a"> --><a href="https://peeplcoach.example/b">`},
		{"script", `<script>var s = '<a href="/a">';</script><a href="/b">`, `<script>var s = '<a href="/a">';</script><a href="https://peeplcoach.example/b">`},
		{"style", `<STYLE>a[href="/a"]{}</Style ><a href="/b">`, `<STYLE>a[href="/a"]{}</Style ><a href="https://peeplcoach.example/b">`},
		{"end tag", `</a href="/a"><a href="/b">`, `</a href="/a"><a href="https://peeplcoach.example/b">`},
		{"lone less-than", `<p>1 < 2 <a href="/b">`, `<p>1 < 2 <a href="https://peeplcoach.example/b">`},
		{"unterminated tag", `<a href="/a`, `<a href="https://peeplcoach.example/a`},
		{"unterminated comment", `<!-- <a href="/a">`, `<!-- <a href="/a">`},
		{"empty", ``, ``},
		{"non-ASCII", `<a href="/café/">Café ✓</a>`, `<a href="https://peeplcoach.example/café/">Café ✓</a>`},
	}
	for _, tc := range tests {
		if got := ReaderHTML(tc.in, base); got != tc.want {
			t.Errorf("%s: ReaderHTML(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestReaderHTMLPageMarkup: what only makes sense on the page, with its CSS
// and script, does not reach a feed reader.
func TestReaderHTMLPageMarkup(t *testing.T) {
	const base = "https://peeplcoach.example/articles/a/"
	tests := []struct{ name, in, want string }{
		{"heading anchor",
			`<h2 id="why">Why it matters <a class="anchor" href="#why" aria-label="Link to this section">#</a></h2>`,
			`<h2 id="why">Why it matters</h2>`},
		{"anchor among other classes", `<h3 id="x">X<a href="#x" class="heading anchor">¶</a></h3>`, `<h3 id="x">X</h3>`},
		{"other links stay", `<a class="anchored" href="#x">see</a>`, `<a class="anchored" href="https://peeplcoach.example/articles/a/#x">see</a>`},
		{"task item", `<li><input disabled="" type="checkbox"> Ask for help</li>`, `<li>☐ Ask for help</li>`},
		{"ticked task item", `<li><input checked="" disabled="" type="checkbox"> Done</li>`, `<li>☑ Done</li>`},
		{"labelled task item", `<li class="task"><input type="checkbox" id="task-1" checked> <label for="task-1">Ask <em>early</em></label></li>`, `<li class="task">☑ Ask <em>early</em></li>`},
		{"upper case", `<li><INPUT TYPE="CHECKBOX" CHECKED> Done</li>`, `<li>☑ Done</li>`},
		{"other input", `<p>Name: <input type="text" name="n"></p>`, `<p>Name: </p>`},
		{"code keeps its text", "<pre><code>if a {\n\t&lt;input type=checkbox&gt;\n}\n</code></pre>", "<pre><code>if a {\n\t&lt;input type=checkbox&gt;\n}\n</code></pre>"},
	}
	for _, tc := range tests {
		if got := ReaderHTML(tc.in, base); got != tc.want {
			t.Errorf("%s: ReaderHTML(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestReaderHTMLBase(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://peeplcoach.example", `<a href="https://peeplcoach.example/a/">`},
		{"https://peeplcoach.example/", `<a href="https://peeplcoach.example/a/">`},
		// A root-relative link ignores the base's path, as in a browser.
		{"https://peeplcoach.example/blog/", `<a href="https://peeplcoach.example/a/">`},
		{"http://localhost:1313/?x#y", `<a href="http://localhost:1313/a/">`},
		{"https://x.example/a?b=1&c=2", `<a href="https://x.example/a/">`},
	}
	for _, tc := range tests {
		if got := ReaderHTML(`<a href="/a/">`, tc.base); got != tc.want {
			t.Errorf("base %q: got %q, want %q", tc.base, got, tc.want)
		}
	}
}
