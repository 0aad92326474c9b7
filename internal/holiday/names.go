// SPDX-License-Identifier: AGPL-3.0-or-later

package holiday

import (
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/is"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/se"

	"github.com/nordcal/nordcal/internal/directory"
)

// Days the library has no package for. Their Name fields are for debugging
// only; nordcal names every day through its NameID.
var (
	// axAutonomyDay is Ålands självstyrelsedag, a public holiday in Åland.
	axAutonomyDay = &cal.Holiday{Name: "Självstyrelsedagen", Type: cal.ObservancePublic,
		Month: time.June, Day: 9, Func: cal.CalcDayOfMonth}
	// foFlagDay is Flaggdagur, the Faroese flag day.
	foFlagDay = &cal.Holiday{Name: "Flaggdagur", Type: cal.ObservancePublic,
		Month: time.April, Day: 25, Func: cal.CalcDayOfMonth}
	// foOlavsokaEve is Ólavsøkuaftan: the afternoon off is custom, not law.
	foOlavsokaEve = &cal.Holiday{Name: "Ólavsøkuaftan", Type: cal.ObservanceOther,
		Month: time.July, Day: 28, Func: cal.CalcDayOfMonth}
	// foOlavsoka is Ólavsøkudagur, the Faroese national day.
	foOlavsoka = &cal.Holiday{Name: "Ólavsøkudagur", Type: cal.ObservancePublic,
		Month: time.July, Day: 29, Func: cal.CalcDayOfMonth}
	// glNationalDay is Ullortuneq, Greenland's national day.
	glNationalDay = &cal.Holiday{Name: "Ullortuneq", Type: cal.ObservancePublic,
		Month: time.June, Day: 21, Func: cal.CalcDayOfMonth}
)

// sources lists the holidays of each country with a holiday calendar.
//
// Åland is the Finnish list plus its autonomy day. The Faroe Islands and
// Greenland are the library's Danish list as is, plus their own days. The
// secretariat should confirm which Danish days apply there: in particular the
// library ends Store bededag after 2023 for all of them, but the Danish act
// that abolished it may not extend to the Faroe Islands and Greenland, and
// their customary half days (Christmas Eve, New Year's Eve) are not listed.
var sources = map[directory.Country][]*cal.Holiday{
	"DK": dk.Holidays,
	"FI": fi.Holidays,
	"IS": is.Holidays,
	"NO": no.Holidays,
	"SE": se.Holidays,
	"AX": append(slices.Clone(fi.Holidays), axAutonomyDay),
	"FO": append(slices.Clone(dk.Holidays), foFlagDay, foOlavsokaEve, foOlavsoka),
	"GL": append(slices.Clone(dk.Holidays), glNationalDay),
}

