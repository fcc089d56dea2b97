// Package cache keeps what is slow to make between builds, in the site's
// .cache/ folder: parsed pages, rendered pages, checklist PDFs and share
// cards, each under a key that hashes everything it was made from (package
// key), so an entry is never invalidated, only outgrown.
//
// Each kind of entry lives in one pack: an append-only file of entries and an
// index beside it. Tens of thousands of entries cost two files, not tens of
// thousands (creating a file costs about as much as rendering a page).
// Entries are verified before use, by size and CRC-32C: a damaged entry is a
// miss, made again and appended anew. Nothing outside the cache shares its
// bytes: a build copies an entry into the output, so writing to a published
// file cannot corrupt the cache.
//
// A pack is used by one process at a time (an flock on the pack): a second
// folio on the same site reads the cache as it was and keeps what it makes
// in memory. Entries the site no longer uses are dropped once they weigh
// more than those it uses (see Pack.Compact), so the cache stays bounded.
package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/peeplcoach/folio/internal/key"
)

// Store is a cache folder holding packs.
type Store struct {
	dir     string
	version key.Sum // of the code that makes the entries

	mu    sync.Mutex
	packs map[string]*Pack
	files []*Files
}

// Open returns the cache in dir, creating the folder, and removes what runs
// killed before their end left there (temporary files of compactions, and
// the .tmp-* files of folio's older one-file-per-entry cache). version
// identifies the code that makes entries: entries made by other code are
// never seen.
func Open(dir, version string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.Contains(d.Name(), ".tmp-") || strings.Contains(d.Name(), ".compact-")) {
			os.Remove(p)
		}
		return nil
	})
	return &Store{dir: dir, version: key.Of("folio cache", version), packs: map[string]*Pack{}}, nil
}

// Dir returns the cache folder.
func (s *Store) Dir() string { return s.dir }

// Pack returns the pack of one kind of entry ("pages", "artifacts"),
// opening it on first use. Its entries are kept under the store's version,
// so another version of the code never sees them: for entries whose keys
// carry the version of the code that makes them (PDFs, cards), use
// Unversioned, so that they outlive an upgrade of the rest of folio.
func (s *Store) Pack(kind string) (*Pack, error) {
	return s.pack(kind, s.version)
}

// Unversioned returns the pack of one kind of entry whose keys say which
// code made them.
func (s *Store) Unversioned(kind string) (*Pack, error) {
	return s.pack(kind, key.Of("folio cache"))
}

func (s *Store) pack(kind string, version key.Sum) (*Pack, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.packs[kind]; ok {
		return p, nil
	}
	p, err := openPack(filepath.Join(s.dir, kind), version)
	if err != nil {
		return nil, err
	}
	s.packs[kind] = p
	return p, nil
}

// Close writes every pack's index and releases the packs.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, p := range s.packs {
		errs = append(errs, p.Close())
	}
	for _, f := range s.files {
		errs = append(errs, f.close())
	}
	s.packs, s.files = map[string]*Pack{}, nil
	return errors.Join(errs...)
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Checksum is the CRC-32C of data, as entries are verified by.
func Checksum(data []byte) uint32 { return crc32.Checksum(data, crcTable) }

// entry locates an entry in its pack.
type entry struct {
	off  int64 // of the data, past the header
	size int64
	crc  uint32
}

// Record layout: magic, key, size, CRC-32C of the data, then the data.
const (
	recordMagic  = "fpk1"
	headerLength = 4 + 16 + 8 + 4
	indexMagic   = "fpi1"
)

// Pack is an append-only file of entries. It is safe for concurrent use.
type Pack struct {
	path     string
	version  key.Sum
	f        *os.File
	readOnly bool // another process holds the pack: entries made go to memory

	mu      sync.Mutex
	index   map[key.Sum]entry
	end     int64              // where the next entry goes
	indexed int64              // the pack length the index file describes
	mem     map[key.Sum][]byte // entries made while read-only
	base    int64              // the pack's length when opened or last compacted
	closed  bool
}

