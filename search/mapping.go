package search

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion identifies the mapping below. Bump it whenever the mapping,
// the analyzers or the way Doc is turned into fields change: Open then
// reports ErrMappingVersion and the caller rebuilds the index. 5: wiki
// links in table cells are indexed as their labels, no longer split.
const mappingVersion = 5

// Field names in the bleve index.
const (
	fText      = "text" // title, name, heading and body: what words match
	fKind      = "kind"
	fPath      = "path"
	fUnder     = "under" // the path and each of its ancestors: path: filters
	fTitle     = "title" // page docs: their title, stored only
	fPageTitle = "page_title"
	fSection   = "section"
	fHeading   = "heading"
	fBody      = "body"
	// The headline fields, indexed only: what the headline tier ranks by.
	fTitleWords   = "title_words"   // page docs: title, and the page name when it says more
	fHeadingWords = "heading_words" // section docs: heading
	fPageWords    = "page_words"    // section docs: their page's title (and name)
	fTags         = "tags"
	fOwner        = "owner"
	fUpdated      = "updated"
	fVersion      = "version"
	fSuggest      = "suggest"
	fTitleKey     = "title_key"
)

// Analyzer names. analyzerText is bleve's English analyzer (possessives,
// lower case, stop words, Porter stemming) with identifiers split into
// words and a few spellings and suffixes evened out (analysis.go).
const (
	analyzerText    = "handover_text"
	analyzerKeyword = "handover_keyword" // whole value, lower-cased
	analyzerWords   = "handover_words"   // unicode words, lower-cased, unstemmed
)

// Kind values of Doc.Kind.
const (
	KindPage    = "page"    // KindPage is the Kind of a page title doc.
	KindSection = "section" // KindSection is the Kind of a section doc.
)

// customAnalyzers are the analyzers this package adds to bleve's.
var customAnalyzers = map[string]map[string]any{
	analyzerText: {"type": custom.Name, "tokenizer": unicodetok.Name,
		"token_filters": []string{filterSplit, en.PossessiveName, lowercase.Name,
			en.StopName, filterSpelling, porter.Name, filterSuffix}},
	analyzerKeyword: {"type": custom.Name, "tokenizer": single.Name,
		"token_filters": []string{lowercase.Name}},
	analyzerWords: {"type": custom.Name, "tokenizer": unicodetok.Name,
		"token_filters": []string{lowercase.Name}},
}

// newMapping builds the explicit index mapping described in the package doc.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	for name, config := range customAnalyzers {
		if err := im.AddCustomAnalyzer(name, config); err != nil {
			return nil, fmt.Errorf("build mapping: analyzer %s: %w", name, err)
		}
	}
	im.DefaultAnalyzer = analyzerText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = docMapping()
	return im, nil
}

func docMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fText, textField(true))
	for _, f := range []string{fTitleWords, fHeadingWords, fPageWords} {
		dm.AddFieldMappingsAt(f, textField(false))
	}
	for _, f := range []string{fTitle, fPageTitle, fSection, fHeading, fBody} {
		dm.AddFieldMappingsAt(f, storedField())
	}
	dm.AddFieldMappingsAt(fPath, keywordField(analyzerKeyword, true))
	dm.AddFieldMappingsAt(fUnder, keywordField(analyzerKeyword, false))
	dm.AddFieldMappingsAt(fTags, keywordField(analyzerKeyword, true))
	dm.AddFieldMappingsAt(fOwner, keywordField(analyzerKeyword, true))
	dm.AddFieldMappingsAt(fKind, keywordField(keyword.Name, true))
	dm.AddFieldMappingsAt(fTitleKey, titleKeyField())
	dm.AddFieldMappingsAt(fUpdated, dateField())
	dm.AddFieldMappingsAt(fVersion, versionField())
	dm.AddFieldMappingsAt(fSuggest, keywordField(analyzerWords, false))
	return dm
}

// textField is English text that is searched but not stored: the stored
// title, heading and body are separate fields. Term vectors (positions)
// serve phrase queries only; snippets are highlighted by re-reading the
// few stored texts shown, not from term vectors. The headline fields need
// no positions either: the headline tier only asks which words they hold.
func textField(positions bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = analyzerText
	fm.Store = false
	fm.IncludeTermVectors = positions
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

func keywordField(analyzer string, store bool) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	fm.DocValues = false
	return fm
}

func storedField() *mapping.FieldMapping {
	fm := keywordField(keyword.Name, true)
	fm.Index = false
	return fm
}

// titleKeyField is the whole title, lower-cased; doc values order
// typeahead suggestions of equal score by title.
func titleKeyField() *mapping.FieldMapping {
	fm := keywordField(analyzerKeyword, false)
	fm.DocValues = true
	return fm
}

func dateField() *mapping.FieldMapping {
	fm := bleve.NewDateTimeFieldMapping()
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

// versionField keeps the version only as a doc value: Versions reads it for
// every document without touching stored fields.
func versionField() *mapping.FieldMapping {
	fm := keywordField(keyword.Name, false)
	fm.DocValues = true
	return fm
}

// fields turns d into the field map bleve indexes. Empty values are left
// out so they cost neither index nor storage.
func fields(d Doc) map[string]any {
	m := map[string]any{fKind: d.Kind, fPath: d.Path, fUnder: ancestors(d.Path)}
	name := pageName(d.Path, d.Title)
	putAll(m, fText, d.Title, name, d.Heading, d.Body) // separate values: no phrase spans two
	put(m, fSection, d.Section)
	put(m, fHeading, d.Heading)
	put(m, fBody, d.Body)
	put(m, fOwner, d.Owner)
	put(m, fVersion, d.Version)
	if d.Kind == KindPage {
		put(m, fTitle, d.Title)
		putAll(m, fTitleWords, d.Title, name)
		put(m, fSuggest, d.Title)
		put(m, fTitleKey, d.Title)
	} else {
		put(m, fPageTitle, d.Title)
		put(m, fHeadingWords, d.Heading)
		putAll(m, fPageWords, d.Title, name)
	}
	if len(d.Tags) > 0 {
		m[fTags] = d.Tags
	}
	if !d.Updated.IsZero() {
		// A string keeps nanoseconds: bleve stores the layout it parsed.
		m[fUpdated] = d.Updated.UTC().Format(time.RFC3339Nano)
	}
	return m
}

// ancestors returns p and every path above it: "a/b/c" gives "a", "a/b"
// and "a/b/c". A path: filter is then one term, not a prefix expansion
// over every page below.
func ancestors(p string) []string {
	var out []string
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && i > 0 {
			out = append(out, p[:i])
		}
	}
	return append(out, p)
}

func put(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// putAll sets k to the non-empty values of vs, if any.
func putAll(m map[string]any, k string, vs ...string) {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	if len(out) > 0 {
		m[k] = out
	}
}

// pageName returns the last segment of path, the page's name, when its
// letters and digits differ from the title's: a file name like
// "PrometheusRemoteWriteBehind.md" imported with another title. A name
// that only spells the title again ("incident_commander" for "Incident
// commander") returns "", so that it does not count twice.
func pageName(path, title string) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	if alnum(name) == alnum(title) {
		return ""
	}
	return name
}

// alnum returns the letters and digits of s, lower-cased.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
