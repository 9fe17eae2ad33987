#!/bin/sh
# test-a11y.sh
#
# Copyright 2026 The Aushang authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs test-a11y.py (the accessible tree) or test-keyboard.py on a display
# and a D-Bus session of their own: the accessibility bus (at-spi2-core) is
# started by D-Bus on demand, and keys sent with xdotool reach only this
# test's window. Needs Xvfb, dbus-run-session, xdotool and a Python with
# PyGObject and the Atspi typelib (build-aux/dev installs them all).
set -eu

script="$1"
shift

python=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null; then
    python="$p"
    break
  fi
done
if [ -z "$python" ]; then
  echo "1..0 # SKIP no Python with PyGObject and Atspi (packages python3-gi, gir1.2-atspi-2.0)"
  exit 0
fi

tmp=$(mktemp -d)
xvfb=
trap 'if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT INT TERM

# A display of our own: Xvfb writes its number to fd 3. Tests that start
# their Xvfb at the same moment can race for a number, and under load a
# server can be slow or gone by the time the program connects ("cannot
# open display"): the display counts as up only once a client can talk to
# it, else a new server is started, up to five times. -noreset: an X
# server resets when its last client leaves (the readiness check, the
# accessibility bus launcher), and a program connecting during the reset
# cannot open the display.
start_display() {
  : >"$tmp/display"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
  xvfb=$!
  for _ in $(seq 200); do
    [ -s "$tmp/display" ] && break
    kill -0 "$xvfb" 2>/dev/null || return 1
    sleep 0.1
  done
  [ -s "$tmp/display" ] || return 1
  DISPLAY=":$(cat "$tmp/display")"
  export DISPLAY
  for _ in $(seq 100); do
    kill -0 "$xvfb" 2>/dev/null || return 1
    xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

started=
for attempt in 1 2 3 4 5; do
  if start_display; then
    started=1
    break
  fi
  echo "# the display did not come up (attempt $attempt): $(tr '\n' ' ' <"$tmp/xvfb.log")"
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  xvfb=
  sleep 1
done
if [ -z "$started" ]; then
  echo "Bail out! no X display could be started for this test"
  exit 1
fi
unset WAYLAND_DISPLAY

# libatspi warns when the program's cache is not up yet; not fatal here.
# Only TAP goes to stdout: the script writes it to fd 3, while its stdout,
# inherited by the D-Bus session's daemons (at-spi2-registryd says it is
# running there), goes to stderr.
G_DEBUG= dbus-run-session -- "$python" "$script" "$@" 3>&1 1>&2
