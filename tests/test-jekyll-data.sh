#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Data lists, end to end: the event calendar and the team list of a
# throw-away Jekyll site are edited only through the aushang command line
# (--entry, --new-entry, --hide-entry, --show-entry, --remove-entry with
# --set/--set-yaml/--unset). Then the real `jekyll build` runs; pages print
# `site.data.events | jsonify` and `site.data.team | jsonify`, and the list
# sorted with `sort: 'date'`, and a Ruby checker compares what Jekyll read
# with what was written. The iCalendar export is read with Python's
# icalendar (Debian: python3-icalendar) and its start and end compared.
#
# Environment: AUSHANG_BINARY (the built aushang). Needs jekyll, ruby and
# python3-icalendar; no network. Output is TAP.

set -u -o pipefail

n=0
failures=0

bail () {
  echo "Bail out! $*"
  exit 1
}

ok () {
  n=$((n + 1))
  echo "ok $n - ${1//\#/\\#}"
}

not_ok () {
  n=$((n + 1))
  failures=$((failures + 1))
  echo "not ok $n - ${1//\#/\\#}"
  shift
  local line
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/#   /'
  done
}

check () {
  local description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

# --- Preconditions: never skip, bail out ----------------------------------

aushang=${AUSHANG_BINARY:-}
[ -n "$aushang" ] && [ -x "$aushang" ] || bail "AUSHANG_BINARY is not an executable file: '$aushang'"
command -v jekyll >/dev/null 2>&1 || bail "jekyll is not installed (Debian: apt install jekyll)"
command -v ruby >/dev/null 2>&1 || bail "ruby is not installed"
# Debian's own Python, where python3-icalendar installs (not a user's pyenv).
# (Its pytz knows the zone rules up to 2037: the events are dated 2036, in
# the future, and still within them.)
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
"$python" -c 'import icalendar' 2>/dev/null || bail "python3-icalendar is not installed (Debian: apt install python3-icalendar)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aushang-test-jekyll-data.XXXXXX") || bail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

site=$tmp/site
mkdir -p "$site/_data" "$site/_beitraege" "$site/_layouts" "$tmp/home" || bail "cannot create the test site"
export HOME=$tmp/home
export LC_ALL=C.UTF-8
export LANG=C.UTF-8
export TZ=UTC

cat >"$site/_config.yml" <<'EOF'
title: Testlabor
timezone: Europe/Berlin
url: "https://labor.example"
collections:
  beitraege:
    output: true
    permalink: /beitraege/:name/
EOF

printf -- '---\ntitle: Ansage Repair-Café\n---\nText\n' >"$site/_beitraege/repair-cafe.md"

# An events list as civic sites keep it: quoted dates, a comment inside an
# entry, a commented-out key, an event hidden by hand.
cat >"$site/_data/events.yml" <<'EOF'
# Veranstaltungen

- title: "Repair-Café"
  date: "2036-05-06"
  time: "16:30"
  duration: "3 Stunden"
  location: "Rathaus, Saal 2"
  booking_url: "/beitraege/repair-cafe/"
  featured: false

- title: "KI und die Zivilgesellschaft"
  date: "2036-06-17"
  time: "18:00"
  duration: "1,5 Stunden"
  # Ort folgt
  category: "Vortrag"
  featured: true
#  topic: "ki-zivilgesellschaft"

#- title: "Abgesagt: Lötkurs"
#  date: "2036-07-01"
#  featured: false

- title: "Sommerfest"
  date: "2036-08-20"
  time: "17:00"
  featured: false
EOF

cat >"$site/_data/team.yml" <<'EOF'
- name: "Jörg Müller"
  role: "Leitung"
  expertise:
    - "Werkstatt"
  email: "joerg@labor.example"
  order: 1.1

- name: "Aylin Demir"
  role: "Veranstaltungen"
  expertise:
    - "Moderation"
  email: "aylin@labor.example"
  order: 1.2
EOF

cat >"$site/events.json" <<'EOF'
---
layout: null
---
{{ site.data.events | jsonify }}
EOF
cat >"$site/team.json" <<'EOF'
---
layout: null
---
{{ site.data.team | jsonify }}
EOF
cat >"$site/sorted.txt" <<'EOF'
---
layout: null
---
{% assign sorted = site.data.events | sort: 'date' %}{% for e in sorted %}{{ e.date }} {{ e.title }}
{% endfor %}
EOF

events=$site/_data/events.yml
team=$site/_data/team.yml

