//go:build !race

package markup

const raceEnabled = false

const raceScale = 1
