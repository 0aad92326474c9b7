// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// openAPIDoc is the part of openapi.json the drift tests read.
type openAPIDoc struct {
	Security []any                               `json:"security"`
	Paths    map[string]map[string]openAPIOp     `json:"paths"`
	Comps    struct{ Schemas map[string]schema } `json:"components"`
}

type openAPIOp struct {
	Parameters []map[string]any `json:"parameters"`
	Responses  map[string]struct {
		Ref     string                    `json:"$ref"`
		Headers map[string]map[string]any `json:"headers"`
		Content map[string]struct {
			Schema schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// schema is the subset of JSON Schema the document uses.
type schema struct {
	Ref                  string            `json:"$ref"`
	Type                 string            `json:"type"`
	Properties           map[string]schema `json:"properties"`
	Required             []string          `json:"required"`
	Items                *schema           `json:"items"`
	AllOf                []schema          `json:"allOf"`
	Enum                 []any             `json:"enum"`
	AdditionalProperties *schema           `json:"additionalProperties"`
}

func readOpenAPI(t *testing.T, a *app) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(a.get(t, "/api/v1/openapi.json", http.StatusOK).Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOpenAPIMatchesTheRouteTable: every /api/v1 route of the route table
// is described in openapi.json, and everything openapi.json describes is
// a route, with the same methods, so the document cannot drift from the
// code. The public API declares that it needs no security.
func TestOpenAPIMatchesTheRouteTable(t *testing.T) {
	a := newApp(t)
	doc := readOpenAPI(t, a)
	if doc.Security == nil || len(doc.Security) != 0 {
		t.Errorf("top-level security is %v, want []", doc.Security)
	}
	routes := map[string]bool{}
	for _, r := range a.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		path := openAPIPath(strings.TrimPrefix(r.Path, "/api/v1"))
		routes[r.Method+" "+path] = true
		switch r.Method {
		case http.MethodGet:
			if _, ok := doc.Paths[path]["get"]; !ok {
				t.Errorf("GET %s is in the route table but not in openapi.json", r.Path)
			}
		case http.MethodHead, http.MethodOptions:
			// Every GET answers HEAD and the CORS preflight (info.description).
			if _, ok := doc.Paths[path]["get"]; !ok {
				t.Errorf("%s %s without a documented GET", r.Method, r.Path)
			}
		default:
			t.Errorf("%s %s: the API is read-only, describe the method in openapi.json and here", r.Method, r.Path)
		}
	}
	var described []string
	for path, ops := range doc.Paths {
		for method := range ops {
			described = append(described, path)
			if !routes[strings.ToUpper(method)+" "+path] {
				t.Errorf("openapi.json describes %s %s, which the route table does not have", strings.ToUpper(method), path)
			}
		}
	}
	if len(described) < 8 {
		t.Errorf("openapi.json describes only %v", described)
	}
}

// openAPIPath writes echo's path parameters (/events/:id) as OpenAPI's
// (/events/{id}).
func openAPIPath(path string) string {
	parts := strings.Split(path, "/")
	for i, part := range parts {
		if name, ok := strings.CutPrefix(part, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

// firstEventID is the ID of an event the API lists.
func firstEventID(t *testing.T, a *app) string {
	t.Helper()
	var list struct {
		Events []struct {
			ID int64 `json:"id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(a.get(t, "/api/v1/events?per_page=1", http.StatusOK).Body.Bytes(), &list); err != nil || len(list.Events) == 0 {
		t.Fatalf("no event to describe: %v", err)
	}
	return strconv.FormatInt(list.Events[0].ID, 10)
}

// TestOpenAPIListsArePaged: every documented list takes page and per_page
// and answers with the Link header, and every route that pages (answers
// with a Link header) is documented as a list.
func TestOpenAPIListsArePaged(t *testing.T) {
	d := newDirApp(t)
	doc := readOpenAPI(t, d.app)
	for path, ops := range doc.Paths {
		op := ops["get"]
		var names []string
		for _, p := range op.Parameters {
			if r, ok := p["$ref"].(string); ok {
				names = append(names, strings.TrimPrefix(r, "#/components/parameters/"))
			}
		}
		documented := slices.Contains(names, "page") && slices.Contains(names, "per_page")
		_, link := op.Responses["200"].Headers["Link"]
		if documented != link {
			t.Errorf("%s: page parameters %v but Link header %v", path, documented, link)
		}
		target := "/api/v1" + strings.ReplaceAll(path, "{id}", firstEventID(t, d.app))
		if path == "/clashes" {
			target += "?start=2026-11-26&country=FI&category=conference"
		}
		rec := d.get(t, target, http.StatusOK)
		if paged := rec.Header().Get("Link") != ""; paged != documented {
			t.Errorf("%s: answers with a Link header: %v, documented as a list: %v", path, paged, documented)
		}
	}
}

// TestOpenAPISchemasMatchTheAnswers checks real answers of every
// operation against their documented schemas: each required field is
// there, no field is undocumented, types and enumerations hold.
func TestOpenAPISchemasMatchTheAnswers(t *testing.T) {
	d := newDirApp(t)
	doc := readOpenAPI(t, d.app)
	targets := map[string]string{
		"/events": "?per_page=200", "/clashes": "?start=2026-11-26&country=FI&category=conference&lang=fi",
		"/organisations": "", "/people": "", "/networks": "", "/documents": "", "/export/hsds.json": "?lang=sv",
	}
	for path, query := range targets {
		t.Run(path, func(t *testing.T) {
			resp, ok := doc.Paths[path]["get"].Responses["200"]
			if !ok {
				t.Fatalf("no 200 answer documented")
			}
			var body any
			if err := json.Unmarshal(d.get(t, "/api/v1"+path+query, http.StatusOK).Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			n := conform(t, doc, resp.Content["application/json"].Schema, body, "$")
			if n < 20 {
				t.Errorf("only %d values checked", n)
			}
		})
	}
	var body any
	if err := json.Unmarshal(d.get(t, "/api/v1/people?per_page=0", http.StatusBadRequest).Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	conform(t, doc, schema{Ref: "#/components/schemas/Error"}, body, "$")
}

// conform checks v against s and returns how many values it checked.
func conform(t *testing.T, doc openAPIDoc, s schema, v any, at string) int {
	t.Helper()
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		ref, ok := doc.Comps.Schemas[name]
		if !ok {
			t.Fatalf("%s: unknown schema %s", at, s.Ref)
		}
		return conform(t, doc, ref, v, at)
	}
	if len(s.AllOf) > 0 {
		merged := schema{Type: "object", Properties: map[string]schema{}}
		for _, part := range s.AllOf {
			for part.Ref != "" {
				part = doc.Comps.Schemas[strings.TrimPrefix(part.Ref, "#/components/schemas/")]
			}
			for k, p := range part.Properties {
				merged.Properties[k] = p
			}
			merged.Required = append(merged.Required, part.Required...)
		}
		return conform(t, doc, merged, v, at)
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		t.Errorf("%s: %v is not one of %v", at, v, s.Enum)
	}
	n := 1
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: %T, want an object", at, v)
			return n
		}
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				t.Errorf("%s: required %s is missing", at, r)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := s.Properties[k]
			switch {
			case ok:
				n += conform(t, doc, p, m[k], at+"."+k)
			case s.AdditionalProperties != nil:
				n += conform(t, doc, *s.AdditionalProperties, m[k], at+"."+k)
			case s.Properties != nil:
				t.Errorf("%s: %s is not documented", at, k)
			}
		}
	case "array":
		list, ok := v.([]any)
		if !ok {
			t.Errorf("%s: %T, want an array", at, v)
			return n
		}
		for i, item := range list {
			if s.Items != nil {
				n += conform(t, doc, *s.Items, item, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			t.Errorf("%s: %T, want a string", at, v)
		}
	case "integer", "number":
		f, ok := v.(float64)
		if !ok || (s.Type == "integer" && f != float64(int64(f))) {
			t.Errorf("%s: %v, want an %s", at, v, s.Type)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			t.Errorf("%s: %T, want a boolean", at, v)
		}
	}
	return n
}
