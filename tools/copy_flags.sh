#!/bin/sh
# Copy the countries' flags from node_modules/flag-icons (pinned in package-lock.json) into
# static/flags/4x3/, where collectstatic and whitenoise find them: drawn by members' {% flag %}
# tag as <img>, never loaded from another host. Only the 4x3 SVGs named by a two-letter code
# (every ISO 3166-1 country django-countries knows, about 1.7 MB); the package's regions and
# organisations (gb-sct, arab, asean...) and its 1x1 set are left out. Run by `make flags`
# (part of `make install`) and by the Dockerfile's asset stage.
set -eu
cd "$(dirname "$0")/.."
source=node_modules/flag-icons
target=static/flags
mkdir -p "$target/4x3"
cp "$source"/flags/4x3/??.svg "$target/4x3/"
# The MIT licence asks that its notice travel with the flags.
cp "$source/LICENSE" "$target/flag-icons-LICENSE.txt"
