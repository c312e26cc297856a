#!/usr/bin/env bash
# Runs every Karabeat test: unit tests, the configuration catalogue, Pax Exam tests of the assembled
# distribution and the process tests of bin/karabeat. Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")"
tools/prerequisites.sh --test
exec mvn -B verify "$@"
