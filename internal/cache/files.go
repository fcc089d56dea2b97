package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/peeplcoach/folio/internal/key"
)

// Files keeps large entries (checklist PDFs, share cards, image copies) one
// file each, read-only, so that a build publishes them by a hard link, in
// microseconds, rather than copying a gigabyte into every output. Writing to
// a published file then fails (it is read-only) for anyone but root; and an
// entry is verified before use, by its size, and by its CRC-32C whenever its
// modification time changed since it was last verified (any write moves it;
// a hard link, which moves the inode's change time, does not), so an entry
// written to anyway is found damaged, removed, made again and published
// anew. It is safe for concurrent use.
type Files struct {
	dir string

	mu       sync.Mutex
	verified map[key.Sum]stamp // entries verified, with what they were then
	dirty    bool

	dirs sync.Map     // folders known to exist
	tmps atomic.Int64 // names the temporary files of Put
}

// stamp is what an entry was when it was verified.
type stamp struct {
	size  int64
	ctime int64 // the modification time, in nanoseconds
	crc   uint32
}

// Files returns the store of file entries of one kind ("artifacts").
func (s *Store) Files(kind string) (*Files, error) {
	dir := filepath.Join(s.dir, kind)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	f := &Files{dir: dir, verified: map[key.Sum]stamp{}}
	f.readIndex()
	s.mu.Lock()
	s.files = append(s.files, f)
	s.mu.Unlock()
	return f, nil
}

// Path returns where the entry for k lives, with the extension ext.
func (f *Files) Path(k key.Sum, ext string) string {
	h := k.String()
	return filepath.Join(f.dir, h[:2], h+ext)
}

// Size returns the size of the entry, verified; false when there is none or
// it is damaged (then it is removed). An entry this store never verified (made
// before its index, or by a run that did not save it) is taken unless empty,
// and its checksum recorded from then on.
func (f *Files) Size(k key.Sum, ext string) (int64, bool) {
	p := f.Path(k, ext)
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() {
		return 0, false
	}
	ct := changeTime(info)
	f.mu.Lock()
	st, ok := f.verified[k]
	f.mu.Unlock()
	if ok && st.size == info.Size() && st.ctime == ct {
		return st.size, true
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, false
	}
	if ok && (int64(len(data)) != st.size || Checksum(data) != st.crc) || !ok && len(data) == 0 {
		os.Remove(p) // damaged: made again by the caller
		f.forget(k)
		return 0, false
	}
	f.remember(k, stamp{size: int64(len(data)), ctime: ct, crc: Checksum(data)})
	return int64(len(data)), true
}

// Get returns the bytes of the entry, verified.
func (f *Files) Get(k key.Sum, ext string) ([]byte, bool) {
	if _, ok := f.Size(k, ext); !ok {
		return nil, false
	}
	data, err := os.ReadFile(f.Path(k, ext))
	if err != nil {
		return nil, false
	}
	return data, true
}

// Put stores data as the entry for k, read-only, and returns its path. An
// empty build puts 30,000 entries: each costs five system calls (the
// temporary file is created read-only and its time read from the open file).
func (f *Files) Put(k key.Sum, ext string, data []byte) (string, error) {
	p := f.Path(k, ext)
	dir := filepath.Dir(p)
	if _, ok := f.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("cache %s: %w", k, err)
		}
		f.dirs.Store(dir, true)
	}
	name := filepath.Join(dir, fmt.Sprintf(".tmp-%d-%d", os.Getpid(), f.tmps.Add(1)))
	tmp, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if errors.Is(err, fs.ErrNotExist) { // the folder was removed since
		if err = os.MkdirAll(dir, 0o755); err == nil {
			tmp, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
		}
	}
	if err != nil {
		return "", fmt.Errorf("cache %s: %w", k, err)
	}
	_, werr := tmp.Write(data)
	info, serr := tmp.Stat()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("cache %s: %w", k, err)
	}
	// A rename replaces a damaged entry, read-only or not, where the
	// system allows; elsewhere the entry is removed first.
	if err := os.Rename(name, p); err != nil {
		os.Remove(p)
		if err := os.Rename(name, p); err != nil {
			os.Remove(name)
			return "", fmt.Errorf("cache %s: %w", k, err)
		}
	}
	// A rename keeps the modification time the entry is verified by.
	f.remember(k, stamp{size: int64(len(data)), ctime: changeTime(info), crc: Checksum(data)})
	return p, nil
}

func (f *Files) remember(k key.Sum, st stamp) {
	f.mu.Lock()
	f.verified[k] = st
	f.dirty = true
	f.mu.Unlock()
}

func (f *Files) forget(k key.Sum) {
	f.mu.Lock()
	delete(f.verified, k)
	f.dirty = true
	f.mu.Unlock()
}

// Keep removes every entry but those of live, once they are a minority of
// the folder's entries: the cache stays bounded.
func (f *Files) Keep(live map[key.Sum]bool) {
	f.mu.Lock()
	n := len(f.verified)
	f.mu.Unlock()
	if n < 64 || len(live)*2 > n {
		return
	}
	_ = filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := d.Name()
		var k key.Sum
		if len(name) < 32 {
			return nil
		}
		if _, err := fmt.Sscanf(name[:32], "%x", &k); err != nil {
			return nil
		}
		if !live[k] {
			os.Remove(p)
			f.forget(k)
		}
		return nil
	})
}

const filesIndex = "verified.idx"

func (f *Files) readIndex() {
	data, err := os.ReadFile(filepath.Join(f.dir, filesIndex))
	if err != nil {
		return
	}
	const n = 16 + 8 + 8 + 4
	if len(data)%n != 0 {
		return
	}
	for ; len(data) > 0; data = data[n:] {
		var k key.Sum
		copy(k[:], data[:16])
		f.verified[k] = stamp{
			size:  int64(binary.LittleEndian.Uint64(data[16:24])),
			ctime: int64(binary.LittleEndian.Uint64(data[24:32])),
			crc:   binary.LittleEndian.Uint32(data[32:36]),
		}
	}
}

// close writes what was verified, for the next run.
func (f *Files) close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.dirty {
		return nil
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	for k, st := range f.verified {
		w.Write(k[:])
		binary.Write(w, binary.LittleEndian, uint64(st.size))
		binary.Write(w, binary.LittleEndian, uint64(st.ctime))
		binary.Write(w, binary.LittleEndian, st.crc)
	}
	w.Flush()
	tmp := filepath.Join(f.dir, filesIndex+".tmp-"+fmt.Sprint(os.Getpid()))
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write cache index: %w", err)
	}
	return os.Rename(tmp, filepath.Join(f.dir, filesIndex))
}

// changeTime is the file's modification time, which every write moves.
func changeTime(info fs.FileInfo) int64 { return info.ModTime().UnixNano() }
