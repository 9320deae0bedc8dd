package admin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"districtstats/importer"
)

// The users file holds one "name:bcrypt-hash" per line; '#' starts a
// comment. `districtstats admin adduser` writes it; nothing else should.

var reUserName = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,31}$`)

// MinPassword is the shortest password adduser accepts.
const MinPassword = 10

// hashCost is bcrypt's work factor: about 50-100 ms per check on a server
// core, slow enough to make guessing dear, fast enough for sign-in.
var hashCost = bcrypt.DefaultCost

// LoadUsers reads a users file: name -> bcrypt hash.
func LoadUsers(path string) (map[string][]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	users := map[string][]byte{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, hash, ok := strings.Cut(line, ":")
		if !ok || !reUserName.MatchString(name) {
			return nil, fmt.Errorf("%s:%d: want name:hash (made by districtstats admin adduser)", path, n)
		}
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("%s:%d: %s's hash is not a bcrypt hash", path, n, name)
		}
		users[name] = []byte(hash)
	}
	if len(users) == 0 {
		return nil, fmt.Errorf("%s: no users (add one with districtstats admin adduser)", path)
	}
	return users, nil
}

// AddUser adds name with a bcrypt hash of password to the users file, or
// replaces that user's hash, creating the file (mode 0600) if needed.
func AddUser(path, name, password string) error {
	if !reUserName.MatchString(name) {
		return fmt.Errorf("user name %q: use 1-32 lower-case letters, digits, _ . -", name)
	}
	if len([]rune(password)) < MinPassword {
		return fmt.Errorf("the password must have at least %d characters", MinPassword)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), hashCost)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	var out []string
	for _, line := range strings.Split(strings.TrimRight(string(old), "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, name+":") {
			continue
		}
		out = append(out, line)
	}
	out = append(out, name+":"+string(hash))
	return importer.ReplaceFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o600)
}
