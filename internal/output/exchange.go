package output

import "errors"

// errNoExchange says the system or file system cannot swap two folders in
// one step; Commit then renames twice.
var errNoExchange = errors.New("exchanging folders is not supported here")
