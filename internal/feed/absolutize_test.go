package feed

import "testing"

func TestAbsolutize(t *testing.T) {
	const base = "https://peeplcoach.example"
	tests := []struct{ name, in, want string }{
		{"href", `<a href="/articles/x/">x</a>`, `<a href="https://peeplcoach.example/articles/x/">x</a>`},
		{"src", `<img src="/img/a.png" alt="">`, `<img src="https://peeplcoach.example/img/a.png" alt="">`},
		{"single quotes", `<a href='/a/'>`, `<a href='https://peeplcoach.example/a/'>`},
		{"unquoted", `<a href=/a/>x</a>`, `<a href=https://peeplcoach.example/a/>x</a>`},
		{"spaces around =", `<a href = "/a/">`, `<a href = "https://peeplcoach.example/a/">`},
		{"space inside value", `<a href=" /a/">`, `<a href=" https://peeplcoach.example/a/">`},
		{"upper case", `<A HREF="/a/">`, `<A HREF="https://peeplcoach.example/a/">`},
		{"root only", `<a href="/">home</a>`, `<a href="https://peeplcoach.example/">home</a>`},
		{"fragment", `<a href="#x">x</a>`, `<a href="#x">x</a>`},
		{"protocol-relative", `<img src="//cdn.example/a.png">`, `<img src="//cdn.example/a.png">`},
		{"backslash is protocol-relative", `<img src="/\cdn.example/a.png">`, `<img src="/\cdn.example/a.png">`},
		{"absolute", `<a href="https://other.example/a">`, `<a href="https://other.example/a">`},
		{"mailto", `<a href="mailto:hi@peeplcoach.example">`, `<a href="mailto:hi@peeplcoach.example">`},
		{"document-relative", `<a href="a/b">`, `<a href="a/b">`},
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
		if got := string(Absolutize([]byte(tc.in), base)); got != tc.want {
			t.Errorf("%s: Absolutize(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestAbsolutizeBase(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://peeplcoach.example", `<a href="https://peeplcoach.example/a/">`},
		{"https://peeplcoach.example/", `<a href="https://peeplcoach.example/a/">`},
		// A root-relative link ignores the base's path, as in a browser.
		{"https://peeplcoach.example/blog/", `<a href="https://peeplcoach.example/a/">`},
		{"http://localhost:1313/?x#y", `<a href="http://localhost:1313/a/">`},
		{"https://x.example/a?b=1&c=2", `<a href="https://x.example/a/">`},
	}
	for _, tc := range tests {
		if got := string(Absolutize([]byte(`<a href="/a/">`), tc.base)); got != tc.want {
			t.Errorf("base %q: got %q, want %q", tc.base, got, tc.want)
		}
	}
}

func TestAbsolutizeDoesNotAlias(t *testing.T) {
	in := []byte(`<p>no links</p>`)
	out := Absolutize(in, "https://x.example")
	out[1] = 'X'
	if string(in) != `<p>no links</p>` {
		t.Error("Absolutize returned its input; want a copy")
	}
}
