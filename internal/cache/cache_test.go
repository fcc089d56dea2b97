package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestPutGetStat(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	key := Key([]byte("checklist"), []byte("A4"))
	if _, ok := d.Stat(key, ".pdf"); ok {
		t.Fatal("empty cache has the entry")
	}
	if _, err := d.Get(key, ".pdf"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Get on empty cache: %v", err)
	}
	p, err := d.Put(key, ".pdf", []byte("%PDF-1.7"))
	if err != nil {
		t.Fatal(err)
	}
	if size, ok := d.Stat(key, ".pdf"); !ok || size != 8 {
		t.Errorf("Stat = %d, %v", size, ok)
	}
	got, err := d.Get(key, ".pdf")
	if err != nil || string(got) != "%PDF-1.7" {
		t.Errorf("Get = %q, %v", got, err)
	}
	if data, _ := os.ReadFile(p); string(data) != "%PDF-1.7" {
		t.Errorf("Put's path holds %q", data)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestKeySeparatesParts(t *testing.T) {
	if Key([]byte("ab"), []byte("c")) == Key([]byte("a"), []byte("bc")) {
		t.Error("keys of different parts collide")
	}
	if Key([]byte("x")) != Key([]byte("x")) {
		t.Error("key is not stable")
	}
}

func TestConcurrentPut(t *testing.T) {
	d, _ := Open(t.TempDir())
	key := Key([]byte("same"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := d.Put(key, ".png", []byte("card")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got, _ := d.Get(key, ".png"); string(got) != "card" {
		t.Errorf("got %q", got)
	}
}
