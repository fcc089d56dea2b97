package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
)

// Stage collects files for a folder that is being served or published, and
// moves them into it only on Commit: a rebuild that fails halfway leaves the
// folder as it was. Its methods other than Commit and Discard may be called
// concurrently.
type Stage interface {
	WriteFile(path string, data []byte) error
	LinkFile(path, src string) error
	// Commit moves every staged file into the folder, each by one rename:
	// a reader sees the old file or the new one, never half of one.
	Commit() error
	// Discard throws the staged files away.
	Discard() error
}

// stageInfix is in the names of staging folders, beside the folder they
// stage for: ".public-stage-123". A run that was killed leaves one behind;
// CleanStages removes them.
const stageInfix = "-stage-"

// folderStage stages files in a folder beside the target folder (so that
// the final renames stay within one file system).
type folderStage struct {
	target *Folder
	tmp    *Folder
	mu     sync.Mutex
	paths  []string
}

// Stage starts staging files for f. The staging folder is kept from one
// rebuild to the next (a save writes one or two files: making and removing
// a folder each time would cost as much again); RemoveStage removes it.
func (f *Folder) Stage() (Stage, error) {
	dir := f.stageDir()
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &folderStage{target: f, tmp: OpenFolder(dir)}, nil
}

// stageDir is this process's staging folder for f.
func (f *Folder) stageDir() string {
	return filepath.Join(filepath.Dir(f.dir), "."+filepath.Base(f.dir)+stageInfix+strconv.Itoa(os.Getpid()))
}

// RemoveStage removes the staging folder Stage keeps, when done with f.
func (f *Folder) RemoveStage() error {
	return os.RemoveAll(f.stageDir())
}

func (s *folderStage) record(rel string) {
	s.mu.Lock()
	s.paths = append(s.paths, rel)
	s.mu.Unlock()
}

func (s *folderStage) WriteFile(rel string, data []byte) error {
	if err := s.tmp.WriteFile(rel, data); err != nil {
		return err
	}
	s.record(rel)
	return nil
}

func (s *folderStage) LinkFile(rel, src string) error {
	if err := s.tmp.LinkFile(rel, src); err != nil {
		return err
	}
	s.record(rel)
	return nil
}

func (s *folderStage) Commit() error {
	sort.Strings(s.paths)
	for _, rel := range s.paths {
		from, err := s.tmp.path(rel)
		if err != nil {
			return err
		}
		to, err := s.target.path(rel)
		if err != nil {
			return err
		}
		if err := s.target.mkdirs(filepath.Dir(to)); err != nil {
			return err
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	return nil // the staging folder, now empty of files, serves the next rebuild
}

func (s *folderStage) Discard() error {
	return os.RemoveAll(s.tmp.dir)
}

// CleanStages removes the staging folders that runs killed before their end
// left beside dir.
func CleanStages(dir string) error {
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+stageInfix+"*"))
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range matches {
		errs = append(errs, os.RemoveAll(m))
	}
	return errors.Join(errs...)
}
