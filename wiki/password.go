package wiki

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for new hashes: OWASP's recommended minimum
// (19 MiB, 2 passes, 1 lane), about 30 ms on a small server. Existing
// hashes keep the parameters written in them.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// ErrBusy is returned when too many passwords are being hashed at once.
var ErrBusy = Errorf(TooMany, "The server is busy checking other passwords. Try again in a few seconds.")

// hashing bounds the argon2id computations of the whole process: each
// holds argonMemory, so unbounded concurrent sign-ins or setups would
// exhaust memory, and more than one per core only queues anyway. It is a
// package variable because what it protects, the process's memory and
// cores, is shared by every Store.
var hashing = newHashGate(runtime.GOMAXPROCS(0), 2*time.Second)

// hashGate runs at most cap(slots) hashes at once. Callers wait up to wait
// for a slot, and at most maxQueue wait at a time; the others get ErrBusy.
type hashGate struct {
	slots    chan struct{}
	wait     time.Duration
	maxQueue int64
	queued   atomic.Int64
	count    atomic.Uint64
}

func newHashGate(n int, wait time.Duration) *hashGate {
	n = max(n, 1)
	return &hashGate{slots: make(chan struct{}, n), wait: wait, maxQueue: int64(16 * n)}
}

// do runs fn in a slot, or returns ErrBusy.
func (g *hashGate) do(fn func()) error {
	if g.queued.Add(1) > g.maxQueue {
		g.queued.Add(-1)
		return ErrBusy
	}
	defer g.queued.Add(-1)
	select {
	case g.slots <- struct{}{}:
	default:
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-t.C:
			return ErrBusy
		}
	}
	defer func() { <-g.slots }()
	g.count.Add(1)
	fn()
	return nil
}

// PasswordHashes returns how many argon2id hashes the process has computed,
// for tests that check that a request did or did not hash.
func PasswordHashes() uint64 { return hashing.count.Load() }

// HashPassword returns an argon2id hash in the PHC string format. It fails
// with ErrBusy when too many hashes are running.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	var key []byte
	err := hashing.do(func() {
		key = argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	})
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC-format hash. The
// comparison is constant-time. A malformed hash is no match; the error is
// ErrBusy when too many hashes are running.
func CheckPassword(hash, password string) (bool, error) {
	p, ok := parseHash(hash)
	if !ok {
		return false, nil
	}
	var got []byte
	err := hashing.do(func() {
		got = argon2.IDKey([]byte(password), p.salt, p.iters, p.mem, p.threads, uint32(len(p.key)))
	})
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, p.key) == 1, nil
}

type argonHash struct {
	mem, iters uint32
	threads    uint8
	salt, key  []byte
}

// parseHash reads a PHC argon2id string, refusing parameters that would
// make checking it a denial of service.
func parseHash(hash string) (argonHash, bool) {
	var p argonHash
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.mem, &p.iters, &p.threads); err != nil {
		return p, false
	}
	b64 := base64.RawStdEncoding
	var err1, err2 error
	p.salt, err1 = b64.DecodeString(parts[4])
	p.key, err2 = b64.DecodeString(parts[5])
	ok := err1 == nil && err2 == nil && len(p.key) > 0 && p.mem <= 1<<20 && p.iters <= 20
	return p, ok
}

// randomToken returns n random bytes, URL-safe base64 encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // never happens on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
