#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Guarantee 2: what Aushang writes, Jekyll 4.3 reads back to the same values.
#
# The script builds a throw-away Jekyll site whose documents are edited only
# through the aushang command line (--set, --set-yaml, --unset). It then runs
# the real `jekyll build`; a layout prints every page's front matter as JSON,
# each value as Ruby's `inspect` of it, so a string "no" and the boolean
# false, or the string "2025-11-04" and a Date, can be told apart. A Ruby
# checker compares each value with what was asked for:
#
#   string  --set KEY=TEXT must come back as exactly TEXT, a String;
#   yaml    --set-yaml KEY=YAML must come back as what Jekyll's own YAML
#           loader makes of that same YAML text;
#   ruby    a value written out as a Ruby expression (used where Jekyll
#           post-processes a key, as it does for date, categories and tags);
#   absent  the document must not be published at all.
#
# It also checks that the parts of each file the edits did not touch (YAML
# comments, unknown keys, the body) are still there byte for byte.
#
# Environment: AUSHANG_BINARY (the built aushang executable), optionally
# AUSHANG_SOURCE_DIR. Needs `jekyll` and `ruby` (Debian: jekyll), no network.
# Output is TAP; the exit status is non-zero if any assertion fails.

set -u -o pipefail

n=0
failures=0

bail () {
  echo "Bail out! $*"
  exit 1
}

# quote TEXT: TEXT as a one-line, JSON-like quoted string for TAP output.
quote () {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

# TAP wants '#' in a description escaped.
ok () {
  n=$((n + 1))
  echo "ok $n - ${1//\#/\\#}"
}

# not_ok DESCRIPTION [DIAGNOSTIC LINE...]
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

# --- Preconditions: never skip, bail out ----------------------------------

if [ -z "${AUSHANG_BINARY:-}" ] || [ ! -x "${AUSHANG_BINARY}" ]; then
  bail "AUSHANG_BINARY is not an executable file: '${AUSHANG_BINARY:-}'"
fi
command -v jekyll >/dev/null 2>&1 || bail "jekyll is not installed (Debian: apt install jekyll)"
command -v ruby >/dev/null 2>&1 || bail "ruby is not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aushang-test-jekyll.XXXXXX") || bail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

site=$tmp/site
out=$tmp/out
expectations=$tmp/expect
mkdir -p "$site/_beitraege" "$site/_posts" "$site/_layouts" "$expectations" "$tmp/home" \
  || bail "cannot create the test site"

export HOME=$tmp/home
export LC_ALL=C.UTF-8
export LANG=C.UTF-8
export TZ=UTC

# --- The site --------------------------------------------------------------

cat >"$site/_config.yml" <<'EOF'
title: Aushang-Testseite
timezone: UTC
permalink: /posts/:year/:month/:day/:title/
collections:
  beitraege:
    output: true
    permalink: /beitraege/:name/
defaults:
  - scope:
      path: ""
    values:
      layout: json
EOF

# Each field is given as Ruby's inspect of the value, which names the type
# ("no" versus false, "2025-11-04" versus a Date) and, unlike jsonify, does not
# stop the build on .inf or .nan.
fields="title teaser authors author categories tags published code zahl nummer
  oktal sexagesimal datum beginn entfernen foerderkennzeichen veranstaltung"
{
  echo '{'
  echo '  "path": {{ page.path | jsonify }},'
  for f in $fields; do
    echo "  \"$f\": {{ page.$f | inspect | jsonify }},"
  done
  echo '  "date_fmt": {{ page.date | date: "%Y-%m-%d %H:%M:%S %z" | inspect | jsonify }},'
  echo '  "date_raw": {{ page.date | jsonify }}'
  echo '}'
} >"$site/_layouts/json.html"

# The front matter every document starts from: comments, unknown keys, a
# nested mapping, quoted and plain values, values spanning several lines, a
# flow list and an indentless block list.
write_template () {
  cat <<'EOF'
---
# Kommentar in der Titelei: muss erhalten bleiben
title: "Vorlage, deren Titel
  über zwei Zeilen geht"
teaser: >-
  Ein Anreißer als gefalteter Block,
  ebenfalls über zwei Zeilen.
authors:
  - "Aylin Demir"
  - Tomáš Horák
categories: [Alt, "Älter"]
tags:
- alt
- älter
# Kommentar zwischen zwei Schlüsseln: bleibt auch
foerderkennzeichen: FKZ-2025/17   # Kommentar am Zeilenende
veranstaltung:
  ort: 'Rathaus, Saal 2'
  plaetze: 30
entfernen: dieser Schlüssel wird gelöscht
date: 2025-01-02
---

Inhalt des Beitrags mit **Markdown** und einer Liste:

- eins
- zwei
EOF
}

