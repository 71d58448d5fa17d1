#!/usr/bin/env bash
# Makes and prints a new folder for one test run's files (`make test`). The suite writes thousands of small stores
# and waits for the disk at each commit, so the folder is in memory (/dev/shm) when that has 4 GiB free (a run
# writes about 2 GiB), otherwise in the usual temporary folder. The tests are the same either way: the app's
# fsyncs still run, they just return at once. The caller removes the folder.
set -euo pipefail
base="${TMPDIR:-/tmp}"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  free_kib="$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')"
  if [ "${free_kib:-0}" -ge $((4 * 1024 * 1024)) ]; then base=/dev/shm; fi
fi
folder="$(mktemp -d "$base/charity-pos-tests.XXXXXX")"
chmod 755 "$folder"  # the tests' PostgreSQL server runs as the postgres user and keeps its data in here
echo "$folder"