// nameIDs maps each library (or local) holiday variable to its message ID.
// It is keyed by variable, never by the holiday's Name, which exists only in
// the national language. A day that is the same in substance in several
// countries shares one ID; a day that is one country's own, or whose date or
// custom differs, is prefixed with the country.
var nameIDs = map[*cal.Holiday]string{
	dk.Nytaarsdag:           "holiday.new_years_day",
	dk.Skaertorsdag:         "holiday.maundy_thursday",
	dk.Langfredag:           "holiday.good_friday",
	dk.AndenPaaskedag:       "holiday.easter_monday",
	dk.StoreBededag:         "holiday.dk_great_prayer_day",
	dk.KristiHimmelfartsdag: "holiday.ascension_day",
	dk.AndenPinsedag:        "holiday.whit_monday",
	dk.Grundlovsdag:         "holiday.dk_constitution_day",
	dk.Juledag:              "holiday.christmas_day",
	dk.AndenJuledag:         "holiday.boxing_day",

	fi.Uudenvuodenpaiva:    "holiday.new_years_day",
	fi.Loppiainen:          "holiday.epiphany",
	fi.Pitkaperjantai:      "holiday.good_friday",
	fi.Paasiaispaiva:       "holiday.easter_sunday",
	fi.ToinenPaasiaispaiva: "holiday.easter_monday",
	fi.Vappu:               "holiday.may_day",
	fi.Helatorstai:         "holiday.ascension_day",
	fi.Helluntaipaiva:      "holiday.whit_sunday",
	fi.Juhannusaatto:       "holiday.midsummer_eve",
	fi.Juhannuspaiva:       "holiday.midsummer_day",
	fi.Pyhainpaiva:         "holiday.all_saints_day",
	fi.Itsenaisyyspaiva:    "holiday.fi_independence_day",
	fi.Jouluaatto:          "holiday.christmas_eve",
	fi.Joulupaiva:          "holiday.christmas_day",
	fi.Tapaninpaiva:        "holiday.boxing_day",

	is.Nyarsdagur:          "holiday.new_years_day",
	is.Skirdagur:           "holiday.maundy_thursday",
	is.Langifostudagur:     "holiday.good_friday",
	is.Annaripaskum:        "holiday.easter_monday",
	is.Sumardagurinn:       "holiday.is_first_day_of_summer",
	is.Verkalydsdagurinn:   "holiday.may_day",
	is.Uppstigningardagur:  "holiday.ascension_day",
	is.Annarihvit:          "holiday.whit_monday",
	is.Thjodhatid:          "holiday.is_national_day",
	is.Verslunarmannahelgi: "holiday.is_commerce_day",
	is.Adfangadagur:        "holiday.christmas_eve",
	is.Joladagur:           "holiday.christmas_day",
	is.Annarijolum:         "holiday.boxing_day",
	is.Gamarsdagur:         "holiday.new_years_eve",

	no.FoersteNyttaarsdag:   "holiday.new_years_day",
	no.Skjaertorsdag:        "holiday.maundy_thursday",
	no.Langfredag:           "holiday.good_friday",
	no.AndrePaaskedag:       "holiday.easter_monday",
	no.Arbeiderenesdag:      "holiday.may_day",
	no.Grunnlovsdag:         "holiday.no_constitution_day",
	no.Kristihimmelfartsdag: "holiday.ascension_day",
	no.AndrePinsedag:        "holiday.whit_monday",
	no.FoersteJuledag:       "holiday.christmas_day",
	no.AndreJuledag:         "holiday.boxing_day",

	se.Nyarsdagen:            "holiday.new_years_day",
	se.TrettondedagJul:       "holiday.epiphany",
	se.Langfredagen:          "holiday.good_friday",
	se.Paskdagen:             "holiday.easter_sunday", // defined, but not in se.Holidays
	se.AnnandagPask:          "holiday.easter_monday",
	se.ForstaMaj:             "holiday.may_day",
	se.KristiHimmelsfardsdag: "holiday.ascension_day",
	se.Pingstdagen:           "holiday.whit_sunday", // defined, but not in se.Holidays
	se.Nationaldagen:         "holiday.se_national_day",
	se.Midsommarafton:        "holiday.midsummer_eve",
	se.Midsommardagen:        "holiday.midsummer_day",
	se.AllaHelgonsDag:        "holiday.all_saints_day",
	se.Julafton:              "holiday.christmas_eve",
	se.Juldagen:              "holiday.christmas_day",
	se.AnnandagJul:           "holiday.boxing_day",
	se.Nyarsafton:            "holiday.new_years_eve",

	axAutonomyDay: "holiday.ax_autonomy_day",
	foFlagDay:     "holiday.fo_flag_day",
	foOlavsokaEve: "holiday.fo_olavsoka_eve",
	foOlavsoka:    "holiday.fo_olavsoka",
	glNationalDay: "holiday.gl_national_day",
}

// NameIDs returns every NameID Between can return, sorted and without
// duplicates. The caller owns the slice. UnofficialNameID is not among them.
func NameIDs() []string {
	ids := make([]string, 0, len(nameIDs))
	for h, id := range nameIDs {
		if canReturn(h) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// canReturn reports whether h is in some country's list.
func canReturn(h *cal.Holiday) bool {
	for _, src := range sources {
		if slices.Contains(src, h) {
			return true
		}
	}
	return false
}
