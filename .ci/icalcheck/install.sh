#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# install.sh: installs the five iCalendar checkers that check.sh runs (and
# their expanders of series), on
# Debian 12 with Node.js 20 already present. Safe to run again: it installs
# only missing Debian packages, reinstalls the npm packages only when
# package-lock.json changed, and rebuilds the C validator only when its
# source changed. Needs root (or sudo) for apt-get.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
packages=(libical-dev pkg-config gcc libc6-dev python3-icalendar python3-recurring-ical-events php-cli php-sabre-vobject)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "icalcheck: installing ${missing[*]}"
	apt_install() {
		as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
			--no-install-recommends "${missing[@]}" >/dev/null
	}
	# The caller normally ran apt-get update; if the lists are stale or
	# absent, update once and try again.
	if ! apt_install; then
		as_root apt-get -o DPkg::Lock::Timeout=300 update -qq
		apt_install
	fi
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
	echo "icalcheck: Node.js 20 or later is needed (ical.js 2.2.1, node-ical 0.26.1)" >&2
	exit 1
fi
stamp=$here/node_modules/.nordcal-lock.sha256
want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	echo "icalcheck: npm ci"
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
	echo "$want" >"$stamp"
fi

mkdir -p "$here/build"
if [ ! -x "$here/build/icalvalidate" ] || [ "$here/validate-libical.c" -nt "$here/build/icalvalidate" ]; then
	echo "icalcheck: building build/icalvalidate"
	# shellcheck disable=SC2046 # pkg-config prints several words on purpose
	gcc -O2 -Wall -Wextra -Werror -o "$here/build/icalvalidate" "$here/validate-libical.c" \
		$(pkg-config --cflags --libs libical)
fi
if [ ! -x "$here/build/icalexpand" ] || [ "$here/expand-libical.c" -nt "$here/build/icalexpand" ]; then
	echo "icalcheck: building build/icalexpand"
	# shellcheck disable=SC2046 # pkg-config prints several words on purpose
	gcc -O2 -Wall -Wextra -Werror -o "$here/build/icalexpand" "$here/expand-libical.c" \
		$(pkg-config --cflags --libs libical)
fi
echo "icalcheck: ready"
