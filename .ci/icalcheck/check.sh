#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# check.sh FILE...     run five independent iCalendar parsers on each file
# check.sh --selftest  prove that the checkers pass a good file and fail bad ones
#
# The validators: libical (C), ical.js 2.2.1 (Thunderbird), node-ical 0.26.1,
# python-icalendar (Debian, /usr/bin/python3) and sabre/vobject (Debian, PHP).
# Each must reject a bare CR in a value, a VEVENT without UID or DTSTAMP, a
# TZID without VTIMEZONE, DTEND at or before DTSTART and an unknown STATUS;
# libical, ical.js and python-icalendar also compare every VTIMEZONE with
# their own tz data. Prints one line per (validator, file), the problems of
# a failure below it, and exits 1 when anything fails. Run install.sh first.
#
# A FILE.ics with a FILE.occurrences beside it (nordcal's own expansion of
# its series, written by internal/feed's tests: "# window FROM TO", then
# "UID START [CANCELLED]" per date) is also expanded by each parser that
# can (expand-libical.c, expand-icaljs.mjs, expand-nodeical.mjs,
# expand_pyical.py with python-recurring-ical-events, expand.php), and
# every list must equal nordcal's, date by date.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
validators=(libical icaljs nodeical python sabre)

usage() {
	echo "usage: $0 FILE... | $0 --selftest" >&2
	exit 2
}

prerequisites() {
	local missing=()
	[ -x "$here/build/icalvalidate" ] && [ -x "$here/build/icalexpand" ] || missing+=("build/icalvalidate build/icalexpand")
	[ -d "$here/node_modules/ical.js" ] && [ -d "$here/node_modules/node-ical" ] || missing+=("node_modules")
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=("python3-icalendar")
	/usr/bin/python3 -c 'import recurring_ical_events' 2>/dev/null || missing+=("python3-recurring-ical-events")
	command -v php >/dev/null && [ -f /usr/share/php/Sabre/VObject/autoload.php ] || missing+=("php-sabre-vobject")
	if [ ${#missing[@]} -gt 0 ]; then
		echo "check.sh: missing ${missing[*]}; run $here/install.sh first" >&2
		exit 2
	fi
}

# run VALIDATOR FILE: the validator's output on stdout, its status as ours.
run() {
	local file
	file=$(realpath "$2")
	case $1 in
	libical) "$here/build/icalvalidate" "$file" ;;
	icaljs) node "$here/validate-icaljs.mjs" "$file" ;;
	nodeical) node "$here/validate-nodeical.mjs" "$file" ;;
	python) /usr/bin/python3 "$here/validate_pyical.py" "$file" ;;
	sabre) (cd "$here" && php -d include_path=.:/usr/share/php -d display_errors=stderr validate.php "$file") ;;
	*) return 2 ;;
	esac
}

# check VALIDATOR FILE: one line, and the problems when it fails.
check() {
	local out status
	out=$(run "$1" "$2" 2>&1)
	status=$?
	if [ $status -eq 0 ]; then
		printf 'ok   %-8s %s\n' "$1" "$2"
	else
		printf 'FAIL %-8s %s\n' "$1" "$2"
		# The problems, or the whole output when the validator crashed.
		if grep -q '^ERROR ' <<<"$out"; then
			grep '^ERROR ' <<<"$out" | head -n 20 | sed 's/^/       /'
		else
			head -n 20 <<<"$out" | sed 's/^/       /'
		fi
	fi
	return $status
}

# expand VALIDATOR FILE FROM TO: the parser's list of the file's dates.
expand() {
	local file
	file=$(realpath "$2")
	case $1 in
	libical) "$here/build/icalexpand" "$file" "$3" "$4" | LC_ALL=C sort ;;
	icaljs) node "$here/expand-icaljs.mjs" "$file" "$3" "$4" ;;
	nodeical) node "$here/expand-nodeical.mjs" "$file" "$3" "$4" ;;
	python) /usr/bin/python3 "$here/expand_pyical.py" "$file" "$3" "$4" ;;
	sabre) (cd "$here" && php -d include_path=.:/usr/share/php -d display_errors=stderr expand.php "$file" "$3" "$4") ;;
	*) return 2 ;;
	esac
}

