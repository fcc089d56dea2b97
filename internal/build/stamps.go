package build

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/key"
)

// Source stamps spare a build the reading and hashing of the pages that did
// not change since the last build (10,000 files, 80 MB, a fifth of a second
// build's time). After each folio build, the cache folder keeps, for every
// page, its stamp (size, modification and change times, inode and device)
// with the hash of the bytes the build read; the next build takes the hash of
// a page whose stamp is equal without reading it.
//
// Key: the site folder (one file per site a cache serves) and the version of
// the code (key.Bytes may change with it). Invariant: a page with a recorded
// stamp had the recorded hash when its stamp was taken.
//
// Why it holds: any write to a file moves its change time, and so does a
// rename over it, a chmod or a touch; the change time cannot be set back by
// a program (unlike the modification time, which git checkouts, rsync -t and
// cp -p set). The one edit it misses is a write in the same clock tick as
// the stamp taken before it (racy git's problem): a stamp is recorded only
// when the change time is older than stampSlack before the walk that took
// it, so a page written just before or during a build is read again next
// time. Where the system tells no change time (not Linux, an fs.FS in
// memory), every page is read, as before.
type stamp struct {
	Size, MTime, CTime int64
	Inode, Dev         uint64
}

// stampSlack is how much older than the build's start a change time must be
// for its stamp to be trusted next time: coarse file system clocks tick in
// milliseconds, FAT's in two seconds.
var stampSlack = 2 * time.Second

// stamped is a page's stamp with the hash of its bytes.
type stamped struct {
	st   stamp
	hash key.Sum
}

// stampTable is the recorded stamps, read once per Builder.
type stampTable struct {
	file  string             // in the cache folder; "" when there is none
	known map[string]stamped // by source path, as last saved
	taken time.Time          // when the walk of this build began
	// use says this run walked every root: a rebuild of folio serve,
	// which looks at the paths it is told of, reads every page it parses,
	// whose stamp may be that of an earlier walk.
	use bool
}

const stampHeader = "folio source stamps 1"

// loadStamps reads the stamps of the last build, once.
func (b *Builder) loadStamps() *stampTable {
	if b.stamps != nil {
		return b.stamps
	}
	t := &stampTable{known: map[string]stamped{}}
	b.stamps = t
	dir, ok := b.fsys.(interface{ Dir() string })
	if b.store == nil || !ok {
		return t
	}
	t.file = filepath.Join(b.store.Dir(), "sources-"+key.Of(dir.Dir()).String()[:16]+".stamps")
	data, err := os.ReadFile(t.file)
	if err != nil {
		return t
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(header) != stampHeader+" "+b.store.Version().String() {
		return t
	}
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		// <hash> <size> <mtime> <ctime> <inode> <device> <path>
		f := bytes.SplitN(line, []byte(" "), 7)
		if len(f) != 7 {
			t.known = map[string]stamped{} // damaged: trust none
			return t
		}
		var h key.Sum
		_, err := hex.Decode(h[:], f[0])
		if err == nil && len(f[0]) != 2*len(h) {
			err = hex.ErrLength
		}
		var n [5]int64
		for i := range n {
			if err == nil {
				n[i], err = strconv.ParseInt(string(f[i+1]), 10, 64)
			}
		}
		if err != nil {
			t.known = map[string]stamped{}
			return t
		}
		t.known[string(f[6])] = stamped{st: stamp{Size: n[0], MTime: n[1], CTime: n[2], Inode: uint64(n[3]), Dev: uint64(n[4])}, hash: h}
	}
	return t
}

// stampedHash returns the hash of a page's bytes when its stamp is the one
// recorded with it.
func (t *stampTable) stampedHash(f *file) (key.Sum, bool) {
	if !t.use || !f.stamped {
		return key.Sum{}, false
	}
	s, ok := t.known[f.path]
	if !ok || s.st != f.stat {
		return key.Sum{}, false
	}
	return s.hash, true
}

// saveStamps records the stamps of the pages read without error, when they
// differ from those recorded. folio serve saves none: a save every few
// seconds would rewrite the table, and the next folio build reads again the
// pages it does not know.
func (b *Builder) saveStamps() error {
	t := b.stamps
	if t == nil || t.file == "" || b.opts.Serve {
		return nil
	}
	cut := t.taken.Add(-stampSlack).UnixNano()
	now := make(map[string]stamped, len(t.known))
	same := true
	for p, f := range b.c.files {
		if f.kind != kindPage || !f.stamped || f.readErr != nil || f.hash.IsZero() || f.stat.CTime >= cut || strings.ContainsRune(p, '\n') {
			continue
		}
		s := stamped{st: f.stat, hash: f.hash}
		now[p] = s
		if t.known[p] != s {
			same = false
		}
	}
	if same && len(now) == len(t.known) {
		return nil
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	fmt.Fprintf(w, "%s %s\n", stampHeader, b.store.Version())
	for p, s := range now {
		fmt.Fprintf(w, "%s %d %d %d %d %d %s\n", s.hash, s.st.Size, s.st.MTime, s.st.CTime, int64(s.st.Inode), int64(s.st.Dev), p)
	}
	w.Flush()
	tmp := t.file + ".tmp-" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write cache: %w", err)
	}
	if err := os.Rename(tmp, t.file); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write cache: %w", err)
	}
	t.known = now
	return nil
}
