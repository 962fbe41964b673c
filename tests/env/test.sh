#!/usr/bin/env bash
# Quick start's second command: sets everything up and runs the whole test suite — lint and type
# checks, daemon and block unit tests, PHPUnit against a real WordPress, and the browser test.
set -euo pipefail
export AFFLUX_ENV=test
source "$(dirname "${BASH_SOURCE[0]}")/env-config.sh"
cd "$AFFLUX_ROOT"

step() { printf '\n== afflux test: %s\n' "$*"; }

step "setup"
bash tests/env/setup.sh

step "lint and type checks"
npm run --silent lint

step "daemon and block unit tests (jest)"
npx jest --selectProjects daemon blocks --ci

step "starting the test environment (WordPress, sandbox network, daemon)"
trap 'bash tests/env/stop.sh >/dev/null' EXIT
bash tests/env/start.sh --detach --skip-setup

step "plugin tests against WordPress (PHPUnit)"
npm run --silent test:php

step "end-to-end tests in Chromium"
npm run --silent test:e2e

step "all suites passed"
