package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web/webtest"
)

// corpusFolders are the folders of ../shared/corpus, each imported with its
// name as prefix (as the corpus README says), and their .md file counts.
var corpusFolders = []struct {
	name  string
	files int
}{{"openshift", 274}, {"pagerduty", 37}, {"prometheus-operator", 121}}

// corpusSkipped is the one corpus file that is not a page: a Hugo
// archetype, a Go template whose front matter is not YAML.
const corpusSkipped = "archetypes/default.md"

// Paths of frequently expected pages.
const (
	pd    = "pagerduty/docs/"
	prom  = "prometheus-operator/content/runbooks/"
	osa   = "openshift/alerts/"
	k8s   = prom + "kubernetes/"
	cmo   = osa + "cluster-monitoring-operator/"
	ceph  = osa + "openshift-container-storage-operator/"
	etcdO = osa + "cluster-etcd-operator/"
)

// relevanceCases are on-call questions with the page a person wants
// first. Where the corpus holds the same runbook twice (openshift/ and
// prometheus-operator/ share alert names) or several pages answer equally
// well, each of them counts. Tune search with them, never the other way
// round: a case changes only when its expectation is wrong.
var relevanceCases = []struct {
	query string
	want  []string
}{
	// Alert names, as they arrive in a page.
	{"KubePodCrashLooping", []string{k8s + "kubepodcrashlooping"}},
	{"etcdInsufficientMembers", []string{prom + "etcd/etcdinsufficientmembers", etcdO + "etcdinsufficientmembers"}},
	{"KubeletTooManyPods", []string{k8s + "kubelettoomanypods"}},
	{"CephMonQuorumLost", []string{ceph + "cephmonquorumlost"}},
	{"PrometheusRemoteWriteBehind", []string{prom + "prometheus/prometheusremotewritebehind"}},
	{"Watchdog", []string{prom + "general/watchdog"}},
	// Symptoms in plain words; most need stemming.
	{"pod keeps restarting", []string{k8s + "kubepodcrashlooping"}},
	{"etcd member down", []string{etcdO + "etcdmembersdown", prom + "etcd/etcdmembersdown"}},
	{"etcd has no leader", []string{etcdO + "etcdnoleader", prom + "etcd/etcdnoleader"}},
	{"node not ready", []string{k8s + "kubenodenotready", cmo + "kubenodenotready"}},
	{"disk filling up on a node", []string{prom + "node/nodefilesystemspacefillingup", cmo + "nodefilesystemspacefillingup", prom + "node/nodefilesystemalmostoutofspace", cmo + "nodefilesystemalmostoutofspace"}},
	// The virtualization runbook PersistentVolumeFillingUp is a copy of
	// KubePersistentVolumeFillingUp (it says so) for the same symptom.
	{"persistent volume filling up", []string{k8s + "kubepersistentvolumefillingup", cmo + "kubepersistentvolumefillingup", osa + "openshift-virtualization-operator/persistentvolumefillingup"}},
	{"client certificate expiring", []string{k8s + "kubeclientcertificateexpiration"}},
	{"alertmanager failed to send alerts", []string{prom + "alertmanager/alertmanagerfailedtosendalerts", cmo + "alertmanagerfailedtosendalerts", prom + "alertmanager/alertmanagerclusterfailedtosendalerts", cmo + "alertmanagerclusterfailedtosendalerts"}},
	{"clock not synchronising", []string{prom + "node/nodeclocknotsynchronising", cmo + "nodeclocknotsynchronising"}},
	{"clock skew", []string{prom + "node/nodeclockskewdetected"}},
	{"RAID disk failed", []string{prom + "node/noderaiddiskfailure"}},
	{"too many open file descriptors", []string{prom + "node/nodefiledescriptorlimit", cmo + "nodefiledescriptorlimit"}},
	{"conntrack table full", []string{prom + "node/nodehighnumberconntrackentriesused"}},
	{"cpu throttling", []string{k8s + "cputhrottlinghigh"}},
	{"slow fsync on etcd disks", []string{etcdO + "etcdhighfsyncdurations", prom + "etcd/etcdhighfsyncdurations"}},
	{"job failed", []string{k8s + "kubejobfailed", cmo + "kubejobfailed"}},
	{"ceph osd down", []string{ceph + "cephosddown"}},
	{"deployment replicas mismatch", []string{k8s + "kubedeploymentreplicasmismatch", cmo + "kubedeploymentreplicasmismatch"}},
	// Exact phrases.
	{`"error budget"`, []string{k8s + "kubeapierrorbudgetburn", osa + "cluster-kube-apiserver-operator/kubeapierrorbudgetburn"}},
	{`"post-mortem template"`, []string{pd + "after/post_mortem_template"}},
	// Misspellings.
	{"etcd insuficient members", []string{prom + "etcd/etcdinsufficientmembers", etcdO + "etcdinsufficientmembers"}},
	{"alertmanger config inconsistent", []string{prom + "alertmanager/alertmanagerconfiginconsistent"}},
	// Incident response (PagerDuty's docs).
	{"who declares a major incident", []string{pd + "before/severity_levels", pd + "training/courses/incident_response", pd + "training/incident_commander", pd + "during/during_an_incident"}},
	{"post-mortem template", []string{pd + "after/post_mortem_template"}},
	{"incident commander responsibilities", []string{pd + "training/incident_commander"}},
	{"what does the scribe do", []string{pd + "training/scribe"}},
	{"severity levels", []string{pd + "before/severity_levels"}},
	{"security incident", []string{pd + "during/security_incident_response"}},
	{"being on call", []string{pd + "oncall/being_oncall"}},
	{"alerting principles", []string{pd + "oncall/alerting_principles"}},
	{"talking to customers during an outage", []string{pd + "training/customer_liaison", pd + "during/external_communication_guidelines"}},
	{"crisis leadership", []string{pd + "crisis/leadership"}},
}

