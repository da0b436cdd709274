package main

import (
	"io"
	"testing"
)

func TestBaseURL(t *testing.T) {
	for _, tc := range []struct{ base, addr, tls, want string }{
		{"", "127.0.0.1:8080", "", "http://127.0.0.1:8080"},
		{"", ":8080", "", "http://localhost:8080"},
		{"", "[::]:8443", "cert.pem", "https://localhost:8443"},
		{"", "0.0.0.0:80", "", "http://localhost:80"},
		{"https://wiki.example.com/", ":8080", "", "https://wiki.example.com"},
	} {
		m := &Main{Config: Config{BaseURL: tc.base, Addr: tc.addr, TLSCert: tc.tls}}
		if got := m.BaseURL(); got != tc.want {
			t.Errorf("BaseURL(--base-url %q, --addr %q) = %q, want %q", tc.base, tc.addr, got, tc.want)
		}
	}
}

func TestFollowFlags(t *testing.T) {
	t.Setenv("HANDOVER_SMTP_PASSWORD", "s3cret")
	t.Setenv("HANDOVER_MAX_UPLOAD", "5MiB")
	var cfg Config
	if err := parseFlags(serveFlags(&cfg, io.Discard), []string{"--smtp-addr", "mail.example.com:587", "--smtp-from", "wiki@example.com"}); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxUpload != 5<<20 || cfg.SMTPPassword != "s3cret" || cfg.SMTPAddr != "mail.example.com:587" {
		t.Errorf("config = max %d, password %q, addr %q", cfg.MaxUpload, cfg.SMTPPassword, cfg.SMTPAddr)
	}
	var bad Config
	if err := parseFlags(serveFlags(&bad, io.Discard), []string{"--max-upload", "lots"}); err == nil {
		t.Error("--max-upload lots was accepted")
	}
}
