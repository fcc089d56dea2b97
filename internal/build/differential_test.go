package build

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/peeplcoach/folio/internal/output"
)

// TestDifferential applies random sequences of edits to a site through the
// rebuild path (the one folio serve takes) and checks after every step that
// the output equals a fresh build of the same files, byte for byte; that a
// rebuild fails exactly when a fresh build fails, with the same messages; and
// that a failed rebuild leaves the output as it was. The edits: article text,
// front matter, new, renamed and deleted articles, site.yaml keys (unsafe_html
// among them), layouts, static files, and inputs broken then fixed.
//
// go test runs a short seeded sequence; FOLIO_DIFF_STEPS=5000 runs a long one
// (FOLIO_DIFF_SEED picks the seed).
func TestDifferential(t *testing.T) {
	steps, seed := 40, uint64(1)
	if testing.Short() {
		steps = 12
	}
	if s := os.Getenv("FOLIO_DIFF_STEPS"); s != "" {
		steps, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("FOLIO_DIFF_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	variants := []struct {
		name string
		opts Options
	}{
		{"build", Options{Minify: true, Fingerprint: true}},
		{"serve", Options{Serve: true, Drafts: true, Future: true}},
	}
	// The fresh builds share a cache of their own, for artifacts only:
	// taking pages from a cache would hide a key that misses an input.
	freshCache := t.TempDir()
	for vi, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			opts := v.opts
			opts.Now = func() time.Time { return fixedNow }
			opts.CacheDir = t.TempDir()
			d := newDiffSite(t, rand.New(rand.NewPCG(seed, uint64(vi))), opts)
			d.freshCache = freshCache
			for i := range steps {
				d.step(i)
				if t.Failed() {
					t.Fatalf("seed %d, step %d: the edits so far:\n%s", seed, i, strings.Join(d.log, "\n"))
				}
			}
			t.Logf("%d steps (%d failed builds), seed %d", steps, d.failures, seed)
		})
	}
}

// diffArticle is an article of the differential test's site.
type diffArticle struct {
	name, title, date, summary, series, slug string
	topics                                   []string
	order                                    int
	draft, noChecklist                       bool
	paras, tasks, links                      []string
}

func (a *diffArticle) text() string {
	var fm strings.Builder
	fmt.Fprintf(&fm, "title: %q\ndate: %s\n", a.title, a.date)
	if len(a.topics) > 0 {
		fmt.Fprintf(&fm, "topics: [%s]\n", strings.Join(a.topics, ", "))
	}
	if a.series != "" {
		fmt.Fprintf(&fm, "series: %s\n", a.series)
		if a.order > 0 {
			fmt.Fprintf(&fm, "series_order: %d\n", a.order)
		}
	}
	if a.summary != "" {
		fmt.Fprintf(&fm, "summary: %q\n", a.summary)
	}
	if a.slug != "" {
		fmt.Fprintf(&fm, "slug: %s\n", a.slug)
	}
	if a.draft {
		fm.WriteString("draft: true\n")
	}
	if a.noChecklist {
		fm.WriteString("checklist: false\n")
	}
	var body strings.Builder
	for i, p := range a.paras {
		if i == 1 {
			body.WriteString("## Steps to take\n\n")
			for _, t := range a.tasks {
				fmt.Fprintf(&body, "- [ ] %s\n", t)
			}
			body.WriteString("\n")
		}
		body.WriteString(p + "\n\n")
	}
	for _, l := range a.links {
		fmt.Fprintf(&body, "See [this](%s).\n\n", l)
	}
	return "---\n" + fm.String() + "---\n\n" + body.String()
}

type diffSite struct {
	t          *testing.T
	rng        *rand.Rand
	opts       Options
	fsys       fstest.MapFS
	articles   map[string]*diffArticle
	b          *Builder
	out        *output.Folder
	broken     map[string]string // path → good text, while broken
	log        []string
	failures   int
	freshCache string
	n          int // articles made so far, for names
}

