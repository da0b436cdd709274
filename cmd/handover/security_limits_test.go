package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/handover/handover/wiki"
)

// TestOversizedBodies sends bodies over each limit, with and without a
// Content-Length: each is refused with 413 and a message naming the
// limit, nothing is stored, and the server keeps serving.
func TestOversizedBodies(t *testing.T) {
	app := newTestApp(t, func(c *Config) { c.MaxUpload = 64 << 10 })
	alex := app.AddUser("alex", wiki.RoleMember)
	app.SavePage("a", "# A\n")
	_, token, err := app.Main.Store.CreateToken(alex.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	c := app.Login("alex")
	big := strings.Repeat("x", 3<<20)
	form := "base_revision=1&markdown=" + big
	upload := func(size int) (string, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("file", "big.txt")
		fw.Write(bytes.Repeat([]byte("y"), size))
		mw.Close()
		return mw.FormDataContentType(), b.String()
	}
	upType, upBody := upload(100 << 10)
	tests := []struct {
		name, method, path, ctype, body string
		chunked                         bool
		header                          map[string]string
		msg                             string
	}{
		{"page form", "POST", "/edit/a", "application/x-www-form-urlencoded", form, false, nil, "larger than the limit of 2"},
		{"page form, chunked", "POST", "/edit/a", "application/x-www-form-urlencoded", form, true, nil, "larger than the limit of 2"},
		{"API page", "PUT", "/api/pages/a", "application/json", `{"markdown":"` + big + `"}`, false,
			map[string]string{"Authorization": "Bearer " + token}, "too large"},
		{"upload", "POST", "/attachments/a", upType, upBody, false, nil, "upload limit of 64"},
		{"upload, chunked", "POST", "/attachments/a", upType, upBody, true, nil, "upload limit of 64"},
		{"API upload", "POST", "/api/attachments/a", upType, upBody, false, nil, "upload limit of 64"},
		{"sign-in form", "POST", "/login", "application/x-www-form-urlencoded", "name=alex&password=" + big, true, nil, "larger than the limit"},
		{"over the server's cap", "POST", "/edit/a", "application/x-www-form-urlencoded", strings.Repeat("z", 17<<20), false, nil, "too large"},
	}
	for _, tc := range tests {
		var body io.Reader = strings.NewReader(tc.body)
		if tc.chunked {
			body = io.MultiReader(body) // hides the length: sent chunked
		}
		req, _ := http.NewRequest(tc.method, app.Server.URL+tc.path, body)
		req.Header.Set("Content-Type", tc.ctype)
		for k, v := range tc.header {
			req.Header.Set(k, v)
		}
		r := c.Do(req)
		if r.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(r.Body, tc.msg) {
			t.Errorf("%s: %d %.200q, want 413 saying %q", tc.name, r.StatusCode, r.Body, tc.msg)
		}
		if r := app.Anonymous().Get("/healthz"); r.StatusCode != http.StatusOK {
			t.Fatalf("after %s: /healthz = %d", tc.name, r.StatusCode)
		}
	}
	p := app.Page("a")
	files, _ := app.Main.Store.Attachments(p.ID)
	if p.Revision != 1 || len(files) != 0 {
		t.Errorf("after the refused bodies: revision %d, %d files; want 1 and none", p.Revision, len(files))
	}
	if r := c.Upload("/attachments/a", "small.txt", []byte("fits"), ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a file within the limit = %d, want 303", r.StatusCode)
	}
}

// TestOversizedHeaders: a request whose headers exceed the server's limit
// gets 431, and the server keeps serving.
func TestOversizedHeaders(t *testing.T) {
	srv := newRealServer(t, nil)
	conn, err := net.Dial("tcp", srv)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 2<<20))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil || resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("2 MiB of headers: %v, %v; want 431", resp, err)
	}
	if r, err := http.Get("http://" + srv + "/healthz"); err != nil || r.StatusCode != http.StatusOK {
		t.Errorf("/healthz after the big headers: %v, %v", r, err)
	}
}