# run DESCRIPTION ARG...: aushang ARG... must succeed.
run () {
  local description=$1
  shift
  if "$aushang" "$@" >"$tmp/out" 2>"$tmp/err"; then
    ok "$description"
  else
    not_ok "$description" "exit status $?" "$(cat "$tmp/err")"
  fi
}

# --- Edits through the command line ----------------------------------------

cp "$events" "$tmp/events-before.yml"
run "--hide-entry 2 then --show-entry 2" --hide-entry 2 "$events"
check "… hidden, the entry's lines start with '# '" grep -qxF '# - title: "KI und die Zivilgesellschaft"' "$events"
run "--show-entry 2" --show-entry 2 "$events"
check "hide then show gives back the same bytes" cmp -s "$events" "$tmp/events-before.yml"

run "--entry 2 with --set, --set-yaml and --unset" --entry 2 \
  --set 'title=Neu: „KI“ & mehr, #1' --set date=18.06.2036 --set time=16:30 \
  --set-yaml 'tags=[a, "b, c"]' --unset duration "$events"
run "--new-entry placed by its date" --new-entry --set title=Lesung --set date=2036-07-15 \
  --set time=19:00 --set featured=nein --set-yaml 'gaeste=12' "$events"
check "… and says which entry it became" grep -qF "entry 4" "$tmp/err"
run "--show-entry 3 (the one hidden by hand)" --show-entry 3 "$events"
run "--hide-entry 1" --hide-entry 1 "$events"
run "--new-entry in the team list" --new-entry --set 'name=Tomáš Horák' --set role=Bildung \
  --set-yaml 'expertise=[Robotik, "C, C++"]' "$team"

expected_events=$(cat <<'EOF'
# Veranstaltungen

# - title: "Repair-Café"
#   date: "2036-05-06"
#   time: "16:30"
#   duration: "3 Stunden"
#   location: "Rathaus, Saal 2"
#   booking_url: "/beitraege/repair-cafe/"
#   featured: false

- title: "Neu: „KI“ & mehr, #1"
  date: "2036-06-18"
  time: "16:30"
  # Ort folgt
  category: "Vortrag"
  featured: true
  tags:
    - "a"
    - "b, c"
#  topic: "ki-zivilgesellschaft"

- title: "Abgesagt: Lötkurs"
  date: "2036-07-01"
  featured: false

- title: "Lesung"
  date: "2036-07-15"
  time: "19:00"
  featured: false
  gaeste: 12

- title: "Sommerfest"
  date: "2036-08-20"
  time: "17:00"
  featured: false
EOF
)
if [ "$(cat "$events")" = "$expected_events" ]; then
  ok "the events file has exactly the expected bytes"
else
  not_ok "the events file has exactly the expected bytes" "$(diff <(echo "$expected_events") "$events")"
fi

expected_team_tail=$(cat <<'EOF'
  order: 1.2

- name: "Tomáš Horák"
  role: "Bildung"
  expertise:
    - "Robotik"
    - "C, C++"
  order: 1.3
EOF
)
if [ "$(tail -n 8 "$team")" = "$expected_team_tail" ]; then
  ok "the new team member is written like the others, with the next order number"
else
  not_ok "the new team member is written like the others, with the next order number" "$(tail -n 8 "$team")"
fi

# --- Refusals ---------------------------------------------------------------

cp "$events" "$tmp/events-kept.yml"
"$aushang" --entry 0 --set title=x "$events" 2>/dev/null; status=$?
check "--entry 0 is a usage error (2)" test "$status" -eq 2
"$aushang" --entry 2 "$events" 2>/dev/null; status=$?
check "--entry without an edit is a usage error (2)" test "$status" -eq 2
"$aushang" --remove-entry 9 "$events" 2>"$tmp/err"; status=$?
check "--remove-entry of an entry that does not exist exits 1" test "$status" -eq 1
check "… and says how many there are" grep -qF "5 entries" "$tmp/err"
"$aushang" --entry 1 --set title=x "$events" 2>"$tmp/err"; status=$?
check "changing a hidden entry is refused" test "$status" -eq 1
check "… the file is unchanged" cmp -s "$events" "$tmp/events-kept.yml"
printf -- '- title: "offen\n  date: "2036-01-01"\n' >"$tmp/broken.yml"
cp "$tmp/broken.yml" "$tmp/broken-before.yml"
"$aushang" --new-entry --set title=x "$tmp/broken.yml" 2>"$tmp/err"; status=$?
check "a data file Jekyll cannot read is never rewritten" cmp -s "$tmp/broken.yml" "$tmp/broken-before.yml"
check "… the command exits 1 and names the line" bash -c 'test "$1" -eq 1 && grep -q "line 2" "$2"' _ "$status" "$tmp/err"

