package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

// Config is the server's configuration, resolved from flags and their
// HANDOVER_* environment fallbacks.
type Config struct {
	Addr          string
	Data          string
	Demo          bool
	PublicRead    bool
	TLSCert       string
	TLSKey        string
	Dev           bool
	SecureCookies bool
	// TrustedProxies lists addresses (IPs or CIDRs) whose ProxyHeader names
	// the signed-in user.
	TrustedProxies string
	ProxyHeader    string
	// MaxUpload is the size limit of one attachment, in bytes.
	MaxUpload int64
	// SMTPAddr (host:port) turns on notification e-mail; the password
	// comes only from HANDOVER_SMTP_PASSWORD, never a flag (ps shows flags).
	SMTPAddr, SMTPFrom, SMTPUser, SMTPPassword string
	// BaseURL is the address users reach the wiki at, for links in e-mails.
	BaseURL string
	// Sessions end after SessionIdle without a request, and SessionLifetime
	// after sign-in.
	SessionIdle, SessionLifetime time.Duration
}

// newFlags returns a flag set for a subcommand that prints its usage to w.
func newFlags(name string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("handover "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	return fs
}

// dataFlag adds --data, shared by every command.
func dataFlag(fs *flag.FlagSet, dir *string) {
	fs.StringVar(dir, "data", "./handover-data", "data directory (database and search index)")
}

// dataFlags are the flags of a command called name that works on a data
// directory: --data, and whatever the command adds to the set.
func dataFlags(name string, env *cmdEnv) (*flag.FlagSet, *string) {
	fs := newFlags(name, env.stderr)
	dir := new(string)
	dataFlag(fs, dir)
	return fs, dir
}

// parseFlags parses args, then fills every flag not given on the command
// line from HANDOVER_<FLAG> (upper case, '-' as '_'). A -h prints the
// usage and returns errHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "Every flag can also be set as HANDOVER_<FLAG>, e.g. HANDOVER_DATA.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usagef("%v", err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		key := "HANDOVER_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(key); ok && !set[f.Name] && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = usagef("%s=%q: %v", key, v, err)
			}
		}
	})
	return envErr
}

// errHelp means the user asked for a command's usage; it is not a failure.
var errHelp = errors.New("help requested")

func serveFlags(cfg *Config, w io.Writer) *flag.FlagSet {
	fs := newFlags("serve", w)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	dataFlag(fs, &cfg.Data)
	fs.BoolVar(&cfg.Demo, "demo", false, "fill an empty data directory with an example handover and demo accounts")
	fs.BoolVar(&cfg.PublicRead, "public-read", false, "let anonymous visitors read and search pages (not quizzes or readiness)")
	fs.StringVar(&cfg.TLSCert, "tls-cert", "", "TLS certificate file (with --tls-key)")
	fs.StringVar(&cfg.TLSKey, "tls-key", "", "TLS key file (with --tls-cert)")
	fs.BoolVar(&cfg.Dev, "dev", false, "development mode: read templates and assets from ./static on each request, text logs")
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", false, "mark cookies Secure (automatic with --tls-cert; set it behind a TLS proxy)")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", "", "comma-separated proxy IPs or CIDRs whose --proxy-header names the user (single sign-on)")
	fs.StringVar(&cfg.ProxyHeader, "proxy-header", "X-Forwarded-User", "header carrying the user name from a trusted proxy")
	cfg.MaxUpload = wiki.DefaultMaxUpload
	fs.Var((*byteSize)(&cfg.MaxUpload), "max-upload", "largest attachment, a `size` such as 10MiB or 512KiB")
	fs.StringVar(&cfg.SMTPAddr, "smtp-addr", "", "SMTP server host:port for notification e-mails (off when empty; password in HANDOVER_SMTP_PASSWORD)")
	fs.StringVar(&cfg.SMTPFrom, "smtp-from", "", "sender address of e-mails, e.g. \"handover <wiki@example.com>\"")
	fs.StringVar(&cfg.SMTPUser, "smtp-user", "", "SMTP user name (PLAIN auth, over TLS only)")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "address users reach the wiki at, for links in e-mails and feeds and the setup link (default: from --addr)")
	fs.DurationVar(&cfg.SessionIdle, "session-idle", wiki.DefaultSessionIdle, "sign a browser out after this long without a request")
	fs.DurationVar(&cfg.SessionLifetime, "session-lifetime", wiki.DefaultSessionLifetime, "sign a browser out this long after it signed in")
	cfg.SMTPPassword = os.Getenv("HANDOVER_SMTP_PASSWORD")
	return fs
}