# occurrences VALIDATOR FILE LIST: one line, and the differences between
# the parser's dates and nordcal's (LIST) when they are not the same.
occurrences() {
	local window from to got want
	window=$(head -n 1 "$3")
	read -r _ _ from to <<<"$window"
	if [ -z "$from" ] || [ -z "$to" ]; then
		printf 'FAIL %-8s %s (no "# window FROM TO" line)\n' "$1" "$3"
		return 1
	fi
	if ! got=$(expand "$1" "$2" "$from" "$to" 2>&1); then
		printf 'FAIL %-8s %s dates\n' "$1" "$2"
		head -n 20 <<<"$got" | sed 's/^/       /'
		return 1
	fi
	want=$(sed 1d "$3")
	if [ "$got" = "$want" ]; then
		printf 'ok   %-8s %s dates (%d)\n' "$1" "$2" "$(grep -c . <<<"$want")"
		return 0
	fi
	printf 'FAIL %-8s %s dates differ from %s (< nordcal, > %s)\n' "$1" "$2" "$(basename "$3")" "$1"
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | grep '^[<>]' | head -n 20 | sed 's/^/       /'
	return 1
}

selftest() {
	local failed=0 f v
	local td=$here/testdata
	for v in "${validators[@]}"; do
		if run "$v" "$td/good.ics" >/dev/null 2>&1; then
			printf 'ok   %-8s accepts %s\n' "$v" testdata/good.ics
		else
			printf 'FAIL %-8s rejects %s\n' "$v" testdata/good.ics
			check "$v" "$td/good.ics" | sed 1d
			failed=1
		fi
	done
	# bad*.ics must be rejected by every validator; badtz-*.ics (VTIMEZONE
	# rules that disagree with tzdata) by the three that compare zones.
	for f in "$td"/bad.ics "$td"/bad-*.ics "$td"/badtz-*.ics; do
		local want=("${validators[@]}")
		case $(basename "$f") in badtz-*) want=(libical icaljs python) ;; esac
		for v in "${want[@]}"; do
			if run "$v" "$f" >/dev/null 2>&1; then
				printf 'FAIL %-8s accepts %s\n' "$v" "testdata/$(basename "$f")"
				failed=1
			else
				printf 'ok   %-8s rejects %s\n' "$v" "testdata/$(basename "$f")"
			fi
		done
	done
	# Every expander must give the dates of testdata/series.ics and no
	# other: series-wrong.occurrences has the moved date at its original
	# time and the EXDATE in place of the last date.
	for v in "${validators[@]}"; do
		if occurrences "$v" "$td/series.ics" "$td/series.occurrences" >/dev/null; then
			printf 'ok   %-8s expands %s\n' "$v" testdata/series.ics
		else
			occurrences "$v" "$td/series.ics" "$td/series.occurrences"
			failed=1
		fi
		if occurrences "$v" "$td/series.ics" "$td/series-wrong.occurrences" >/dev/null; then
			printf 'FAIL %-8s matches %s\n' "$v" testdata/series-wrong.occurrences
			failed=1
		else
			printf 'ok   %-8s differs from %s\n' "$v" testdata/series-wrong.occurrences
		fi
	done
	if [ $failed -ne 0 ]; then
		echo "self-test FAILED: a checker accepts a bad file or rejects the good one"
		return 1
	fi
	echo "self-test passed"
}

[ $# -gt 0 ] || usage
prerequisites
if [ "$1" = --selftest ]; then
	[ $# -eq 1 ] || usage
	selftest
	exit $?
fi

failed=0
for f in "$@"; do
	if [ ! -f "$f" ]; then
		printf 'FAIL %-8s %s (no such file)\n' - "$f"
		failed=1
		continue
	fi
	for v in "${validators[@]}"; do
		check "$v" "$f" || failed=1
	done
	list=${f%.ics}.occurrences
	if [ -f "$list" ]; then
		for v in "${validators[@]}"; do
			occurrences "$v" "$f" "$list" || failed=1
		done
	fi
done
exit $failed
