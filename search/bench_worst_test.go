package search

import (
	"context"
	"testing"
)

// BenchmarkSearchWorst measures queries that cost the most per request:
// many common words, phrases of common words, many typos. They bound what
// one user can make the server do (see maxTerms).
func BenchmarkSearchWorst(b *testing.B) {
	x := mustBenchIndex(b)
	defer uncached(x)()
	for _, tc := range []struct{ name, q string }{
		{"16-typos", "qwertyui asdfghjk zxcvbnma poiuytre lkjhgfds mnbvcxza qazwsxed edcrfvtg " +
			"tgbyhnuj ujmikolp plokijuh uhygtfrd rdeswaqz zaqxswcd cdevfrbg bgtnhymj"},
		{"16-common-any", "database failover restart backup replica server incident vendor " +
			"contact escalation runbook monitoring alert deploy network zzzzqq"},
		{"16-common-all", "database failover restart backup replica server incident vendor " +
			"contact escalation runbook monitoring alert deploy network firewall"},
		{"long-phrase", `"database failover restart backup replica server incident vendor"`},
		{"common-phrase", `"database failover"`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if _, err := x.Search(context.Background(), Query{Text: tc.q}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
		})
	}
}