# The lines of the template that no edit in this test touches.
kept_lines=(
  "# Kommentar in der Titelei: muss erhalten bleiben"
  "# Kommentar zwischen zwei Schlüsseln: bleibt auch"
  "foerderkennzeichen: FKZ-2025/17   # Kommentar am Zeilenende"
  "veranstaltung:"
  "  ort: 'Rathaus, Saal 2'"
  "  plaetze: 30"
)
# body_of: the lines after the closing line of the front matter.
body_of () {
  awk 'n >= 2 { print; next } /^(---|\.\.\.)$/ { n++ }'
}
write_template | body_of >"$tmp/body"

docs=()

# new_doc RELATIVE-PATH: writes the template to the site.
new_doc () {
  write_template >"$site/$1"
  docs+=("$1")
}

expectation_count=0

# expect DOC FIELD KIND VALUE DESCRIPTION: one assertion for the Ruby checker.
# The files carry the exact bytes, so no value is ever quoted twice.
expect () {
  local id
  expectation_count=$((expectation_count + 1))
  id=$(printf '%04d' "$expectation_count")
  printf '%s' "$1" >"$expectations/$id.doc"
  printf '%s' "$2" >"$expectations/$id.field"
  printf '%s' "$3" >"$expectations/$id.kind"
  printf '%s' "$4" >"$expectations/$id.value"
  printf '%s' "$5" >"$expectations/$id.desc"
}

# edit DOC ARG...: runs aushang ARG... on the document; one assertion.
edit () {
  local doc=$1 shown="" arg
  shift
  for arg in "$@"; do
    case $arg in
      --*) shown+=" $arg" ;;
      *) shown+=" $(quote "$arg")" ;;
    esac
  done
  if "$AUSHANG_BINARY" "$@" "$site/$doc" >"$tmp/cli.log" 2>&1; then
    ok "aushang$shown $doc succeeds"
  else
    not_ok "aushang$shown $doc succeeds" "exit status $?" "$(cat "$tmp/cli.log")"
  fi
}

# --- Titles that YAML would read as something else ------------------------

long_text="Ein sehr langer Anreißer, der weit über achtzig Zeichen hinausgeht, damit ein YAML-Emitter versucht sein könnte, ihn umzubrechen: Wörter, Kommas, Doppelpunkte: und noch mehr Text bis zum Ende."

titles=(
  "no" "yes" "on" "off" "true" "false" "null" "~" "" "Yes" "NO" "Off" "False"
  "NULL" "y" "n" "Y" "N"
  "2025-11-04" "2025-11-04 16:30:00 +01:00" "1.10" "0x1F" "12:30" "12:30:45"
  "1_000" "1,000" "017" "0o17" "0b101" "1e3" "+12" "-3.5" ".inf" "-.inf" ".NaN"
  "Hallo: Welt" "#tag" "- item" "-" "---" "..." "*stern" "&anker" "!bang"
  "!!str" "|pipe" ">gt" "'single'" "\"double\"" "%prozent" "@at"
  "\`backquote\` am Anfang" " leading space" "trailing space " "  "
  "Zitat \"innen\" und 'außen'" "Ümlaute äöüß ÄÖÜ" "🎉 Fest" "a: b # c"
  'C:\Pfad\zur\Datei' 'ein \n ist kein Umbruch' "Ende:" "[eckig]" "{geschweift}"
  ",komma" "?frage" ":symbol" "=" "<<" "{{ site.title }}" "{% raw %}"
  $'Zeile eins\nZeile zwei' $'Text mit Umbruch am Ende\n' $'Tab\tgetrennt'
  $'Wagen\rRücklauf' $'\xc2\xa0geschütztes Leerzeichen vorn'
  $'Zeilen\xe2\x80\xa8trenner' $'\xef\xbb\xbfBOM im Wert' "$long_text"
)

