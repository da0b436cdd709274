package wiki

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// commonPasswordsGz is the lowercased "passwords-common" list of the npm
// package @zxcvbn-ts/language-common 4.1.3 (src/passwords.json, MIT
// licence, copyright 2012-2016 Dan Wheeler and Dropbox, Inc., 2021
// @zxcvbn-ts): 49,233 passwords ranked by how often they appear in public
// breaches. It is gzipped to keep the binary and the repository small.
//
//go:embed common_passwords.txt.gz
var commonPasswordsGz []byte

// commonPasswords is the list, sorted, decompressed on first use.
var commonPasswords = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
	if err != nil {
		panic("embedded password list: " + err.Error()) // the file is part of the build
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("embedded password list: " + err.Error())
	}
	list := strings.Split(strings.TrimSpace(string(b)), "\n")
	slices.Sort(list)
	return list
})

func isCommonPassword(s string) bool {
	_, found := slices.BinarySearch(commonPasswords(), s)
	return found
}

// CheckPasswordStrength applies the rules of NIST SP 800-63B to a new
// password for the account name: at least 10 characters, at most 1024
// bytes, not a common (breached) password, even with digits or symbols
// around it, not repetitive or sequential, and not containing the user
// name. The message names the rule that refused it.
func CheckPasswordStrength(name, password string) error {
	lower := strings.ToLower(password)
	switch {
	case utf8.RuneCountInString(password) < 10:
		return Errorf(Invalid, "the password needs at least 10 characters")
	case len(password) > 1024:
		return Errorf(Invalid, "the password is longer than 1024 bytes")
	case isCommonPassword(lower) || isCommonPassword(trimNonLetters(lower)):
		return Errorf(Invalid, "this password is on a list of common passwords that attackers try first: choose another (a few unrelated words work well)")
	case isRepetitive(lower):
		return Errorf(Invalid, "the password repeats a few characters (like aaaa or abab): choose one that is harder to guess")
	case isSequential(lower):
		return Errorf(Invalid, "the password is a sequence (like abcd, 1234 or qwerty): choose one that is harder to guess")
	case containsName(lower, name):
		return Errorf(Invalid, "the password contains the user name: choose one that does not")
	}
	return nil
}

// trimNonLetters drops the digits, symbols and spaces around s, so
// "password12" and "!!monkey2024" count as the common passwords they
// decorate.
func trimNonLetters(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// isRepetitive reports whether s has fewer than 4 distinct characters or is
// one shorter string repeated ("abcabcabca").
func isRepetitive(s string) bool {
	rs := []rune(s)
	distinct := map[rune]bool{}
	for _, r := range rs {
		distinct[r] = true
	}
	if len(distinct) < 4 {
		return true
	}
	for p := 1; p <= len(rs)/2; p++ {
		if slices.Equal(rs[p:], rs[:len(rs)-p]) {
			return true
		}
	}
	return false
}

// sequences are runs that people type as passwords: the alphabet, digits
// and keyboard rows (QWERTY, QWERTZ, AZERTY). Each counts both ways.
var sequences = []string{
	"abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl;'",
	"zxcvbnm,./", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "!@#$%^&*()",
}

// isSequential reports whether s splits into at most two runs, each of
// characters that repeat or follow each other in one of the sequences
// ("1234567890", "qwertyuiop", "abcde12345").
func isSequential(s string) bool {
	runs := 1
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if !isStep(rs[i-1], rs[i]) {
			runs++
		}
	}
	return runs <= 2
}

func isStep(a, b rune) bool {
	if a == b {
		return true
	}
	pair, rev := string([]rune{a, b}), string([]rune{b, a})
	for _, seq := range sequences {
		if strings.Contains(seq, pair) || strings.Contains(seq, rev) {
			return true
		}
	}
	return false
}

// containsName reports whether the lowercased password contains the user
// name, or a part of it of four or more characters ("jane" of
// "jane.doe@example").
func containsName(lower, name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	if len(name) >= 3 && strings.Contains(lower, name) {
		return true
	}
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune(".-_@", r) }) {
		if utf8.RuneCountInString(part) >= 4 && strings.Contains(lower, part) {
			return true
		}
	}
	return false
}