var (
	diffTopics = []string{"Trust", "Managing Up", "Hiring", "Feedback", "trust"}
	diffSeries = []string{"", "", "Leading Up", "First Steps"}
	diffWords  = strings.Fields("the team asks for trust and the manager listens before deciding what to delegate next week")
)

func newDiffSite(t *testing.T, rng *rand.Rand, opts Options) *diffSite {
	d := &diffSite{t: t, rng: rng, opts: opts, fsys: designFiles(t), articles: map[string]*diffArticle{}, broken: map[string]string{}}
	d.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML)}
	d.fsys["static/images/share.png"] = &fstest.MapFile{Data: onePixelPNG}
	d.fsys["content/about.md"] = &fstest.MapFile{Data: []byte(article("title: About\nsummary: Who we are.", "We write [here](/topics/)."))}
	for range 5 {
		d.addArticle()
	}
	b, err := New(d.fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	d.b = b
	dir := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d.out = output.OpenFolder(dir)
	if _, err := b.Build(context.Background(), d.out); err != nil {
		t.Fatalf("first build: %v", err)
	}
	return d
}

func (d *diffSite) pick(list []string) string { return list[d.rng.IntN(len(list))] }

func (d *diffSite) sentence() string {
	n := 3 + d.rng.IntN(8)
	words := make([]string, n)
	for i := range words {
		words[i] = d.pick(diffWords)
	}
	words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
	return strings.Join(words, " ") + "."
}

func (d *diffSite) newArticle() *diffArticle {
	d.n++
	a := &diffArticle{
		name:   fmt.Sprintf("article-%d", d.n),
		title:  fmt.Sprintf("Article %d: %s", d.n, d.sentence()),
		date:   fmt.Sprintf("2025-%02d-%02d", 1+d.rng.IntN(8), 1+d.rng.IntN(28)),
		series: d.pick(diffSeries),
		paras:  []string{d.sentence(), d.sentence()},
	}
	for range d.rng.IntN(3) {
		a.topics = append(a.topics, d.pick(diffTopics))
	}
	if d.rng.IntN(2) == 0 {
		a.tasks = []string{d.sentence(), d.sentence()}
	}
	return a
}

func (d *diffSite) path(a *diffArticle) string { return "content/articles/" + a.name + ".md" }

func (d *diffSite) write(p, text string) []string {
	d.fsys[p] = &fstest.MapFile{Data: []byte(text)}
	return []string{p}
}

func (d *diffSite) remove(p string) []string {
	delete(d.fsys, p)
	return []string{p}
}

func (d *diffSite) addArticle() []string {
	a := d.newArticle()
	d.articles[a.name] = a
	return d.write(d.path(a), a.text())
}

func (d *diffSite) anyArticle() *diffArticle {
	names := make([]string, 0, len(d.articles))
	for n := range d.articles {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil
	}
	return d.articles[d.pick(names)]
}

func (d *diffSite) siteYAML() string { return string(d.fsys["content/site.yaml"].Data) }

// setSiteKey sets a top-level key of site.yaml (value "" removes it).
func (d *diffSite) setSiteKey(k, value string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(d.siteYAML(), "\n"), "\n") {
		if !strings.HasPrefix(l, k+":") {
			lines = append(lines, l)
		}
	}
	if value != "" {
		lines = append(lines, k+": "+value)
	}
	return d.write("content/site.yaml", strings.Join(lines, "\n")+"\n")
}