i=0
for title in "${titles[@]}"; do
  i=$((i + 1))
  doc=$(printf '_beitraege/titel-%02d.md' "$i")
  new_doc "$doc"
  edit "$doc" --set "title=$title"
  expect "$doc" title string "$title" "title $(quote "$title") read back as string $(quote "$title")"
done

# --- Other keys, one document per topic ------------------------------------

doc=_beitraege/unveraendert.md
new_doc "$doc"
edit "$doc" --set "code=nur ein neuer Schlüssel"
expect "$doc" title string "Vorlage, deren Titel über zwei Zeilen geht" \
  "untouched two-line title still read as the same string"
expect "$doc" teaser string "Ein Anreißer als gefalteter Block, ebenfalls über zwei Zeilen." \
  "untouched folded teaser still read as the same string"
expect "$doc" authors ruby '["Aylin Demir", "Tomáš Horák"]' "untouched authors list read back unchanged"
expect "$doc" tags ruby '["alt", "älter"]' "untouched indentless tags list read back unchanged"
expect "$doc" foerderkennzeichen string "FKZ-2025/17" "unknown key foerderkennzeichen still read as its string"
expect "$doc" veranstaltung ruby '{"ort" => "Rathaus, Saal 2", "plaetze" => 30}' \
  "unknown nested mapping veranstaltung read back unchanged"
expect "$doc" date_fmt string "2025-01-02 00:00:00 +0000" "untouched date read back unchanged"
expect "$doc" code string "nur ein neuer Schlüssel" "new key code read back as string"

doc=_beitraege/mehrere.md
new_doc "$doc"
edit "$doc" --set "title=on" --set "teaser=Kurz: und knapp" --set-yaml "zahl=7" \
  --unset entfernen --set "code=0815"
expect "$doc" title string "on" 'title "on" (several edits in one call) read back as string "on"'
expect "$doc" teaser string "Kurz: und knapp" 'folded teaser replaced by "Kurz: und knapp"'
expect "$doc" zahl ruby '7' "zahl=7 (several edits in one call) read back as Integer 7"
expect "$doc" entfernen ruby 'nil' "unset entfernen (several edits in one call) is gone"
expect "$doc" code string "0815" 'code "0815" read back as string "0815"'
expect "$doc" veranstaltung ruby '{"ort" => "Rathaus, Saal 2", "plaetze" => 30}' \
  "nested unknown mapping survives several edits"

doc=_beitraege/teaser.md
new_doc "$doc"
edit "$doc" --set "teaser=$long_text"
expect "$doc" teaser string "$long_text" "long teaser read back without line folding"

# A block scalar keeps its form: a literal block stays literal (a changed
# line is the only changed line), a folded one folded, and Jekyll reads
# exactly the text given, with or without its final line break.
# block_style DOC KEY HEADER: the file still writes KEY as a HEADER block.
block_style () {
  if grep -qxF -- "$2: $3" "$site/$1"; then
    ok "$1: $2 is still written as a '$3' block"
  else
    not_ok "$1: $2 is still written as a '$3' block" "--- file now:" "$(cat "$site/$1")"
  fi
}

doc=_beitraege/literal.md
new_doc "$doc"
sed -i 's/^teaser: >-$/teaser: |/' "$site/$doc"
literal_text=$'Ein Anreißer, dessen erster Satz sich geändert hat,\nebenfalls über zwei Zeilen.\n'
edit "$doc" --set "teaser=$literal_text"
expect "$doc" teaser string "$literal_text" "literal block teaser read back with its lines and final line break"
block_style "$doc" teaser "|"
if grep -qxF "  ebenfalls über zwei Zeilen." "$site/$doc"; then
  ok "$doc: the unchanged line of the literal block is still there"
else
  not_ok "$doc: the unchanged line of the literal block is still there" "$(cat "$site/$doc")"
fi

doc=_beitraege/literal-ohne-umbruch.md
new_doc "$doc"
sed -i 's/^teaser: >-$/teaser: |/' "$site/$doc"
edit "$doc" --set $'teaser=Zeile eins\nZeile zwei ohne Umbruch am Ende'
expect "$doc" teaser string $'Zeile eins\nZeile zwei ohne Umbruch am Ende' \
  "literal block teaser without a final line break read back exactly"
block_style "$doc" teaser "|-"

