package demo

import "crypto/rand"

// wikiRandom returns n random lowercase letters and digits, avoiding ones
// that are easily confused (0/o, 1/l).
func wikiRandom(n int) string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