// edit makes one random edit and returns the changed paths and what it did.
func (d *diffSite) edit() ([]string, string) {
	// A broken file is fixed, sooner or later.
	if len(d.broken) > 0 && d.rng.IntN(2) == 0 {
		for p, good := range d.broken {
			delete(d.broken, p)
			return d.write(p, good), "fix " + p
		}
	}
	a := d.anyArticle()
	switch r := d.rng.IntN(24); {
	case a == nil || r == 0:
		return d.addArticle(), "add an article"
	case r <= 5:
		a.paras = append(a.paras, d.sentence())
		if d.rng.IntN(3) == 0 {
			a.paras[0] = d.sentence() // the summary comes from it
		}
		return d.write(d.path(a), a.text()), "edit the text of " + a.name
	case r == 6:
		a.title = fmt.Sprintf("Retitled %d: %s", d.rng.IntN(100), d.sentence())
		return d.write(d.path(a), a.text()), "retitle " + a.name
	case r == 7:
		a.date = fmt.Sprintf("2025-%02d-%02d", 1+d.rng.IntN(9), 1+d.rng.IntN(28)) // some in the future
		return d.write(d.path(a), a.text()), "redate " + a.name
	case r == 8:
		a.topics = nil
		for range d.rng.IntN(3) {
			a.topics = append(a.topics, d.pick(diffTopics))
		}
		return d.write(d.path(a), a.text()), "change the topics of " + a.name
	case r == 9:
		a.series, a.order = d.pick(diffSeries), d.rng.IntN(3)
		return d.write(d.path(a), a.text()), "change the series of " + a.name
	case r == 10:
		a.draft = !a.draft
		return d.write(d.path(a), a.text()), "toggle draft on " + a.name
	case r == 11:
		if len(a.tasks) > 0 && d.rng.IntN(2) == 0 {
			a.tasks = a.tasks[1:]
		} else {
			a.tasks = append(a.tasks, d.sentence())
		}
		a.noChecklist = d.rng.IntN(5) == 0
		return d.write(d.path(a), a.text()), "change the checklist of " + a.name
	case r == 12:
		old := d.path(a)
		delete(d.articles, a.name)
		a.name = fmt.Sprintf("renamed-%d", d.rng.IntN(1000))
		if _, taken := d.articles[a.name]; taken {
			a.name += "-b"
		}
		d.articles[a.name] = a
		delete(d.fsys, old)
		return append([]string{old}, d.write(d.path(a), a.text())...), "rename to " + a.name
	case r == 13:
		delete(d.articles, a.name)
		return d.remove(d.path(a)), "delete " + a.name
	case r == 14:
		switch d.rng.IntN(3) {
		case 0:
			a.links = append(a.links, "/articles/"+d.anyArticle().name+"/")
		case 1:
			a.links = append(a.links, "/nowhere/")
		default:
			a.links = nil
		}
		if d.rng.IntN(3) == 0 {
			a.paras = append(a.paras, `<span class="raw">raw & <b>bold</b></span>`)
		}
		return d.write(d.path(a), a.text()), "change the links or raw HTML of " + a.name
	case r == 15:
		unsafe := "true"
		if strings.Contains(d.siteYAML(), "unsafe_html: true") {
			unsafe = ""
		}
		return d.setSiteKey("unsafe_html", unsafe), "toggle unsafe_html"
	case r == 16:
		k := d.pick([]string{"per_page", "feed_limit", "related"})
		return d.setSiteKey(k, strconv.Itoa(1+d.rng.IntN(3))), "set " + k
	case r == 17:
		k := d.pick([]string{"checklists", "share_cards"})
		return d.setSiteKey(k, d.pick([]string{"false", ""})), "set " + k
	case r == 18:
		return d.setSiteKey("description", strconv.Quote(d.sentence())), "set description"
	case r == 19:
		p := d.pick([]string{"layouts/partials/footer.html", "layouts/partials/card.html", "layouts/article.html", "layouts/home.html"})
		old := string(d.fsys[p].Data)
		return d.write(p, old+fmt.Sprintf("\n<!-- edit %d -->\n", d.rng.IntN(1000))), "edit " + p
	case r == 20:
		p := d.pick([]string{"layouts/article.html", "layouts/partials/card.html", "layouts/home.html"})
		if _, ok := d.broken[p]; ok {
			return d.write(p, d.broken[p]), "fix " + p
		}
		d.broken[p] = string(d.fsys[p].Data)
		return d.write(p, d.broken[p]+"{{ .Nope }"), "break " + p
	case r == 21:
		p := d.path(a)
		if _, ok := d.broken[p]; !ok {
			d.broken[p] = a.text()
		}
		return d.write(p, d.pick([]string{"---\ntitle: x\ndate: not a date\n---\nx\n", "---\ntitle: [unclosed\n---\n", "no front matter\n"})), "break " + p
	case r == 22:
		css := string(d.fsys["static/css/site.css"].Data)
		return d.write("static/css/site.css", css+fmt.Sprintf("\n.x%d{color:red}\n", d.rng.IntN(1000))), "edit the stylesheet"
	default:
		p := "static/extra.txt"
		if _, ok := d.fsys[p]; ok {
			return d.remove(p), "remove " + p
		}
		return d.write(p, d.sentence()), "add " + p
	}
}