doc=_beitraege/gefaltet.md
new_doc "$doc"
folded_text=$'Erster Absatz: \"zitiert\", mit Doppelpunkt und #Raute.\nZweiter Absatz nach einem Umbruch.\n\nDritter nach zwei.'
edit "$doc" --set "teaser=$folded_text"
expect "$doc" teaser string "$folded_text" "folded block teaser with line breaks read back exactly"
block_style "$doc" teaser ">-"

doc=_beitraege/kategorien-flow.md
new_doc "$doc"
edit "$doc" --set-yaml 'categories=["KI und Zivilgesellschaft", "no", Repair-Café, "2025"]'
expect "$doc" categories ruby '["KI und Zivilgesellschaft", "no", "Repair-Café", "2025"]' \
  'categories as a flow list with quoted elements read back as the same strings'

doc=_beitraege/kategorien-block.md
new_doc "$doc"
edit "$doc" --set-yaml $'categories=- Offene Daten\n- "true"\n- \'null\''
expect "$doc" categories ruby '["Offene Daten", "true", "null"]' \
  'categories as a block list read back as ["Offene Daten", "true", "null"]'

doc=_beitraege/kategorien-leer.md
new_doc "$doc"
edit "$doc" --set-yaml 'categories=[]'
expect "$doc" categories ruby '[]' 'categories=[] read back as an empty list'

doc=_beitraege/tags.md
new_doc "$doc"
edit "$doc" --set-yaml 'tags=[eins, "zwei drei", "true", 42, "~"]'
expect "$doc" tags ruby '["eins", "zwei drei", "true", 42, "~"]' \
  'tags flow list read back with strings and the number 42'

doc=_beitraege/tags-text.md
new_doc "$doc"
edit "$doc" --set "tags=eins zwei"
expect "$doc" tags ruby '["eins", "zwei"]' 'tags as the text "eins zwei" read back as two tags'

doc=_beitraege/autorinnen.md
new_doc "$doc"
edit "$doc" --set-yaml 'authors=["Jörg Müller-Lüdenscheidt", Renée Fußwinkel, "Yes", "Null"]'
expect "$doc" authors ruby '["Jörg Müller-Lüdenscheidt", "Renée Fußwinkel", "Yes", "Null"]' \
  'authors list read back as four strings'

doc=_beitraege/autor.md
new_doc "$doc"
edit "$doc" --unset authors --set "author=Ingrid Schäfer-Ngoma"
expect "$doc" authors ruby 'nil' 'authors list removed'
expect "$doc" author string "Ingrid Schäfer-Ngoma" 'author read back as string "Ingrid Schäfer-Ngoma"'

doc=_beitraege/entwurf-veroeffentlicht.md
write_template | sed 's/^date: 2025-01-02$/date: 2025-01-02\npublished: false/' >"$site/$doc"
docs+=("$doc")
edit "$doc" --set-yaml "published=true"
expect "$doc" published ruby 'true' 'published=true read back as boolean true (document is published)'

doc=_beitraege/entwurf.md
new_doc "$doc"
edit "$doc" --set-yaml "published=false"
expect "$doc" - absent "" 'published=false keeps the document out of the site'

doc=_beitraege/published-text.md
new_doc "$doc"
edit "$doc" --set "published=false"
expect "$doc" published string "false" \
  '--set published=false stores the string "false" (Jekyll still publishes it)'

doc=_beitraege/datum-zeit.md
new_doc "$doc"
edit "$doc" --set-yaml "date=2025-11-04 16:30:00 +01:00"
expect "$doc" date_fmt string "2025-11-04 15:30:00 +0000" \
  'date=2025-11-04 16:30:00 +01:00 read back as that instant (15:30 UTC)'

doc=_beitraege/datum.md
new_doc "$doc"
edit "$doc" --set-yaml "date=2025-11-04"
expect "$doc" date_fmt string "2025-11-04 00:00:00 +0000" 'date=2025-11-04 read back as that day'

doc=_posts/2025-01-15-ein-post.md
new_doc "$doc"
edit "$doc" --set "title=Ein Post: mit Datum" --set-yaml "date=2025-03-01 10:00:00 +01:00"
expect "$doc" title string "Ein Post: mit Datum" 'post title "Ein Post: mit Datum" read back as string'
expect "$doc" date_fmt string "2025-03-01 09:00:00 +0000" 'post date=2025-03-01 10:00:00 +01:00 read back as that instant'

