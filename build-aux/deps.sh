#!/bin/sh
# deps.sh [PACKAGE...] - install the Debian packages pressline needs that
# are missing.  As root it runs apt-get non-interactively; otherwise it
# prints the command to run and fails.  Prints nothing when all is there.
set -eu
pkgs=${*:-"build-essential pkgconf libutf8proc-dev libyaml-dev libcriterion-dev mandoc parallel"}
missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "deps: missing:$missing" >&2
	echo "deps: run: sudo apt-get install$missing" >&2
	exit 1
fi
