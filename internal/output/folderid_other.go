//go:build !unix

package output

import "errors"

// folderID cannot name a folder apart from its path here: folio builds the
// output anew every time.
func folderID(dir string) (string, error) {
	return "", errors.New("no folder identity on this system")
}
