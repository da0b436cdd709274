//go:build race

package markup

// raceEnabled skips the render-time budgets: the race detector makes
// everything several times slower.
const raceEnabled = true

// raceScale stretches the parse budgets under the race detector.
const raceScale = 10
