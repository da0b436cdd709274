//go:build !race

package gift

const raceScale = 1
