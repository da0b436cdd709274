package markup

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// FrontMatter is the YAML block at the very start of a page, as written by
// Hugo, Jekyll and MkDocs sites. Keys the wiki does not know (cover:,
// weight:, aliases: …) are ignored, so real-world trees import unchanged.
type FrontMatter struct {
	Title       string   `yaml:"title,omitempty"`
	Tags        []string `yaml:"tags,omitempty"`
	Owner       string   `yaml:"owner,omitempty"`
	ReviewDays  int      `yaml:"review_days,omitempty"`
	Critical    []string `yaml:"critical,omitempty"`
	Description string   `yaml:"description,omitempty"`
}

// IsZero reports whether fm has no field set (nil and empty lists alike).
func (fm FrontMatter) IsZero() bool {
	return fm.Title == "" && len(fm.Tags) == 0 && fm.Owner == "" &&
		fm.ReviewDays == 0 && len(fm.Critical) == 0 && fm.Description == ""
}

// FrontMatterError reports front matter that is not valid YAML or does not
// have the expected shape. Line is 1-based and counts from the first line
// of the page (the opening "---"); 0 means the YAML library failed without
// a position.
type FrontMatterError struct {
	Line int
	Msg  string
}

func (e *FrontMatterError) Error() string {
	if e.Line == 0 {
		return "front matter: " + e.Msg
	}
	return fmt.Sprintf("front matter line %d: %s", e.Line, e.Msg)
}

// rawFrontMatter decodes the list fields as nodes, because tags: may be a
// YAML list or a comma-separated string.
type rawFrontMatter struct {
	Title       string    `yaml:"title"`
	Tags        yaml.Node `yaml:"tags"`
	Owner       string    `yaml:"owner"`
	ReviewDays  int       `yaml:"review_days"`
	Critical    yaml.Node `yaml:"critical"`
	Description string    `yaml:"description"`
}

// SplitFrontMatter separates a leading "---" YAML block from the Markdown
// body. Without front matter it returns the zero FrontMatter and src
// itself. An opening "---" without a closing "---" line is a thematic
// break, not front matter. Malformed YAML, or YAML that is not a mapping,
// is a *FrontMatterError naming the line. Tags and critical IDs are
// trimmed and empty entries dropped.
func SplitFrontMatter(src []byte) (FrontMatter, []byte, error) {
	text, body, ok := cutFrontMatter(src)
	if !ok {
		return FrontMatter{}, src, nil
	}
	fm, err := parseFrontMatter(text)
	if err != nil {
		return FrontMatter{}, src, err
	}
	return fm, body, nil
}

// JoinFrontMatter is the inverse of SplitFrontMatter: it writes fm's
// non-empty fields in a fixed order (title, tags, owner, review_days,
// critical, description) followed by body. A zero fm adds nothing, unless
// body itself starts like front matter, in which case an empty block keeps
// the round trip exact.
func JoinFrontMatter(fm FrontMatter, body []byte) []byte {
	var buf bytes.Buffer
	if fm.IsZero() {
		if _, _, ok := cutFrontMatter(body); ok {
			buf.WriteString("---\n---\n")
		}
		buf.Write(body)
		return buf.Bytes()
	}
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		// Strings, ints and string lists always encode.
		panic(fmt.Sprintf("markup: encode front matter: %v", err))
	}
	_ = enc.Close()
	buf.WriteString("---\n")
	buf.Write(body)
	return buf.Bytes()
}

var bom = []byte("\xef\xbb\xbf")

// cutFrontMatter finds the YAML between an opening "---" line at the very
// start (after an optional byte order mark) and the next "---" line.
func cutFrontMatter(src []byte) (text, body []byte, ok bool) {
	rest := bytes.TrimPrefix(src, bom)
	first, rest, found := cutLine(rest)
	if !found || !isFence(first) {
		return nil, nil, false
	}
	start := rest
	for len(rest) > 0 {
		var line []byte
		before := len(start) - len(rest)
		line, rest, _ = cutLine(rest)
		if isFence(line) {
			return start[:before], rest, true
		}
	}
	return nil, nil, false
}

