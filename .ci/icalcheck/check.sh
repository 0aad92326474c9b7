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
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
validators=(libical icaljs nodeical python sabre)

usage() {
	echo "usage: $0 FILE... | $0 --selftest" >&2
	exit 2
}

prerequisites() {
	local missing=()
	[ -x "$here/build/icalvalidate" ] || missing+=("build/icalvalidate")
	[ -d "$here/node_modules/ical.js" ] && [ -d "$here/node_modules/node-ical" ] || missing+=("node_modules")
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=("python3-icalendar")
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
done
exit $failed