doc=_beitraege/zahlen.md
new_doc "$doc"
edit "$doc" --set-yaml "zahl=42" --set-yaml "code='0815'" --set-yaml "nummer=0815" \
  --set-yaml "oktal=017" --set-yaml "sexagesimal=12:30"
expect "$doc" zahl ruby '42' 'zahl=42 read back as Integer 42'
expect "$doc" code ruby '"0815"' "code='0815' read back as string \"0815\""
expect "$doc" nummer yaml "0815" 'nummer=0815 read back as Jekyll reads that YAML'
expect "$doc" oktal yaml "017" 'oktal=017 read back as Jekyll reads that YAML'
expect "$doc" sexagesimal yaml "12:30" 'sexagesimal=12:30 read back as Jekyll reads that YAML'

doc=_beitraege/zahlen-2.md
new_doc "$doc"
edit "$doc" --set-yaml "zahl=-3.5" --set-yaml "code=1_000" --set-yaml "nummer=0x1F" \
  --set-yaml "oktal=.inf" --set-yaml "sexagesimal=1,000"
expect "$doc" zahl yaml "-3.5" 'zahl=-3.5 read back as Jekyll reads that YAML'
expect "$doc" code yaml "1_000" 'code=1_000 read back as Jekyll reads that YAML'
expect "$doc" nummer yaml "0x1F" 'nummer=0x1F read back as Jekyll reads that YAML'
expect "$doc" oktal yaml ".inf" 'oktal=.inf read back as Jekyll reads that YAML'
expect "$doc" sexagesimal yaml "1,000" 'sexagesimal=1,000 read back as Jekyll reads that YAML'

doc=_beitraege/yaml-skalare.md
new_doc "$doc"
edit "$doc" --set-yaml "code=yes" --set-yaml "zahl=~" --set-yaml "nummer=Off" \
  --set-yaml "datum=2025-11-04" --set-yaml "beginn=2025-11-04 16:30:00 +01:00"
expect "$doc" code yaml "yes" 'code=yes (YAML) read back as Jekyll reads that YAML'
expect "$doc" zahl yaml "~" 'zahl=~ read back as Jekyll reads that YAML'
expect "$doc" nummer yaml "Off" 'nummer=Off read back as Jekyll reads that YAML'
expect "$doc" datum ruby 'Date.new(2025, 11, 4)' 'custom key datum=2025-11-04 read back as a Date'
expect "$doc" beginn ruby 'Time.new(2025, 11, 4, 16, 30, 0, "+01:00")' \
  'custom key beginn=2025-11-04 16:30:00 +01:00 read back as that Time'

doc=_beitraege/mapping.md
new_doc "$doc"
edit "$doc" --set-yaml 'veranstaltung={ort: "Bürgerhaus: großer Saal", plaetze: 25, barrierefrei: yes}'
expect "$doc" veranstaltung yaml '{ort: "Bürgerhaus: großer Saal", plaetze: 25, barrierefrei: yes}' \
  'veranstaltung replaced by a flow mapping read back as Jekyll reads that YAML'

doc=_beitraege/unset.md
new_doc "$doc"
edit "$doc" --unset entfernen
expect "$doc" entfernen ruby 'nil' 'unset entfernen is gone for Jekyll'
expect "$doc" date_fmt string "2025-01-02 00:00:00 +0000" 'the date after the unset key still read back'

# Files that are not written the way the template is.
doc=_beitraege/crlf.md
write_template | sed 's/$/\r/' >"$site/$doc"
docs+=("$doc")
edit "$doc" --set "title=no" --set-yaml "zahl=5"
expect "$doc" title string "no" 'title "no" in a CRLF file read back as string "no"'
expect "$doc" zahl ruby '5' 'zahl=5 in a CRLF file read back as Integer 5'
expect "$doc" foerderkennzeichen string "FKZ-2025/17" 'unknown key in a CRLF file still read as its string'

# A BOM is tolerated in _posts only: for collection documents (and pages)
# Jekyll 4.3 looks for "---" at byte 0 and copies a file with a BOM verbatim.
doc=_posts/2025-02-01-bom.md
{ printf '\xef\xbb\xbf'; write_template; } >"$site/$doc"
docs+=("$doc")
edit "$doc" --set "title=off"
expect "$doc" title string "off" 'title "off" in a file with a UTF-8 BOM read back as string "off"'

