#!/usr/bin/env bash
# Copies the screenshots of the last E2E run (test-results/screenshots/, written by
# `npm run test:e2e`) into media/screenshots/, where the README shows them. Review, then commit.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=test-results/screenshots
DEST=media/screenshots
shopt -s nullglob
shots=("$SRC"/*.png)
if ((${#shots[@]} == 0)); then
  echo "update-screenshots: no screenshots in $SRC: run \`npm run test:e2e\` first" >&2
  exit 1
fi
mkdir -p "$DEST"
for shot in "${shots[@]}"; do
  cp "$shot" "$DEST/"
  echo "update-screenshots: $DEST/$(basename "$shot")"
done