// cutLine splits off the first line; found reports a terminating '\n'.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest, found
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

func parseFrontMatter(text []byte) (fm FrontMatter, err error) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a page must not
		// take the server down.
		if r := recover(); r != nil {
			err = &FrontMatterError{Msg: fmt.Sprint("invalid YAML: ", r)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return fm, yamlError(err)
	}
	if len(doc.Content) == 0 {
		return fm, nil // only comments or blank lines
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fm, &FrontMatterError{Line: root.Line + 1, Msg: "expected \"key: value\" lines"}
	}
	if err := checkMappings(root); err != nil {
		return fm, err
	}
	var raw rawFrontMatter
	if err := root.Decode(&raw); err != nil {
		return fm, yamlError(err)
	}
	return raw.cook()
}

// maxMappingKeys bounds the keys of one YAML mapping. yaml.v3 compares
// every key of a mapping it decodes with every other one, and writes an
// error for each repeated pair: 36 KB of "title: t" lines took 12 s of
// CPU, and a page may be a thousand times that. No front matter needs
// more keys than this.
const maxMappingKeys = 1000

// checkMappings refuses, in linear time and before anything is decoded,
// the mappings yaml.v3 would decode in quadratic time: one with more than
// maxMappingKeys keys, or with a key given twice (which yaml.v3 refuses
// too, only slowly). Aliases are not followed: the node they name is
// checked where it stands.
func checkMappings(root *yaml.Node) error {
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode {
			if err := checkMapping(n); err != nil {
				return err
			}
		}
		stack = append(stack, n.Content...)
	}
	return nil
}

func checkMapping(n *yaml.Node) error {
	if keys := len(n.Content) / 2; keys > maxMappingKeys {
		return &FrontMatterError{Line: n.Line + 1, Msg: fmt.Sprintf("%d keys in one mapping; at most %d", keys, maxMappingKeys)}
	}
	// yaml.v3 takes two keys for the same when their kind and value are.
	type keyOf struct {
		kind  yaml.Kind
		value string
	}
	seen := make(map[keyOf]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, ok := seen[keyOf{k.Kind, k.Value}]; ok {
			return &FrontMatterError{Line: k.Line + 1, Msg: fmt.Sprintf("mapping key %q already defined at line %d", k.Value, line+1)}
		}
		seen[keyOf{k.Kind, k.Value}] = k.Line
	}
	return nil
}

func (raw *rawFrontMatter) cook() (FrontMatter, error) {
	tags, err := stringList(&raw.Tags, "tags")
	if err != nil {
		return FrontMatter{}, err
	}
	critical, err := stringList(&raw.Critical, "critical")
	if err != nil {
		return FrontMatter{}, err
	}
	return FrontMatter{
		Title: raw.Title, Tags: tags, Owner: raw.Owner, ReviewDays: raw.ReviewDays,
		Critical: critical, Description: raw.Description,
	}, nil
}

// stringList accepts a YAML list of scalars or one comma-separated string.
func stringList(n *yaml.Node, key string) ([]string, error) {
	var items []string
	switch {
	case n.Kind == 0 || n.Tag == "!!null":
		return nil, nil
	case n.Kind == yaml.ScalarNode:
		items = strings.Split(n.Value, ",")
	case n.Kind == yaml.SequenceNode:
		if err := n.Decode(&items); err != nil {
			return nil, yamlError(err)
		}
	default:
		return nil, &FrontMatterError{Line: n.Line + 1, Msg: key + " must be a list or a comma-separated string"}
	}
	var out []string
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError turns a yaml.v3 error into a *FrontMatterError whose line
// counts the opening "---" (YAML numbers lines from the first line after
// it).
func yamlError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		// yaml.v3 leaves the line out when it is its first line (its
		// 0-based line 0), which is line 2 of the page.
		return &FrontMatterError{Line: 2, Msg: strings.TrimPrefix(msg, "yaml: ")}
	}
	n, _ := strconv.Atoi(m[1])
	return &FrontMatterError{Line: n + 1, Msg: m[2]}
}