# --- Jekyll reads what was written -------------------------------------------

if ! (cd "$site" && jekyll build --quiet) >"$tmp/jekyll.log" 2>&1; then
  not_ok "jekyll builds the edited site" "$(cat "$tmp/jekyll.log")"
else
  ok "jekyll builds the edited site"
fi

ruby - "$site/_site/events.json" "$site/_site/team.json" >"$tmp/ruby.out" 2>&1 <<'RUBY'
require "json"
events = JSON.parse(File.read(ARGV[0]))
team = JSON.parse(File.read(ARGV[1]))
failures = []
expect = lambda do |what, got, want|
  failures << "#{what}: got #{got.inspect}, want #{want.inspect}" unless got == want
end
expect.call("titles Jekyll sees", events.map { |e| e["title"] },
            ["Neu: „KI“ & mehr, #1", "Abgesagt: Lötkurs", "Lesung", "Sommerfest"])
expect.call("edited entry", events[0],
            { "title" => "Neu: „KI“ & mehr, #1", "date" => "2036-06-18", "time" => "16:30",
              "category" => "Vortrag", "featured" => true, "tags" => ["a", "b, c"] })
expect.call("new entry", events[2],
            { "title" => "Lesung", "date" => "2036-07-15", "time" => "19:00", "featured" => false, "gaeste" => 12 })
expect.call("shown entry", events[1], { "title" => "Abgesagt: Lötkurs", "date" => "2036-07-01", "featured" => false })
expect.call("new team member", team[2],
            { "name" => "Tomáš Horák", "role" => "Bildung", "expertise" => ["Robotik", "C, C++"], "order" => 1.3 })
expect.call("team size", team.length, 3)
puts failures
exit(failures.empty? ? 0 : 1)
RUBY
if [ $? -eq 0 ]; then
  ok "site.data.events and site.data.team hold exactly the values written"
else
  not_ok "site.data.events and site.data.team hold exactly the values written" "$(cat "$tmp/ruby.out")"
fi

expected_sorted=$(printf '%s\n' "2036-06-18 Neu: „KI“ & mehr, #1" "2036-07-01 Abgesagt: Lötkurs" \
  "2036-07-15 Lesung" "2036-08-20 Sommerfest")
if [ "$(sed '/^$/d' "$site/_site/sorted.txt")" = "$expected_sorted" ]; then
  ok "sort: 'date' still puts the events in order"
else
  not_ok "sort: 'date' still puts the events in order" "$(cat "$site/_site/sorted.txt")"
fi
check "the hidden event is not on the page" bash -c '! grep -q "Repair-Café" "$1"' _ "$site/_site/events.json"

# --- Text that YAML would read as something else ---------------------------

titles=(
  "no" "yes" "Off" "null" "~" "2025-11-04" "12:30" "1.10" "0x1F" "- item" "#tag"
  "Hallo: Welt" "*stern" "&anker" "'single'" "\"double\"" "a: b # c" "[eckig]"
  "{{ site.title }}" "Ümlaute äöüß" $'Zeile eins\nZeile zwei' " leading" "trailing "
)
cp "$team" "$tmp/team-copy.yml"
i=0
for title in "${titles[@]}"; do
  i=$((i + 1))
  "$aushang" --entry 1 --set "role=$title" "$tmp/team-copy.yml" 2>"$tmp/err" || not_ok "--set role $(printf %q "$title")" "$(cat "$tmp/err")"
  cp "$tmp/team-copy.yml" "$site/_data/team.yml"
  (cd "$site" && jekyll build --quiet) >"$tmp/jekyll.log" 2>&1
  got=$(ruby -rjson -e 'print JSON.parse(File.read(ARGV[0]))[0]["role"].inspect' "$site/_site/team.json")
  want=$(ruby -e 'print ARGV[0].inspect' -- "$title")
  if [ "$got" = "$want" ]; then
    ok "role $want is read back by Jekyll as the same text"
  else
    not_ok "role $want is read back by Jekyll as the same text" "Jekyll read $got" "$(grep -A1 'role:' "$tmp/team-copy.yml" | head -3)"
  fi
done

# --- --check --------------------------------------------------------------

cat >"$site/_data/checks.yml" <<'EOF'
- title: A
  date: "2036-06-17"
  time: 18:00
  booking_url: "/beitraege/gibt-es-nicht/"
- title: B
  date: "17.07.2036"
  time: "18:00"
  booking_url: "/beitraege/repair-cafe/"
- title: C
  date: "2036-08-01"