doc=_beitraege/punkte.md
write_template | awk '/^---$/ && ++c == 2 { print "..."; next } { print }' >"$site/$doc"
docs+=("$doc")
edit "$doc" --set "title=Ende mit drei Punkten" --unset entfernen
expect "$doc" title string "Ende mit drei Punkten" 'title in front matter closed by "..." read back'
expect "$doc" entfernen ruby 'nil' 'unset key in front matter closed by "..." is gone'

# --- A failing edit writes nothing ----------------------------------------

doc=_beitraege/fehler.md
new_doc "$doc"
cp "$site/$doc" "$tmp/fehler.orig"
if "$AUSHANG_BINARY" --set "title=gut" --set-yaml "zahl=[offen" "$site/$doc" >"$tmp/cli.log" 2>&1; then
  not_ok "aushang with invalid YAML in --set-yaml exits non-zero" "it exited 0" "$(cat "$tmp/cli.log")"
else
  ok "aushang with invalid YAML in --set-yaml exits non-zero"
fi
if cmp -s "$tmp/fehler.orig" "$site/$doc"; then
  ok "the failed edit left $doc byte-for-byte unchanged"
else
  not_ok "the failed edit left $doc byte-for-byte unchanged" "$(diff -u "$tmp/fehler.orig" "$site/$doc")"
fi
expect "$doc" title string "Vorlage, deren Titel über zwei Zeilen geht" 'after a failed edit the title is unchanged'

# --- Untouched bytes --------------------------------------------------------

for doc in "${docs[@]}"; do
  file=$site/$doc
  missing=()
  lines=("${kept_lines[@]}")
  if [ "$doc" = _beitraege/mapping.md ]; then
    lines=("${kept_lines[@]:0:3}")   # its veranstaltung block was replaced
  fi
  for line in "${lines[@]}"; do
    # Not a pipe into grep -q: with pipefail, sed's SIGPIPE when grep
    # leaves early would count as a failure now and then.
    if ! grep -qxF -- "$line" < <(tr -d '\r' <"$file" | sed 's/^\xef\xbb\xbf//'); then
      missing+=("missing line: $line")
    fi
  done
  # The body: everything after the closing line of the front matter.
  tr -d '\r' <"$file" | sed 's/^\xef\xbb\xbf//' \
    | body_of >"$tmp/body.now"
  if ! cmp -s "$tmp/body" "$tmp/body.now"; then
    missing+=("body changed:" "$(diff -u "$tmp/body" "$tmp/body.now")")
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    ok "$doc: comments, unknown keys and body kept byte-for-byte"
  else
    not_ok "$doc: comments, unknown keys and body kept byte-for-byte" "${missing[@]}" \
      "--- file now:" "$(cat "$file")"
  fi
done

crlf_lines=$(grep -c $'\r$' "$site/_beitraege/crlf.md")
all_lines=$(wc -l <"$site/_beitraege/crlf.md")
if [ "$crlf_lines" -eq "$all_lines" ]; then
  ok "_beitraege/crlf.md still uses CRLF on every line"
else
  not_ok "_beitraege/crlf.md still uses CRLF on every line" \
    "$crlf_lines of $all_lines lines end in CRLF"
fi

if [ "$(head -c 3 "$site/_posts/2025-02-01-bom.md" | od -An -tx1 | tr -d ' \n')" = efbbbf ]; then
  ok "_posts/2025-02-01-bom.md still starts with its UTF-8 BOM"
else
  not_ok "_posts/2025-02-01-bom.md still starts with its UTF-8 BOM" \
    "first bytes: $(head -c 8 "$site/_posts/2025-02-01-bom.md" | od -An -c)"
fi

for doc in _beitraege/unset.md _beitraege/mehrere.md _beitraege/punkte.md; do
  if grep -q '^entfernen:' "$site/$doc"; then
    not_ok "$doc: the unset key's line is gone from the file" "$(cat "$site/$doc")"
  else
    ok "$doc: the unset key's line is gone from the file"
  fi
done

# --- Jekyll reads it back ---------------------------------------------------

if (cd "$tmp" && jekyll build --disable-disk-cache -s "$site" -d "$out") >"$tmp/jekyll.log" 2>&1; then
  ok "jekyll build of the edited site succeeds"
else
  not_ok "jekyll build of the edited site succeeds" "$(cat "$tmp/jekyll.log")"
  echo "1..$n"
  exit 1
fi

