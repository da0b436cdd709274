package wiki

import (
	"crypto/rand"
	"fmt"
)

var metaSessionKeys = []byte("session_keys")

// SessionKeys returns the keys of the session cookies, made on first use:
// 96 bytes, a 64-byte HMAC key and a 32-byte AES key.
func (s *Store) SessionKeys() ([]byte, error) {
	var keys []byte
	err := s.Update(func(tx *Tx) error {
		keys = tx.Get(bucketMeta, metaSessionKeys)
		if len(keys) == 96 {
			return nil
		}
		keys = make([]byte, 96)
		if _, err := rand.Read(keys); err != nil {
			return err
		}
		return tx.Put(bucketMeta, metaSessionKeys, keys)
	})
	if err != nil {
		return nil, fmt.Errorf("session keys: %w", err)
	}
	return keys, nil
}
