package markup

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Scope", "scope"},
		{"Crisis protocol", "crisis-protocol"},
		{"  Key   contacts!  ", "key-contacts"},
		{"On-call -- rota", "on-call-rota"},
		{"Q&A (2024)", "q-a-2024"},
		{"Überblick Änderungen", "überblick-änderungen"},
		{"ΣΦΑΛΜΑ", "σφαλμα"},
		{"日本語の見出し", "日本語の見出し"},
		{"snake_case.name", "snake-case-name"},
		{"١٢٣ digits", "digits"},
		{"", "section"},
		{"!!!", "section"},
		{"-", "section"},
	}
	for _, tc := range tests {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
