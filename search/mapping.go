package search

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion identifies the mapping below. Bump it whenever the mapping,
// the analyzers or the way Doc is turned into fields change: Open then
// reports ErrMappingVersion and the caller rebuilds the index.
const mappingVersion = 3

// Field names in the bleve index.
const (
	fText      = "text" // title, heading and body: what words match
	fKind      = "kind"
	fPath      = "path"
	fUnder     = "under"      // the path and each of its ancestors: path: filters
	fTitle     = "title"      // page docs: indexed, ranks title matches first
	fPageTitle = "page_title" // section docs: their page's title, stored only
	fSection   = "section"
	fHeading   = "heading" // indexed, ranks heading matches first
	fBody      = "body"
	fTags      = "tags"
	fOwner     = "owner"
	fUpdated   = "updated"
	fVersion   = "version"
	fSuggest   = "suggest"
	fTitleKey  = "title_key"
)

// Analyzer names. analyzerText is bleve's English analyzer (possessives,
// lower case, stop words, Porter stemming).
const (
	analyzerText    = en.AnalyzerName
	analyzerKeyword = "handover_keyword" // whole value, lower-cased
	analyzerWords   = "handover_words"   // unicode words, lower-cased, unstemmed
)

// Kind values of Doc.Kind.
const (
	KindPage    = "page"    // KindPage is the Kind of a page title doc.
	KindSection = "section" // KindSection is the Kind of a section doc.
)

// Boosts within the headline tier (see plan.headline): a page title match
// ranks above an equal section heading match.
const (
	titleBoost   = 2
	headingBoost = 1
)

// customAnalyzers are the analyzers this package adds to bleve's.
var customAnalyzers = map[string]map[string]any{
	analyzerKeyword: {"type": custom.Name, "tokenizer": single.Name,
		"token_filters": []string{lowercase.Name}},
	analyzerWords: {"type": custom.Name, "tokenizer": unicode.Name,
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
	for _, f := range []string{fTitle, fHeading} {
		fm := textField(false)
		fm.Store = true
		dm.AddFieldMappingsAt(f, fm)
	}
	for _, f := range []string{fPageTitle, fSection, fBody} {
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
// few stored texts shown, not from term vectors.
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
	var text []string
	for _, v := range []string{d.Title, d.Heading, d.Body} {
		if v != "" {
			text = append(text, v)
		}
	}
	if len(text) > 0 {
		m[fText] = text // separate values: no phrase spans two
	}
	put(m, fSection, d.Section)
	put(m, fHeading, d.Heading)
	put(m, fBody, d.Body)
	put(m, fOwner, d.Owner)
	put(m, fVersion, d.Version)
	if d.Kind == KindPage {
		put(m, fTitle, d.Title)
		put(m, fSuggest, d.Title)
		put(m, fTitleKey, d.Title)
	} else {
		put(m, fPageTitle, d.Title)
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
