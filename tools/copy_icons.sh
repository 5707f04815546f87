#!/bin/sh
# Copy the interface's icons from node_modules/@tabler/icons (pinned in package-lock.json) into
# static/icons/, where the {% icon %} tag (members/templatetags/icons.py) reads them to draw them
# inline: never loaded from another host. Only the icons the templates name (listed below; the
# package has about 6,000); tests/portal/test_icons.py checks that every {% icon "..." %} in the
# templates is in this list. Outline style, 24x24, stroked in currentColor. Run by `make icons`
# (part of `make install`) and by the Dockerfile's asset stage.
set -eu
cd "$(dirname "$0")/.."
source=node_modules/@tabler/icons/icons/outline
target=static/icons
# Interface: search, menu, links, dates, places, languages, pages, feeds, files to download,
# following a session or a document series (bell, bell-off).
ui="search menu-2 external-link calendar map-pin language home rss download chevron-left chevron-right bell bell-off"
# Document types (governance's Document.Type), decisions, file formats.
documents="file-text file-pencil report-money target-arrow info-circle gavel file-type-pdf file-type-docx file"
# Access classes (Document.Access): public, members, restricted, secretariat only.
access="world users lock shield-lock"
# Attendance (check-in with the badge): checked in, refused, scan with the camera.
attendance="check x camera"
mkdir -p "$target"
for name in $ui $documents $access $attendance; do
  cp "$source/$name.svg" "$target/"
done
# The MIT licence asks that its notice travel with the icons.
cp "$source/../../LICENSE" "$target/tabler-icons-LICENSE.txt"
