package web

import (
	"bytes"
	"net/http"
)

// Recorder passes a response through and remembers its status and size,
// and with Keep set a copy of its body: the request log and metrics read
// the status, the view cache keeps the body.
type Recorder struct {
	http.ResponseWriter
	Status int
	Bytes  int
	Keep   bool
	Body   bytes.Buffer
}

// WriteHeader records the first status written.
func (rec *Recorder) WriteHeader(status int) {
	if rec.Status == 0 {
		rec.Status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

// Write passes b on, counting it and keeping a copy when Keep is set.
func (rec *Recorder) Write(b []byte) (int, error) {
	if rec.Status == 0 {
		rec.Status = http.StatusOK
	}
	if rec.Keep {
		rec.Body.Write(b)
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.Bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *Recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
