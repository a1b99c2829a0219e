#!/usr/bin/env bash
# The project's test command (CI runs exactly this): lints the shell scripts, then builds every module and
# runs every test with Maven. Needs Java 17 and Maven; installs shellcheck from Debian when it is missing and
# this runs as root. Tests that need ../shared/data or the Maven-unpacked models skip with a message when absent;
# with --require-data (what CI passes) they fail instead, so a green run means every one of them ran.
# Other arguments go to Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v shellcheck > /dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    echo "Installing shellcheck (Debian package)"
    apt-get update -qq > /dev/null && apt-get install -y -qq shellcheck > /dev/null
  else
    echo "test: shellcheck is missing; install the Debian package 'shellcheck'" >&2
    exit 1
  fi
fi
echo "shellcheck: scripts/*.sh scripts/lib/*.sh bin/embedlab .ci/run"
shellcheck -x scripts/*.sh scripts/lib/*.sh bin/embedlab .ci/run

maven_args=()
for arg in "$@"; do
  if [[ "$arg" == --require-data ]]; then maven_args+=(-Dembedlab.requireTestData=true); else maven_args+=("$arg"); fi
done
mvn -B install "${maven_args[@]}"
