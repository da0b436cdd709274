package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"

	"github.com/handover/handover/wiki"
)

// ProxyAuth signs users in from a header set by a trusted reverse proxy
// that did the authentication (single sign-on). The header is believed only
// on connections from the listed proxy addresses; from anywhere else it is
// ignored.
type ProxyAuth struct {
	Header  string
	Trusted []netip.Prefix
}

// NewProxyAuth parses a comma-separated list of IPs and CIDRs. An empty
// list disables proxy authentication (nil, nil).
func NewProxyAuth(header, list string) (*ProxyAuth, error) {
	var trusted []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := parsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an IP address or CIDR", item)
		}
		trusted = append(trusted, p)
	}
	if len(trusted) == 0 {
		return nil, nil
	}
	if strings.TrimSpace(header) == "" {
		return nil, errors.New("trusted proxies need a proxy header name")
	}
	return &ProxyAuth{Header: header, Trusted: trusted}, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		return netip.ParsePrefix(s)
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// trusts reports whether the request comes straight from a trusted proxy.
func (p *ProxyAuth) trusts(r *http.Request) bool { return p.isTrusted(remoteIP(r)) }

// isTrusted reports whether addr is one of the trusted proxies.
func (p *ProxyAuth) isTrusted(addr string) bool {
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, t := range p.Trusted {
		if t.Contains(a) {
			return true
		}
	}
	return false
}

// clientIP is the address of the person behind a request: on a connection
// from a trusted proxy, the last X-Forwarded-For address that is not a
// trusted proxy (the one the proxy itself saw; earlier ones are whatever
// the client claimed), else the connection's. Without it, every login
// through the proxy would share one rate limit.
func (p *ProxyAuth) clientIP(r *http.Request) string {
	if p == nil || !p.trusts(r) {
		return remoteIP(r)
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err == nil && !p.isTrusted(hop) {
			return hop
		}
	}
	return remoteIP(r)
}

// user returns the user named by the proxy header, creating a member
// account on first sight; nil when the header is absent or not trusted.
// The name matches an account as every name does (wiki.UserKey: ASCII
// letter case only), so the provider's "ADMİN" is not the local "admin";
// a new name too like an existing account's is refused, not created.
func (p *ProxyAuth) user(s *wiki.Store, r *http.Request) (*wiki.User, error) {
	name := strings.TrimSpace(r.Header.Get(p.Header))
	if name == "" || !p.trusts(r) {
		return nil, nil
	}
	u, err := s.UserByName(name)
	if errors.Is(err, wiki.ErrNotFound) {
		u, err = s.CreateExternalUser(name)
	}
	if kind := ErrorKind(err); kind == wiki.Invalid || kind == wiki.Conflict {
		return nil, wiki.Errorf(wiki.Forbidden, "your single sign-on name %q cannot be a user name here (%s); ask an administrator", name, ErrorMessage(err))
	} else if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, wiki.Errorf(wiki.Forbidden, "the account %q is disabled; ask an administrator", u.Name)
	}
	return u, nil
}
