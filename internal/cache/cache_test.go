package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/peeplcoach/folio/internal/key"
)

func open(t *testing.T, dir string) (*Store, *Pack) {
	t.Helper()
	s, err := Open(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Pack("artifacts")
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

func TestPutGetAcrossRuns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	s, p := open(t, dir)
	k := key.Of("checklist", "a4")
	if _, ok := p.Get(k); ok {
		t.Fatal("an empty cache has the entry")
	}
	if err := p.Put(k, []byte("%PDF-1.7")); err != nil {
		t.Fatal(err)
	}
	if got, ok := p.Get(k); !ok || string(got) != "%PDF-1.7" {
		t.Fatalf("Get = %q, %v", got, ok)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Read back through the index file; then with the index gone, by
	// scanning the pack.
	for _, drop := range []bool{false, true} {
		if drop {
			os.Remove(filepath.Join(dir, "artifacts.idx"))
		}
		s, p = open(t, dir)
		if size, ok := p.Size(k); !ok || size != 8 {
			t.Errorf("Size = %d, %v", size, ok)
		}
		if got, ok := p.Get(k); !ok || string(got) != "%PDF-1.7" {
			t.Errorf("after reopening, Get = %q, %v", got, ok)
		}
		s.Close()
	}
	// Other code (another version) sees none of it.
	s2, err := Open(dir, "v2")
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := s2.Pack("artifacts")
	if _, ok := p2.Get(k); ok {
		t.Error("another version's entry was used")
	}
	s2.Close()
}

// A damaged entry (a byte changed on disk, or cut short) is a miss, and
// putting it again makes it whole.
func TestDamagedEntriesAreMisses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	s, p := open(t, dir)
	k := key.Of("card")
	data := bytes.Repeat([]byte("png"), 1000)
	p.Put(k, data)
	s.Close()
	pack := filepath.Join(dir, "artifacts.pack")
	raw, _ := os.ReadFile(pack)
	raw[len(raw)-10] ^= 0xff
	os.WriteFile(pack, raw, 0o644)
	s, p = open(t, dir)
	if _, ok := p.Get(k); ok {
		t.Fatal("a damaged entry was used")
	}
	p.Put(k, data)
	if got, ok := p.Get(k); !ok || !bytes.Equal(got, data) {
		t.Error("the entry made again is not used")
	}
	s.Close()

	// A pack cut short in its last entry (a run killed while writing).
	raw, _ = os.ReadFile(pack)
	os.WriteFile(pack, raw[:len(raw)-5], 0o644)
	os.Remove(filepath.Join(dir, "artifacts.idx"))
	s, p = open(t, dir)
	if _, ok := p.Get(k); ok {
		t.Error("a torn entry was used")
	}
	p.Put(k, data)
	s.Close()
	s, p = open(t, dir)
	if got, ok := p.Get(k); !ok || !bytes.Equal(got, data) {
		t.Error("after a torn entry, a new one is not found")
	}
	s.Close()
}

func TestConcurrentPuts(t *testing.T) {
	s, p := open(t, t.TempDir())
	defer s.Close()
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.Put(key.Of(i), []byte(fmt.Sprint("entry ", i)))
		}()
	}
	wg.Wait()
	for i := range 50 {
		if got, ok := p.Get(key.Of(i)); !ok || string(got) != fmt.Sprint("entry ", i) {
			t.Errorf("entry %d = %q, %v", i, got, ok)
		}
	}
}

// Compact keeps the entries a run used and drops the rest, so a cache that
// serves a long writing session stays bounded.
func TestCompactDropsUnused(t *testing.T) {
	dir := t.TempDir()
	s, p := open(t, dir)
	big := bytes.Repeat([]byte("x"), 1<<20)
	for i := range 4 {
		p.Put(key.Of("old", i), big)
	}
	s.Close()
	s, p = open(t, dir)
	p.Put(key.Of("new"), big)
	if p.Grown() {
		t.Error("a pack of 5 MB opened at 4 MB has grown past twice its size")
	}
	if err := p.Compact([]key.Sum{key.Of("new")}); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Get(key.Of("old", 0)); ok {
		t.Error("an unused entry survived compaction")
	}
	if got, ok := p.Get(key.Of("new")); !ok || len(got) != len(big) {
		t.Error("a used entry was lost")
	}
	s.Close()
	info, _ := os.Stat(filepath.Join(dir, "artifacts.pack"))
	if info.Size() > 2<<20 {
		t.Errorf("the pack is %d bytes after compaction", info.Size())
	}
	s, p = open(t, dir)
	if _, ok := p.Get(key.Of("new")); !ok {
		t.Error("after reopening, the kept entry is gone")
	}
	s.Close()
}

