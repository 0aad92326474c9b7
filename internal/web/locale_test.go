// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/locales"
)

func loadLocale(t *testing.T, l lang.Code) map[string]any {
	t.Helper()
	b, err := fs.ReadFile(locales.FS, string(l)+".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", l, err)
	}
	return m
}

// formatParts are the template fields i18n.Localizer gives date and time formats.
var formatParts = []string{"D", "DD", "M", "MM", "Y", "Month", "Mon", "Weekday", "Wkd", "H", "HH"}

// rangeParts are the fields i18n.Localizer.DateRange gives range formats.
var rangeParts = []string{"D1", "M1", "Month1", "Y1", "D2", "M2", "Month2", "Y2"}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(v any) []string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case map[string]any:
		for _, k := range []string{"one", "other"} {
			if str, ok := x[k].(string); ok {
				s += str
			}
		}
	}
	set := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		set[m[1]] = true
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestEveryLanguageHasEveryKey(t *testing.T) {
	ref := loadLocale(t, lang.EN)
	for _, l := range lang.All {
		m := loadLocale(t, l)
		for k, v := range ref {
			got, ok := m[k]
			if !ok {
				t.Errorf("%s.json lacks %q", l, k)
				continue
			}
			if s, isStr := got.(string); isStr && strings.TrimSpace(s) == "" {
				t.Errorf("%s.json: %q is empty", l, k)
			}
			if pm, isMap := got.(map[string]any); isMap {
				if s, _ := pm["other"].(string); strings.TrimSpace(s) == "" {
					t.Errorf("%s.json: %q has no plural form 'other'", l, k)
				}
			}
			// A translation may leave out a placeholder (e.g. a count in a singular)
			// but must not invent one the code does not supply. Date and time
			// formats may pick any of the parts the localizer supplies.
			want := map[string]bool{}
			for _, p := range placeholders(v) {
				want[p] = true
			}
			if strings.HasPrefix(k, "format.date") || k == "format.time" {
				for _, p := range formatParts {
					want[p] = true
				}
			}
			if strings.HasPrefix(k, "format.range.") {
				for _, p := range rangeParts {
					want[p] = true
				}
			}
			for _, p := range placeholders(got) {
				if !want[p] {
					t.Errorf("%s.json: %q uses {{.%s}}, which en.json does not have", l, k, p)
				}
			}
		}
		for k := range m {
			if _, ok := ref[k]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", l, k)
			}
		}
	}
}

// usedIDs finds the message IDs the templates and Go code name literally.
func usedIDs(t *testing.T) map[string]string {
	t.Helper()
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`\.[TN] "([a-z][a-z0-9_.]*[a-z0-9_])"`),
		regexp.MustCompile(`\.[TN]\("([a-z][a-z0-9_.]*[a-z0-9_])"`),
		regexp.MustCompile(`"((?:error|validation|filter|auth|admin)\.[a-z_.]+)"`),
	}
	out := map[string]string{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".html") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range patterns {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], ".") && !strings.HasSuffix(m[1], ".html") {
					out[m[1]] = path
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEveryUsedMessageIDExists(t *testing.T) {
	ref := loadLocale(t, lang.EN)
	for id, where := range usedIDs(t) {
		if _, ok := ref[id]; !ok {
			t.Errorf("%s uses %q, which en.json lacks", where, id)
		}
	}
	// IDs built from codes at run time.
	var dynamic []string
	add := func(prefix string, vals ...string) {
		for _, v := range vals {
			dynamic = append(dynamic, prefix+v)
		}
	}
	for _, c := range directory.Countries {
		add("country.", string(c.Code))
		add("zone.", strings.ToLower(strings.ReplaceAll(c.Zone, "/", "_")))
	}
	for _, v := range calendar.Categories {
		add("category.", string(v))
	}
	for _, v := range calendar.Topics {
		add("topic.", string(v))
	}
	for _, v := range calendar.Statuses {
		add("status.", string(v))
	}
	for _, v := range calendar.Attendances {
		add("attendance.", string(v))
	}
	for _, v := range calendar.Audiences {
		add("audience.", string(v))
	}
	add("language.", calendar.EventLanguages...)
	for _, l := range lang.All {
		add("language.native.", string(l))
	}
	for m := time.January; m <= time.December; m++ {
		add("month.", fmt.Sprint(int(m)))
		add("month.short.", fmt.Sprint(int(m)))
	}
	for d := 0; d < 7; d++ {
		add("weekday.", fmt.Sprint(d))
		add("weekday.short.", fmt.Sprint(d))
	}
	for _, r := range auth.Roles {
		add("role.", string(r))
	}
	add("audit.action.", audit.UserCreate, audit.UserUpdate, audit.UserPasswordChange, audit.UserPasswordReset,
		audit.UserTOTPEnable, audit.UserTOTPDisable)
	for _, p := range calendar.FilterParams {
		add("field.", p)
	}
	for _, c := range []string{"outlook", "google", "apple", "thunderbird"} {
		add("subscribe.", c+".name", c+".step1")
	}
	for _, lv := range []calendar.Level{calendar.Low, calendar.Medium, calendar.High} {
		add("clash.level.", lv.String())
	}
	add("clash.reason.", "overlap", "same_day", "near", "same_category", "same_network", "same_audience", "same_topics",
		"same_city", "same_country", "shared_country", "holiday", "day_off", "protected")
	add("manage.state.", calendar.StatePending, calendar.StatePublished, calendar.StateRejected, calendar.StateMerged,
		calendar.StateWithdrawn, calendar.StateCancelled)
	add("", holiday.NameIDs()...)
	add("", icsimport.MessageIDs...)
	add("", holiday.UnofficialNameID)
	add("audit.action.", calendar.EventSubmit, calendar.EventImport, calendar.EventUpdate, calendar.EventApprove,
		calendar.EventReject, calendar.EventMerge, calendar.EventCancel, calendar.EventWithdraw, "protected_date.save",
		"protected_date.delete")
	for _, r := range directory.Roles {
		add("directory.role.", string(r))
	}
	for _, r := range directory.MemberRoles {
		add("directory.member_role.", string(r))
	}
	for _, v := range directory.Visibilities {
		add("directory.visibility.", string(v))
	}
	for _, b := range directory.LegalBases {
		add("directory.legal_basis.", string(b))
	}
	for _, t := range directory.OrgTypes {
		add("orgtype.", string(t))
	}
	for _, t := range directory.DocTypes {
		add("doctype.", string(t))
	}
	add("language.", directory.SpokenLanguages...)
	add("audit.action.", directory.AuditActions...)
	add("admin.audit.type.", directory.RecordPerson, directory.RecordOrganisation)
	for _, a := range []directory.ImportAction{directory.ImportCreate, directory.ImportUpdate, directory.ImportUnchanged, directory.ImportError} {
		add("admin.dir.import.action.", string(a))
	}
	for _, id := range dynamic {
		if _, ok := ref[id]; !ok {
			t.Errorf("en.json lacks %q", id)
		}
	}
}