EOF
out=$("$aushang" --check "$site" 2>/dev/null); status=$?
check "--check on the site covers its data files" grep -q "_data/checks.yml" <<<"$out"
check "… 18:00 without quotes is an error at its line" grep -qE "_data/checks.yml:3:1: error: .*64800" <<<"$out"
check "… a site path to no page is a warning at its line" grep -qE "_data/checks.yml:4:1: warning: .*gibt-es-nicht" <<<"$out"
check "… a date in another form is a warning at its line" grep -qE "_data/checks.yml:6:1: warning: .*2036-07-17" <<<"$out"
check "… a link to an existing page is fine" bash -c '! grep -q "_data/checks.yml:8:" <<<"$1"' _ "$out"
check "… and it exits 1 for the error" test "$status" -eq 1
out=$("$aushang" --check "$site/_data/checks.yml" 2>/dev/null)
check "--check on one data file checks it as data" grep -qE "checks.yml:3:1: error: " <<<"$out"
printf -- '- title: "offen\n' >"$site/_data/kaputt.yml"
out=$("$aushang" --check "$site" 2>/dev/null)
check "a data file's YAML error is reported at its line" grep -qE "_data/kaputt.yml:1:[0-9]+: error: " <<<"$out"
rm -f "$site/_data/checks.yml" "$site/_data/kaputt.yml"

# --- iCalendar -------------------------------------------------------------

"$aushang" --ics "$events" 2 >"$tmp/one.ics" 2>"$tmp/err"; status=$?
check "--ics FILE N exits 0" test "$status" -eq 0
"$aushang" --ics "$events" >"$tmp/all.ics" 2>"$tmp/err"; status=$?
check "--ics FILE (every upcoming event) exits 0" test "$status" -eq 0

"$python" - "$tmp/one.ics" "$tmp/all.ics" >"$tmp/py.out" 2>&1 <<'PY'
import sys
from datetime import datetime, date, timedelta, timezone
import icalendar

failures = []
def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")

one = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = list(one.walk("VEVENT"))
expect("events in one", len(events), 1)
e = events[0]
start, end = e.decoded("DTSTART"), e.decoded("DTEND")
# 16:30 in Berlin in June is 14:30 UTC; 90 minutes long ("1,5 Stunden" was
# removed, so the default of two hours applies).
expect("start (UTC)", start.astimezone(timezone.utc), datetime(2036, 6, 18, 14, 30, tzinfo=timezone.utc))
expect("end (UTC)", end.astimezone(timezone.utc), datetime(2036, 6, 18, 16, 30, tzinfo=timezone.utc))
expect("summary", str(e["SUMMARY"]), "Neu: „KI“ & mehr, #1")
expect("categories", [str(c) for c in e.get("CATEGORIES").cats] if e.get("CATEGORIES") else None, ["Vortrag"])

all_ = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
events = {str(e["SUMMARY"]): e for e in all_.walk("VEVENT")}
expect("upcoming events", sorted(events), sorted(["Neu: „KI“ & mehr, #1", "Abgesagt: Lötkurs", "Lesung", "Sommerfest"]))
s = events["Abgesagt: Lötkurs"]
expect("all-day start", s.decoded("DTSTART"), date(2036, 7, 1))
expect("all-day end", s.decoded("DTEND"), date(2036, 7, 2))
s = events["Sommerfest"]
expect("Sommerfest start (UTC)", s.decoded("DTSTART").astimezone(timezone.utc), datetime(2036, 8, 20, 15, 0, tzinfo=timezone.utc))
expect("Sommerfest end (UTC)", s.decoded("DTEND").astimezone(timezone.utc), datetime(2036, 8, 20, 17, 0, tzinfo=timezone.utc))
uids = [str(e["UID"]) for e in all_.walk("VEVENT")]
expect("distinct UIDs", len(set(uids)), len(uids))
print("\n".join(failures))
sys.exit(1 if failures else 0)
PY
if [ $? -eq 0 ]; then
  ok "the .ics parses with python3-icalendar, with the right starts and ends"
else
  not_ok "the .ics parses with python3-icalendar, with the right starts and ends" "$(cat "$tmp/py.out")"
fi

# The duration read from the text.
"$aushang" --entry 2 --set 'duration=1,5 Stunden' "$events" 2>/dev/null
"$aushang" --ics "$events" 2 >"$tmp/one.ics" 2>/dev/null
end=$("$python" -c 'import sys, icalendar; e = next(iter(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"))); print((e.decoded("DTEND") - e.decoded("DTSTART")).total_seconds())' "$tmp/one.ics")
check "\"1,5 Stunden\" makes the event 90 minutes long" test "$end" = "5400.0"

echo "1..$n"
[ "$failures" -eq 0 ]