// A second process on the same cache reads it and keeps what it makes in
// memory; leftovers of killed runs are removed on opening.
func TestSecondUserAndLeftovers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "artifacts.compact-123"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, "ab"), 0o755)
	os.WriteFile(filepath.Join(dir, "ab", ".tmp-456"), []byte("x"), 0o644)
	s, p := open(t, dir)
	defer s.Close()
	for _, f := range []string{"artifacts.compact-123", "ab/.tmp-456"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was left", f)
		}
	}
	p.Put(key.Of("a"), []byte("first"))
	s2, p2 := open(t, dir)
	defer s2.Close()
	if got, ok := p2.Get(key.Of("a")); !ok || string(got) != "first" {
		t.Errorf("the second user reads %q, %v", got, ok)
	}
	p2.Put(key.Of("b"), []byte("second"))
	if got, ok := p2.Get(key.Of("b")); !ok || string(got) != "second" {
		t.Errorf("the second user's own entry: %q, %v", got, ok)
	}
	if _, ok := p.Get(key.Of("b")); ok {
		t.Error("the second user wrote into the pack the first holds")
	}
}

// A file entry is read-only, verified by its checksum once its inode changed,
// and removed when damaged; its verification is remembered across runs.
func TestFilesVerified(t *testing.T) {
	dir := t.TempDir()
	s, _ := open(t, dir)
	f, err := s.Files("artifacts")
	if err != nil {
		t.Fatal(err)
	}
	k := key.Of("card")
	p, err := f.Put(k, ".png", []byte("png bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(p); info.Mode().Perm()&0o222 != 0 {
		t.Errorf("entry mode %v, want read-only", info.Mode())
	}
	if size, ok := f.Size(k, ".png"); !ok || size != 9 {
		t.Fatalf("Size = %d, %v", size, ok)
	}
	s.Close()
	s, _ = open(t, dir)
	f, _ = s.Files("artifacts")
	if got, ok := f.Get(k, ".png"); !ok || string(got) != "png bytes" {
		t.Fatalf("after reopening: %q, %v", got, ok)
	}
	// Written to through a hard link (as root may): found damaged.
	os.Chmod(p, 0o644)
	os.WriteFile(p, []byte("png bytez"), 0o644)
	if _, ok := f.Size(k, ".png"); ok {
		t.Error("an entry written to was used")
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("a damaged entry was left")
	}
	s.Close()
}

// GetInto reads into the caller's buffer when it is large enough, and gives
// the caller bytes of its own even for an entry held in memory.
func TestGetInto(t *testing.T) {
	dir := t.TempDir()
	s, p := open(t, dir)
	defer s.Close()
	p.Put(key.Of("a"), []byte("first"))
	buf := make([]byte, 0, 64)
	got, ok := p.GetInto(key.Of("a"), buf)
	if !ok || string(got) != "first" {
		t.Fatalf("GetInto = %q, %v", got, ok)
	}
	if &got[0] != &buf[:1][0] {
		t.Error("GetInto did not read into the buffer given")
	}
	if got, ok := p.GetInto(key.Of("a"), make([]byte, 0, 2)); !ok || string(got) != "first" {
		t.Errorf("GetInto with a small buffer = %q, %v", got, ok)
	}
	if _, ok := p.GetInto(key.Of("none"), buf); ok {
		t.Error("GetInto found a missing entry")
	}

	// A second user keeps its entries in memory: what GetInto returns is
	// a copy, so writing to it leaves the entry whole.
	s2, p2 := open(t, dir)
	defer s2.Close()
	p2.Put(key.Of("b"), []byte("second"))
	got, ok = p2.GetInto(key.Of("b"), nil)
	if !ok || string(got) != "second" {
		t.Fatalf("GetInto of a memory entry = %q, %v", got, ok)
	}
	copy(got, "XXXXXX")
	if again, _ := p2.Get(key.Of("b")); string(again) != "second" {
		t.Errorf("writing to GetInto's bytes changed the entry: %q", again)
	}
}
