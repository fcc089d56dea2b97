// Package cache keeps files that are slow to make (checklist PDFs, share cards)
// on disk between builds, keyed by a hash of everything that goes into them,
// so an unchanged file is never made again. Entries are immutable: a key names
// one content forever, so nothing is ever invalidated, only added.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is a cache folder. It is safe for concurrent use: entries are written to
// a temporary file and renamed into place, so a reader never sees half a file.
type Dir struct {
	root string
}

// Open returns the cache in root, creating the folder.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	return &Dir{root: root}, nil
}

// Key hashes the parts that make a cached file, into a key.
func Key(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		for i, l := 0, len(p); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:]) // the length keeps ("ab","c") apart from ("a","bc")
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Path returns where the entry for key lives, with the extension ext (".pdf").
func (d *Dir) Path(key, ext string) string {
	return filepath.Join(d.root, key[:2], key+ext)
}

// Stat returns the size of the entry, and whether it exists.
func (d *Dir) Stat(key, ext string) (int64, bool) {
	info, err := os.Stat(d.Path(key, ext))
	if err != nil {
		return 0, false
	}
	return info.Size(), true
}

// Put stores data as the entry for key and returns its path.
func (d *Dir) Put(key, ext string, data []byte) (string, error) {
	p := d.Path(key, ext)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("cache %s: %w", key, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("cache %s: %w", key, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("cache %s: %w", key, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("cache %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("cache %s: %w", key, err)
	}
	return p, nil
}

// Get returns the bytes of the entry for key.
func (d *Dir) Get(key, ext string) ([]byte, error) {
	data, err := os.ReadFile(d.Path(key, ext))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("read cache %s: %w", key, err)
	}
	return data, nil
}