// snapshot reads the output folder.
func (d *diffSite) snapshot() map[string][]byte {
	return readTree(d.t, d.out.Dir(), ".")
}

func (d *diffSite) step(i int) {
	t := d.t
	changed, what := d.edit()
	d.log = append(d.log, fmt.Sprintf("%3d %s", i, what))
	before := d.snapshot()
	sort.Strings(changed)
	_, err := d.b.Rebuild(context.Background(), d.out, changed)

	opts := d.opts
	opts.CacheDir = d.freshCache
	fresh, ferr := New(d.fsys, opts)
	if ferr != nil {
		t.Fatal(ferr)
	}
	defer fresh.Close()
	fresh.pages, fresh.parses, fresh.bodies, fresh.terms = nil, nil, nil, nil
	want := newMemSink()
	_, ferr = fresh.Build(context.Background(), want)
	switch {
	case (err == nil) != (ferr == nil):
		t.Errorf("step %d (%s): rebuild error %v, fresh build error %v", i, what, err, ferr)
		return
	case err != nil:
		d.failures++
		if err.Error() != ferr.Error() {
			t.Errorf("step %d (%s): rebuild and fresh build fail differently:\n%v\n---\n%v", i, what, err, ferr)
		}
		after := d.snapshot()
		if !sameFiles(before, after) {
			t.Errorf("step %d (%s): a failed rebuild changed the output", i, what)
		}
		return
	}
	got := d.snapshot()
	for p, data := range want.files {
		if g, ok := got[p]; !ok {
			t.Errorf("step %d (%s): the rebuilt output lacks %s", i, what, p)
		} else if !bytes.Equal(g, data) {
			t.Errorf("step %d (%s): rebuilt %s differs from a fresh build", i, what, p)
		}
	}
	for p := range got {
		if _, ok := want.files[p]; !ok {
			t.Errorf("step %d (%s): the rebuilt output keeps %s, which a fresh build does not make", i, what, p)
		}
	}
	for u := range servedOf(fresh) {
		want, _ := fresh.ArtifactFile(u)
		if got, ok := d.b.ArtifactFile(u); !ok || !bytes.Equal(got, want) {
			t.Errorf("step %d (%s): %s is not served as a fresh build serves it", i, what, u)
		}
	}
	if len(servedOf(fresh)) != len(servedOf(d.b)) {
		t.Errorf("step %d (%s): %d artifacts served, a fresh build serves %d", i, what, len(servedOf(d.b)), len(servedOf(fresh)))
	}
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			return false
		}
	}
	return true
}

// servedOf lists the URL paths of the artifacts folio serve serves.
func servedOf(b *Builder) map[string]bool {
	urls := map[string]bool{}
	if b.lazy == nil {
		return urls
	}
	b.lazy.mu.Lock()
	defer b.lazy.mu.Unlock()
	for u := range b.lazy.table {
		urls[u] = true
	}
	return urls
}
