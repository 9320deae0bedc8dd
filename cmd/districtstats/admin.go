package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"districtstats/admin"
)

const defaultAdminState = "var/admin"

func init() {
	commands["admin"] = command{"manage /admin users: admin adduser -users FILE NAME (password on stdin)", runAdmin}
}

func runAdmin(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "adduser" {
		fmt.Fprintln(stderr, "usage: districtstats admin adduser -users FILE NAME   (reads the password from the first line of stdin)")
		return fmt.Errorf("%w: admin needs a subcommand: adduser", errUsage)
	}
	fs := newFlags("admin adduser", stderr)
	users := fs.String("users", "", "users file to create or update (mode 0600)")
	// The name may stand before or after the flag.
	var name string
	rest := args[1:]
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if name == "" && fs.NArg() == 1 {
		name = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *users == "" || name == "" {
		return fmt.Errorf("%w: admin adduser -users FILE NAME", errUsage)
	}
	fmt.Fprintf(stderr, "password for %s (at least %d characters), then Enter: ", name, admin.MinPassword)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("no password on stdin")
	}
	if err := admin.AddUser(*users, name, strings.TrimRight(line, "\r\n")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: user %s added\n", *users, name)
	return nil
}
