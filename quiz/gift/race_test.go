//go:build race

package gift

// raceScale stretches the parse budgets under the race detector, which
// makes everything several times slower.
const raceScale = 10