func openPack(path string, version key.Sum) (*Pack, error) {
	f, err := os.OpenFile(path+".pack", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	p := &Pack{path: path, version: version, f: f, index: map[key.Sum]entry{}, mem: map[key.Sum][]byte{}}
	if !lock(f) {
		p.readOnly = true
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open cache: %w", err)
	}
	size := info.Size()
	p.readIndex(size)
	p.scan(size)
	p.base = p.end
	return p, nil
}

// readIndex loads the index file, when it describes a prefix of the pack.
func (p *Pack) readIndex(size int64) {
	data, err := os.ReadFile(p.path + ".idx")
	if err != nil || len(data) < 12 || string(data[:4]) != indexMagic {
		return
	}
	covered := int64(binary.LittleEndian.Uint64(data[4:12]))
	if covered > size {
		return // the pack was cut short since: scan it whole
	}
	rest := data[12:]
	const n = 16 + 8 + 8 + 4
	if len(rest)%n != 0 {
		return
	}
	for ; len(rest) > 0; rest = rest[n:] {
		var k key.Sum
		copy(k[:], rest[:16])
		p.index[k] = entry{
			off:  int64(binary.LittleEndian.Uint64(rest[16:24])),
			size: int64(binary.LittleEndian.Uint64(rest[24:32])),
			crc:  binary.LittleEndian.Uint32(rest[32:36]),
		}
	}
	p.indexed, p.end = covered, covered
}

// scan reads the headers of the entries past the index (appended by a run
// that did not write the index), and cuts off a torn last entry.
func (p *Pack) scan(size int64) {
	var h [headerLength]byte
	for p.end+headerLength <= size {
		if _, err := p.f.ReadAt(h[:], p.end); err != nil || string(h[:4]) != recordMagic {
			break
		}
		n := int64(binary.LittleEndian.Uint64(h[20:28]))
		if n < 0 || p.end+headerLength+n > size {
			break
		}
		var k key.Sum
		copy(k[:], h[4:20])
		p.index[k] = entry{off: p.end + headerLength, size: n, crc: binary.LittleEndian.Uint32(h[28:32])}
		p.end += headerLength + n
	}
	if p.end < size && !p.readOnly {
		_ = p.f.Truncate(p.end)
	}
}

// key is the pack's key for an entry: entries made by other code (another
// version) are under other keys.
func (p *Pack) key(k key.Sum) key.Sum {
	h := key.New()
	h.Key(p.version)
	h.Key(k)
	return h.Sum()
}

// Size returns the size of the entry for k, without reading it.
func (p *Pack) Size(k key.Sum) (int64, bool) {
	k = p.key(k)
	p.mu.Lock()
	defer p.mu.Unlock()
	if data, ok := p.mem[k]; ok {
		return int64(len(data)), true
	}
	e, ok := p.index[k]
	return e.size, ok
}

// Get returns the bytes of the entry for k, verified: a damaged entry is
// forgotten and reported missing, to be made again.
func (p *Pack) Get(k key.Sum) ([]byte, bool) {
	return p.get(k, nil, false)
}

// GetInto is Get reading into buf's storage when it is large enough (a new
// slice otherwise): a build that copies 20,000 cached pages into the output
// reuses a few buffers instead of allocating every page anew. Unlike Get's,
// the bytes returned are the caller's, to reuse.
func (p *Pack) GetInto(k key.Sum, buf []byte) ([]byte, bool) {
	return p.get(k, buf, true)
}

// get is Get and GetInto; own says the caller owns the bytes returned,
// copied when they are an entry held in memory.
func (p *Pack) get(k key.Sum, buf []byte, own bool) ([]byte, bool) {
	k = p.key(k)
	p.mu.Lock()
	if data, ok := p.mem[k]; ok {
		p.mu.Unlock()
		if own {
			return append(buf[:0], data...), true
		}
		return data, true
	}
	e, ok := p.index[k]
	p.mu.Unlock()
	if !ok {
		return nil, false
	}
	var data []byte
	if int64(cap(buf)) >= e.size {
		data = buf[:e.size]
	} else {
		data = make([]byte, e.size)
	}
	if _, err := p.f.ReadAt(data, e.off); err != nil || Checksum(data) != e.crc {
		p.mu.Lock()
		if cur, ok := p.index[k]; ok && cur == e {
			delete(p.index, k)
		}
		p.mu.Unlock()
		return nil, false
	}
	return data, true
}

// Put stores data as the entry for k.
func (p *Pack) Put(k key.Sum, data []byte) error {
	k = p.key(k)
	p.mu.Lock()
	if p.readOnly || p.closed {
		p.mem[k] = append([]byte(nil), data...)
		p.mu.Unlock()
		return nil
	}
	off := p.end
	p.end += headerLength + int64(len(data))
	p.mu.Unlock()
	rec := make([]byte, headerLength+len(data))
	copy(rec, recordMagic)
	copy(rec[4:20], k[:])
	binary.LittleEndian.PutUint64(rec[20:28], uint64(len(data)))
	crc := Checksum(data)
	binary.LittleEndian.PutUint32(rec[28:32], crc)
	copy(rec[headerLength:], data)
	if _, err := p.f.WriteAt(rec, off); err != nil {
		return fmt.Errorf("write cache %s: %w", filepath.Base(p.path), err)
	}
	p.mu.Lock()
	p.index[k] = entry{off: off + headerLength, size: int64(len(data)), crc: crc}
	p.mu.Unlock()
	return nil
}

// Close writes the index and closes the pack. Entries made afterwards stay
// in memory.
func (p *Pack) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	var err error
	if !p.readOnly {
		err = p.writeIndexLocked()
	}
	return errors.Join(err, p.f.Close())
}