// corpusDir is ../shared/corpus beside the module root, or "" when absent
// (a fresh clone without the shared folder).
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
	c := filepath.Join(dir, "..", "shared", "corpus")
	if fi, err := os.Stat(c); err != nil || !fi.IsDir() {
		return ""
	}
	return c
}

// importCorpus imports every corpus folder into a new data directory and
// checks the counts.
func importCorpus(t *testing.T, corpus string) string {
	t.Helper()
	data := t.TempDir()
	total := 0
	for _, f := range corpusFolders {
		rep, err := importDir(context.Background(), data, filepath.Join(corpus, f.name), f.name, io.Discard)
		if err != nil {
			t.Fatalf("import %s: %v", f.name, err)
		}
		skipped := 0
		for _, s := range rep.Skipped {
			if f.name != "prometheus-operator" || s.File != corpusSkipped {
				t.Errorf("import %s skipped %s: %s", f.name, s.File, s.Reason)
			}
			skipped++
		}
		if got := rep.Created + skipped; got != f.files || rep.Updated+rep.Unchanged != 0 {
			t.Errorf("import %s = %+v, want %d files created or skipped", f.name, rep, f.files)
		}
		total += rep.Created
	}
	if total != 431 {
		t.Errorf("imported %d pages from the corpus, want 431 (432 files, one archetype skipped)", total)
	}
	return data
}

func TestCorpusRelevance(t *testing.T) {
	corpus := corpusDir(t)
	if corpus == "" {
		t.Skip("../shared/corpus (beside the module) is not present")
	}
	data := importCorpus(t, corpus)
	app := newTestApp(t, func(c *Config) { c.Data = data })
	if n, err := app.Main.Store.PageCount(); err != nil || n != 431 {
		t.Fatalf("PageCount() = %d, %v; want 431", n, err)
	}
	app.AddUser("sam", wiki.RoleMember)
	sam := app.Login("sam")
	found, rr := 0, 0.0
	for _, tc := range relevanceCases {
		paths := searchPaths(t, sam, tc.query, 5)
		rank := 0
		for i, p := range paths {
			if contains(tc.want, p) {
				rank = i + 1
				break
			}
		}
		if rank == 0 {
			t.Logf("miss: %q: want %s, got %q", tc.query, tc.want[0], paths)
			continue
		}
		found++
		rr += 1 / float64(rank)
	}
	n := float64(len(relevanceCases))
	recall, mrr := float64(found)/n, rr/n
	t.Logf("%d queries: recall@5 %.3f, MRR %.3f", len(relevanceCases), recall, mrr)
	if recall < 0.9 {
		t.Errorf("recall@5 = %.3f, want ≥ 0.9 (the misses above are a matter of ranking in package search)", recall)
	}
}

// searchPaths returns the page paths of the first limit results of q, as
// the JSON API gives them.
func searchPaths(t *testing.T, c *webtest.Client, q string, limit int) []string {
	t.Helper()
	resp := c.Get("/api/search?limit=" + strconv.Itoa(limit) + "&q=" + url.QueryEscape(q))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("search %q: status %d: %s", q, resp.StatusCode, resp.Body)
	}
	var out struct {
		Results []struct {
			Path string `json:"path"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &out); err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	paths := make([]string, len(out.Results))
	for i, r := range out.Results {
		paths[i] = r.Path
	}
	return paths
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
