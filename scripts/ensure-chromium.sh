#!/usr/bin/env bash
# Make sure the browser the browser tests drive is present. The tests use the system's Chromium rather than one
# downloaded by Playwright, so that the same packaged, security-patched browser runs on every machine.
# On a developer machine a missing browser is installed from Debian; in CI it is an error, because a suite that
# quietly skipped the browser tests would pass without checking what patients see.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"

log() { echo "ensure-chromium: $*" >&2; }

if [ -x "$browser" ]; then
  exit 0
fi

if [ "${CI:-}" = "true" ]; then
  log "no browser at $browser. The browser tests need Chromium: install Debian's 'chromium' package in the CI"
  log "image, or set CHROMIUM_PATH to a Chromium executable."
  exit 1
fi

command -v apt-get >/dev/null || { log "no browser at $browser and no apt-get to install one; set CHROMIUM_PATH"; exit 1; }
sudo=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null || { log "installing Chromium needs root; run: apt-get install chromium"; exit 1; }
  sudo="sudo"
fi
log "no browser at $browser; installing Debian's chromium"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null

if [ ! -x "$browser" ]; then
  log "installed chromium, but there is still no browser at $browser; set CHROMIUM_PATH to /usr/bin/chromium"
  exit 1
fi