# Jekyll logs a front matter it cannot read as "Error:" (in colour) and goes
# on without it.
if sed 's/\x1b\[[0-9;]*m//g' "$tmp/jekyll.log" \
    | grep -E '^ *(Error|Warning|Conflict|Deprecation|Liquid Exception|Liquid Warning|Build Warning):' \
    >"$tmp/jekyll.problems"; then
  not_ok "jekyll build reports no errors or warnings" "$(cat "$tmp/jekyll.problems")"
else
  ok "jekyll build reports no errors or warnings"
fi

cat >"$tmp/check.rb" <<'EOF'
# Compares what Jekyll rendered into the JSON layout with the expectations.
require "json"
require "cgi"
require "date"
require "time"
require "jekyll"

out, expectations, start = ARGV
n = Integer(start)
failures = 0

# Reads YAML the way this Jekyll reads front matter.
def jekyll_yaml(text)
  if Jekyll::Utils.respond_to?(:safe_load_yaml)
    Jekyll::Utils.safe_load_yaml(text)   # Debian's Jekyll: Psych.safe_load
  else
    require "safe_yaml/load"
    SafeYAML.load(text)                  # upstream Jekyll
  end
end

def describe(value)
  "#{value.inspect} (#{value.class})"
end

pages = {}
broken = []
Dir.glob(File.join(out, "**", "*.html")).sort.each do |file|
  text = File.read(file, encoding: "UTF-8")
  begin
    page = JSON.parse(text)
    pages[page["path"]] = page
  rescue JSON::ParserError => e
    broken << "#{file}: #{e.message[0, 300]}"
  end
end

n += 1
if broken.empty?
  puts "ok #{n} - every page Jekyll wrote is the JSON the layout asks for"
else
  failures += 1
  puts "not ok #{n} - every page Jekyll wrote is the JSON the layout asks for"
  broken.each { |b| puts "#   #{b}" }
end

Dir.glob(File.join(expectations, "*.doc")).sort.each do |doc_file|
  base = doc_file.chomp(".doc")
  read = ->(ext) { File.read("#{base}.#{ext}", encoding: "UTF-8") }
  doc, field, kind, value, desc = read.("doc"), read.("field"), read.("kind"), read.("value"), read.("desc")
  n += 1
  page = pages[doc]
  diagnostics = []

  if kind == "absent"
    pass = page.nil?
    diagnostics << "#{doc} was published although it should not be" unless pass
  elsif page.nil?
    pass = false
    diagnostics << "#{doc} is not in Jekyll's output (not published, or its front matter was not read)"
  elsif !page.key?(field)
    pass = false
    diagnostics << "the test layout has no field #{field}"
  else
    expected =
      case kind
      when "string" then value
      when "yaml" then jekyll_yaml(value)
      when "ruby" then eval(value)
      else raise "unknown kind #{kind}"
      end
    # Jekyll's inspect filter escapes &, <, > and " for HTML.
    actual_inspect = CGI.unescapeHTML(page[field])
    pass = actual_inspect == expected.inspect
    unless pass
      diagnostics << "document: #{doc}"
      diagnostics << "asked for (#{kind}): #{value.inspect}" if kind != "string"
      diagnostics << "expected: #{describe(expected)}"
      diagnostics << "Jekyll read: #{actual_inspect}"
      diagnostics << "(page.date as jsonify gives it: #{page["date_raw"]})" if field == "date_fmt"
    end
  end

  if pass
    puts "ok #{n} - #{desc.gsub("#", "\\#").gsub("\n", "\\n")}"
  else
    failures += 1
    puts "not ok #{n} - #{desc.gsub("#", "\\#").gsub("\n", "\\n")}"
    diagnostics.each { |d| d.each_line { |l| puts "#   #{l.chomp}" } }
  end
end

File.write(File.join(expectations, "..", "check.count"), "#{n} #{failures}\n")
EOF

ruby "$tmp/check.rb" "$out" "$expectations" "$n"
if [ ! -s "$tmp/check.count" ]; then
  not_ok "the Ruby checker ran to the end"
  echo "1..$n"
  exit 1
fi
read -r n checker_failures <"$tmp/check.count"
failures=$((failures + checker_failures))

echo "1..$n"
if [ "$failures" -ne 0 ]; then
  echo "# $failures of $n assertions failed"
  exit 1
fi
exit 0
