package search

import (
	"context"
	"testing"
)

func BenchmarkAdversarial(b *testing.B) {
	x := mustBenchIndex(b)
	defer uncached(x)()
	for name, q := range map[string]string{
		"16-typos":        "qwertyui asdfghjk zxcvbnma poiuytre lkjhgfds mnbvcxza qazwsxed edcrfvtg tgbyhnuj ujmikolp plokijuh uhygtfrd rdeswaqz zaqxswcd cdevfrbg bgtnhymj",
		"16-common-any":   "database failover restart backup replica server incident vendor contact escalation runbook monitoring alert deploy network zzzzqq",
		"16-common-all":   "database failover restart backup replica server incident vendor contact escalation runbook monitoring alert deploy network firewall",
		"long-phrase":     `"database failover restart backup replica server incident vendor"`,
		"common-phrase-2": `"database failover"`,
	} {
		b.Run(name, func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if _, err := x.Search(context.Background(), Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
		})
	}
}
