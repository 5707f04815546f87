#!/bin/sh
# Copy the portal's web fonts from node_modules/@fontsource (pinned in package-lock.json) into
# static/fonts/, where collectstatic and whitenoise find them: never loaded from another host.
# Only what static/css/site.css's @font-face rules name: Noto Sans (latin, latin-ext; 400, 600,
# 700) and Noto Sans Arabic (arabic; 400, 700), woff2. Run by `make fonts` (part of
# `make install`) and by the Dockerfile's asset stage.
set -eu
cd "$(dirname "$0")/.."
source=node_modules/@fontsource
target=static/fonts
mkdir -p "$target"
for weight in 400 600 700; do
  for subset in latin latin-ext; do
    cp "$source/noto-sans/files/noto-sans-$subset-$weight-normal.woff2" "$target/"
  done
done
for weight in 400 700; do
  cp "$source/noto-sans-arabic/files/noto-sans-arabic-arabic-$weight-normal.woff2" "$target/"
done
# The SIL Open Font License asks that the licence travel with the fonts.
for family in noto-sans noto-sans-arabic; do
  cp "$source/$family/LICENSE" "$target/$family-OFL.txt"
done
