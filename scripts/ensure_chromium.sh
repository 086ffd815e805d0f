#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing and we can (root + apt).
# Never fails the build by itself: the browser tests say why they skip (or fail under CI=true).
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure_chromium: $CHROMIUM is missing; installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null \
    && echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null)" \
    || echo "ensure_chromium: apt-get could not install chromium"
else
  echo "ensure_chromium: $CHROMIUM is missing and this is not root with apt-get;" \
       "install Chromium yourself (or set CHROMIUM_PATH) to run the browser tests"
fi
exit 0