// writeIndexLocked writes the index file by a temporary file and a rename.
func (p *Pack) writeIndexLocked() error {
	if p.end == p.indexed {
		return nil
	}
	buf := make([]byte, 12, 12+len(p.index)*36)
	copy(buf, indexMagic)
	binary.LittleEndian.PutUint64(buf[4:12], uint64(p.end))
	for k, e := range p.index {
		buf = append(buf, k[:]...)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(e.off))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(e.size))
		buf = binary.LittleEndian.AppendUint32(buf, e.crc)
	}
	tmp := p.path + ".idx.tmp-" + fmt.Sprint(os.Getpid())
	if err := os.WriteFile(tmp, buf, 0o644); err != nil {
		return fmt.Errorf("write cache index: %w", err)
	}
	if err := os.Rename(tmp, p.path+".idx"); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write cache index: %w", err)
	}
	p.indexed = p.end
	return nil
}

// Grown reports whether the pack has grown past twice its size after it was
// opened or last compacted: then Compact may be worth its while.
func (p *Pack) Grown() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.end > max(2*p.base, 1<<20)
}

// Compact drops every entry but those of live, when the others weigh more:
// it writes the live entries to a new pack and swaps it in. A long serve
// session calls it as the pack grows, so that the cache holds what the site
// uses now, not every version of every page since it started.
func (p *Pack) Compact(live []key.Sum) error {
	if p == nil {
		return nil
	}
	keep := make(map[key.Sum]bool, len(live))
	for _, k := range live {
		keep[p.key(k)] = true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readOnly || p.closed {
		return nil
	}
	var size int64
	for k, e := range p.index {
		if keep[k] {
			size += headerLength + e.size
		}
	}
	if p.end-size <= size {
		p.base = p.end
		return nil
	}
	tmp := p.path + ".compact-" + fmt.Sprint(os.Getpid())
	nf, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("compact cache: %w", err)
	}
	index := make(map[key.Sum]entry, len(keep))
	var off int64
	for k, e := range p.index {
		if !keep[k] {
			continue
		}
		rec := make([]byte, headerLength+e.size)
		if _, err := p.f.ReadAt(rec, e.off-headerLength); err != nil {
			continue
		}
		if _, err := nf.WriteAt(rec, off); err != nil {
			nf.Close()
			os.Remove(tmp)
			return fmt.Errorf("compact cache: %w", err)
		}
		index[k] = entry{off: off + headerLength, size: e.size, crc: e.crc}
		off += int64(len(rec))
	}
	if err := os.Rename(tmp, p.path+".pack"); err != nil {
		nf.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact cache: %w", err)
	}
	lock(nf)
	p.f.Close()
	p.f, p.index, p.end, p.indexed, p.base = nf, index, off, -1, off
	return p.writeIndexLocked()
}

// Stats says how large a pack is: its entries, the bytes they take, and the
// bytes of the file.
func (p *Pack) Stats() (entries int, live, file int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.index {
		live += e.size
	}
	return len(p.index), live, p.end
}
