package main

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/web"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus metrics served at /metrics. Requests are
// labelled by their route pattern, not their path, so the label set stays
// small whatever URLs clients send.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	// events counts what people do, by the route that does it.
	events *prometheus.CounterVec
}

// eventRoutes names the routes counted as handover_events_total.
var eventRoutes = map[string]string{
	"GET /search":              "search",
	"GET /api/search":          "search",
	"POST /edit/{path...}":     "save",
	"PUT /api/pages/{path...}": "save",
	"POST /quiz/attempt/{id}":  "quiz_submit",
	"POST /ack/{path...}":      "acknowledge",
	"POST /login":              "login",
	"GET /admin/backup":        "backup",
}

func newMetrics(store *wiki.Store, syncer *wiki.Syncer) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "handover_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "handover_http_request_duration_seconds", Help: "HTTP request latency by route pattern (search: route=\"GET /search\").",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "handover_events_total", Help: "Searches, saves, quiz submissions, acknowledgements, logins and backups.",
		}, []string{"event"}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.events,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "handover_index_lag", Help: "Changes not yet applied to the search index.",
		}, func() float64 { return float64(syncer.Lag()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "handover_index_rebuilding", Help: "1 while the search index is being rebuilt.",
		}, func() float64 { return boolFloat(syncer.Rebuilding()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "handover_pages", Help: "Pages in the database, deleted ones included.",
		}, func() float64 { n, _ := store.PageCount(); return float64(n) }),
	)
	return m
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// handler serves /metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

type routeKey struct{}

// routeHolder receives the route pattern the mux matched.
type routeHolder struct{ pattern string }

// observe is the outer middleware: it times the request and counts it
// under the pattern that recordRoute saw.
func (m *metrics) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		holder := &routeHolder{}
		rec := &web.Recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), routeKey{}, holder)))
		route := holder.pattern
		if route == "" {
			route = "unmatched"
		}
		status := rec.Status
		if status == 0 {
			status = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
		if ev, ok := eventRoutes[route]; ok && status < 400 {
			m.events.WithLabelValues(ev).Inc()
		}
	})
}

// recordRoute wraps the mux: the mux sets r.Pattern on the request it is
// given, which is read back after it served.
func recordRoute(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if h, ok := r.Context().Value(routeKey{}).(*routeHolder); ok {
			h.pattern = r.Pattern
		}
	})
}
