//go:build race

package search

// raceScale stretches the parse budgets under the race detector, which
// makes everything several times slower.
const raceScale = 10
