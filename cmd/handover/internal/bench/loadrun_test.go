package bench

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunLoadStops(t *testing.T) {
	ctx := context.Background()
	var calls atomic.Int64
	count := func(int, uint64) error { calls.Add(1); return nil }
	if r := runLoad(ctx, 4, 100, time.Minute, count, nil); len(r.lat) != 100 || calls.Load() != 100 || r.err != nil {
		t.Errorf("runLoad(n=100) = %d latencies, %d calls, %v; want 100, 100, nil", len(r.lat), calls.Load(), r.err)
	}
	boom := errors.New("boom")
	fail := func(_ int, i uint64) error {
		if i == 10 {
			return boom
		}
		return nil
	}
	if r := runLoad(ctx, 4, 1000, time.Minute, fail, nil); !errors.Is(r.err, boom) || len(r.lat) >= 1000 {
		t.Errorf("runLoad with a failing call = %d latencies, %v; want fewer than 1000, boom", len(r.lat), r.err)
	}
	if err := errorsOf(loadResult{}); err == nil {
		t.Errorf("errorsOf(a run without requests) = nil, want an error")
	}
}

func TestRunOpenLoop(t *testing.T) {
	var calls atomic.Int64
	r := runOpenLoop(context.Background(), time.Millisecond, 20, func(int) error { calls.Add(1); return nil })
	if len(r.lat) != 20 || calls.Load() != 20 || r.err != nil {
		t.Errorf("runOpenLoop(n=20) = %d latencies, %d calls, %v; want 20, 20, nil", len(r.lat), calls.Load(), r.err)
	}
}

func TestBareHandler(t *testing.T) {
	h := BareHandler(map[string][]byte{"/wiki/home": []byte("<p>home</p>")})
	tests := []struct {
		path, body string
		status     int
	}{
		{"/wiki/home", "<p>home</p>", http.StatusOK},
		{"/wiki/other", "404 page not found\n", http.StatusNotFound},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.status || rec.Body.String() != tc.body {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, rec.Code, rec.Body, tc.status, tc.body)
		}
	}
}
