//go:build !race

package search

const raceScale = 1
