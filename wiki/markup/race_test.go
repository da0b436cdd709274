//go:build race

package markup

// raceEnabled skips the render-time budgets: the race detector makes
// everything several times slower.
const raceEnabled = true