// newRealServer serves the test app with the server Run uses
// (newHTTPServer), its settings changed by adjust, on a loopback port,
// and returns the address.
func newRealServer(t *testing.T, adjust func(*http.Server)) string {
	t.Helper()
	app := newTestApp(t)
	srv := app.Main.newHTTPServer()
	if adjust != nil {
		adjust(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// TestServerTimeouts checks the production settings, then, with them
// shortened, that a client sending its headers (or its body) a byte at a
// time more slowly than allowed is cut off while others are served.
func TestServerTimeouts(t *testing.T) {
	app := newTestApp(t)
	s := app.Main.newHTTPServer()
	if s.ReadHeaderTimeout <= 0 || s.ReadHeaderTimeout > 10*time.Second || s.ReadTimeout <= 0 ||
		s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes > 1<<20 {
		t.Errorf("server settings: header %v, read %v, write %v, idle %v, max header %d; want all set, header ≤ 10s",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
	const limit = 300 * time.Millisecond
	addr := newRealServer(t, func(s *http.Server) { s.ReadHeaderTimeout, s.ReadTimeout = limit, 3*limit })
	request := "GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\nAccept: */*\r\nX-Padding: " + strings.Repeat("p", 40) + "\r\n\r\n"
	post := "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60\r\n\r\n" +
		"name=alex&password=" + strings.Repeat("q", 41)
	for name, tc := range map[string]struct {
		data  string
		after int // bytes sent at full speed first
	}{"headers": {request, 0}, "body": {post, strings.Index(post, "\r\n\r\n") + 4}} {
		took, sent := trickle(t, addr, tc.data, tc.after, 50*time.Millisecond)
		if sent >= len(tc.data) || took > 10*limit {
			t.Errorf("slow %s: sent %d of %d bytes over %v before the server hung up; want it cut off after about %v",
				name, sent, len(tc.data), took, limit)
		}
		if r, err := http.Get("http://" + addr + "/healthz"); err != nil || r.StatusCode != http.StatusOK {
			t.Errorf("/healthz after a slow %s: %v, %v", name, r, err)
		}
	}
}

// trickle sends data to addr, the first after bytes at once and the rest
// a byte every gap, until the server closes the connection. It returns
// how long that took and how many bytes went out.
func trickle(t *testing.T, addr, data string, after int, gap time.Duration) (time.Duration, int) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := make(chan struct{})
	go func() { io.Copy(io.Discard, conn); close(closed) }()
	start := time.Now()
	if _, err := io.WriteString(conn, data[:after]); err != nil {
		t.Fatal(err)
	}
	for i := after; i < len(data); i++ {
		select {
		case <-closed:
			return time.Since(start), i
		case <-time.After(gap):
		}
		if _, err := conn.Write([]byte{data[i]}); err != nil {
			return time.Since(start), i
		}
	}
	<-closed
	return time.Since(start), len(data)
}

// TestMissingTLSKeyPairFailsBeforeAnnouncing: a wrong --tls-cert path is
// reported, naming the flags, before the server says it listens or prints
// a setup link that would not work.
func TestMissingTLSKeyPairFailsBeforeAnnouncing(t *testing.T) {
	var out strings.Builder
	m := &Main{Config: Config{Data: t.TempDir(), Addr: "127.0.0.1:0", ProxyHeader: "X-Forwarded-User",
		TLSCert: "/nonexistent/cert.pem", TLSKey: "/nonexistent/key.pem"},
		Out: &out, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	err := m.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "--tls-cert /nonexistent/cert.pem") {
		t.Errorf("Run with a missing certificate = %v, want an error naming --tls-cert", err)
	}
	if strings.Contains(out.String(), "setup?token=") {
		t.Errorf("a setup link was printed before the certificate failed:\n%s", out.String())
	}
	if err := m.Close(); err != nil {
		t.Error(err)
	}
}
