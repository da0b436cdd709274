// Package loopback runs and waits for servers on 127.0.0.1, for the bench
// and the load test (and the tests that start the program).
package loopback

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// Serve serves h on a fresh 127.0.0.1 port and returns its URL and the
// server, which the caller closes.
func Serve(h http.Handler) (string, *http.Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), srv, nil
}

// FreeAddr returns a 127.0.0.1 address with a port that was free a moment
// ago.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// WaitHealthy polls base/healthz until it answers 200, the server stops
// (an error arrives on done, which is put back for whoever else waits on
// it) or the timeout passes.
func WaitHealthy(base string, done chan error, timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			done <- err
			return fmt.Errorf("the server stopped before answering: %v", err)
		default:
		}
		if resp, err := client.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the server did not answer /healthz within %v", timeout)
}
