#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The severity of `aushang --check` follows Jekyll: an error is only what
# makes Jekyll 4.3 fail the build, skip or hide the document, or publish
# something other than the person wrote. Everything else is a warning.
#
# Each case below is a one-document site. The real `jekyll build` runs on
# it and the script classifies what Jekyll did with the document:
#
#   fails    the build stops (exit status not 0)
#   misread  the build goes on, but Jekyll reports it could not read the
#            document's front matter and publishes it without its fields
#   skipped  no page for the document (and no copy of it)
#   raw      the file is copied to the website as it is, unrendered
#   hidden   not published because its date lies in the future
#   ok       rendered as a page
#
# Each case states the outcome it expects (so a Jekyll that behaves
# differently fails the test and the rule is looked at again) and the worst
# severity aushang must report: "error" exactly for fails, misread, skipped
# and raw; "warning" or "none" for ok; a future date is the one deliberate
# exception (hidden, but often intended: a warning that says when).
#
# Environment: AUSHANG_CLI_BINARY or AUSHANG_BINARY. Needs jekyll (Debian's
# 4.3). Output is TAP.

set -u -o pipefail

bin=${AUSHANG_CLI_BINARY:-${AUSHANG_BINARY:-}}
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "Bail out! neither AUSHANG_CLI_BINARY nor AUSHANG_BINARY is an executable file"
  exit 1
fi
command -v jekyll >/dev/null 2>&1 || { echo "Bail out! jekyll is not installed (Debian: apt install jekyll)"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aushang-jekyll-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home
mkdir -p "$HOME"

n=0
failures=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failures=$((failures + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/#   /'
  done
}

# probe NAME PATH OUTCOME SEVERITY CONTENT
# CONTENT is printf %b text: \n is a line break, \x25 a percent sign.
probe () {
  local name=$1 path=$2 expected_outcome=$3 expected_severity=$4 content=$5
  local site=$tmp/$name
  local outcome severity report page

  mkdir -p "$site/_layouts" "$site/_includes" "$site/$(dirname "$path")"
  printf 'title: Test\ncollections:\n  beitraege:\n    output: true\n' > "$site/_config.yml"
  printf '<html><h1>{{ page.title }}</h1>{{ content }}</html>\n' > "$site/_layouts/default.html"
  printf '<b>Anmeldung</b>\n' > "$site/_includes/anmeldung.html"
  printf '%b' "$content" > "$site/$path"

  # Where Jekyll puts the page when it reads the document as written.
  case $path in
    _posts/*)
      local base=${path#_posts/}
      local y=${base:0:4} m=${base:5:2} d=${base:8:2} slug=${base:11}
      page=$site/_site/$y/$m/$d/${slug%.md}.html
      ;;
    _beitraege/*)
      local base=${path#_beitraege/}
      page=$site/_site/beitraege/${base%.md}.html
      ;;
  esac

  (cd "$site" && jekyll build --quiet >"$site/log" 2>&1)
  local status=$?

  if [ $status -ne 0 ]; then
    outcome=fails
  elif grep -q -e "reading $site/$path" -e "could not read file $site/$path" "$site/log"; then
    outcome=misread
  elif [ -f "$page" ]; then
    outcome=ok
  elif [ -f "$site/_site/${path#_}" ]; then
    outcome=raw
  elif [ "$expected_outcome" = hidden ] && (cd "$site" && jekyll build --quiet --future >/dev/null 2>&1) && [ -f "$page" ]; then
    outcome=hidden
  else
    outcome=skipped
  fi

  report=$("$bin" --check "$site/$path" 2>&1)
  # Here-strings, not pipes: with pipefail, grep -q leaving early would
  # make printf's SIGPIPE fail the test now and then.
  if grep -q ': error: ' <<<"$report"; then
    severity=error
  elif grep -q ': warning: ' <<<"$report"; then
    severity=warning
  else
    severity=none
  fi

  if [ "$outcome" = "$expected_outcome" ]; then
    ok "$name: jekyll 4.3 $outcome"
  else
    not_ok "$name: jekyll 4.3 $outcome, expected $expected_outcome" "$(grep -v '^\s*from ' "$site/log" | head -5)"
  fi

  if [ "$severity" = "$expected_severity" ]; then
    ok "$name: aushang --check reports $severity"
  else
    not_ok "$name: aushang --check reports $severity, expected $expected_severity" "$report"
  fi

  # The invariant behind the expectations.
  case $outcome in
    fails|misread|skipped|raw) [ "$severity" = error ] ;;
    hidden) [ "$severity" = warning ] ;;
    ok) [ "$severity" != error ] ;;
  esac
  if [ $? -eq 0 ]; then
    ok "$name: an error exactly where Jekyll does not publish what was written"
  else
    not_ok "$name: severity $severity does not follow Jekyll's outcome $outcome"
  fi
}

post=_posts/2024-01-01-treffen.md
doc=_beitraege/treffen.md

probe ok                 $post ok      none    '---\ntitle: Treffen\nlayout: default\n---\nText\n'
probe no-title           $post ok      none    '---\nlayout: default\n---\nText\n'
probe empty-title        $post ok      warning '---\ntitle:\nlayout: default\n---\nText\n'
probe post-without-front-matter $post ok warning 'Nur Text\n'
probe doc-without-front-matter  $doc  raw  error   'Nur Text\n'
probe invalid-yaml       $post misread error   '---\ntitle: Treffen: heute\n---\nText\n'
probe invalid-yaml-doc   $doc  misread error   '---\ntitle: Treffen: heute\n---\nText\n'
probe empty-date         $post fails   error   '---\ntitle: Treffen\ndate:\n---\nText\n'
probe unreadable-date    $post fails   error   '---\ntitle: Treffen\ndate: nächsten Dienstag\n---\nText\n'
probe list-date          $post fails   error   '---\ntitle: Treffen\ndate: [1, 2]\n---\nText\n'
probe unreadable-date-doc $doc fails   error   '---\ntitle: Treffen\ndate: irgendwann\n---\nText\n'
probe post-name-without-date _posts/treffen.md skipped error '---\ntitle: Treffen\n---\nText\n'
probe post-name-bad-date _posts/2024-13-45-treffen.md fails error '---\ntitle: Treffen\n---\nText\n'
probe bom-doc            $doc  raw     error   '\xEF\xBB\xBF---\ntitle: Treffen\n---\nText\n'
probe bom-post           $post ok      none    '\xEF\xBB\xBF---\ntitle: Treffen\n---\nText\n'
probe missing-include    $post fails   error   '---\ntitle: Treffen\n---\n{\x25 include fehlt.html \x25}\n'
probe existing-include   $post ok      none    '---\ntitle: Treffen\n---\n{\x25 include anmeldung.html \x25}\n'
probe future-date        _posts/2099-01-01-treffen.md hidden warning '---\ntitle: Treffen\n---\nText\n'
probe ruby-symbol        $post misread error   '---\ntitle: Treffen\nort: :rathaus\n---\nText\n'
probe ruby-object        $post misread error   '---\ntitle: !ruby/object:Object {}\n---\nText\n'
probe unknown-alias      $post misread error   '---\ntitle: *name\n---\nText\n'
probe list-front-matter  $post misread error   '---\n- Treffen\n- heute\n---\nText\n'
probe published-as-text  $post ok      warning '---\ntitle: Treffen\npublished: "false"\n---\nText\n'
probe duplicate-key      $post ok      warning '---\ntitle: Treffen\ntitle: Treffen 2\n---\nText\n'
probe unknown-author     $doc  ok      none    '---\ntitle: Treffen\nauthor: Niemand Bekanntes\n---\nText\n'
probe missing-image      $doc  ok      warning '---\ntitle: Treffen\nheader_image: /assets/fehlt.png\n---\nText\n'
probe number-title       $post ok      warning '---\ntitle: 2024\n---\nText\n'

# --- Real sites nobody here wrote --------------------------------------------
#
# Over every site of the shared corpus (when it is beside the clone): each
# error aushang reports must be one Jekyll confirms. The document is put
# alone, at its own path, into a site with a plain configuration (the
# corpus sites' themes and plugins are not installed here), built, and
# Jekyll must fail, misread or skip it. A _config.yml error is confirmed by
# building an empty site with that configuration.

corpus=${AUSHANG_CORPUS_DIR:-}
if [ -n "$corpus" ] && [ -d "$corpus" ]; then
  for site in "$corpus"/*/; do
    site=${site%/}
    name=$(basename "$site")
    report=$("$bin" --check "$site" 2>"$tmp/stderr")
    summary=$(tail -1 "$tmp/stderr")
    case $summary in
      *" in "*" document"*) ok "corpus $name: $summary" ;;
      *) not_ok "corpus $name: no summary line" "$summary" ;;
    esac

    while IFS= read -r line; do
      file=${line%%:*}
      relative=${file#"$site"/}
      probe_site=$tmp/corpus-$n
      mkdir -p "$probe_site/$(dirname "$relative")"
      flags=()
      if [ "$relative" = _config.yml ] || [ "${relative##*/}" = _config.yml ]; then
        cp "$file" "$probe_site/_config.yml"
      else
        printf 'title: Test\n' > "$probe_site/_config.yml"
        cp "$file" "$probe_site/$relative"
        case $relative in _drafts/*|*/_drafts/*) flags=(--drafts) ;; esac
      fi
      (cd "$probe_site" && jekyll build --quiet "${flags[@]}" >"$probe_site/log" 2>&1)
      status=$?
      if [ $status -ne 0 ]; then
        ok "corpus $relative: Jekyll fails, as the error says"
      elif grep -q "$probe_site/$relative" "$probe_site/log"; then
        ok "corpus $relative: Jekyll misreads it, as the error says"
      elif [ -z "$(find "$probe_site/_site" -name '*.html' 2>/dev/null)" ]; then
        ok "corpus $relative: Jekyll skips it, as the error says"
      else
        not_ok "corpus $relative: an error, but Jekyll builds it" "$line"
      fi
    done < <(grep ': error: ' <<<"$report")
  done

  # Sites kept in a subfolder are found: Jekyll's repository has its
  # documentation in docs/ and its test site in test/source/.
  found=$("$bin" --check "$corpus/jekyll__jekyll" 2>&1 >/dev/null | grep -c 'Checking the Jekyll site in')
  if [ "$found" -eq 2 ]; then
    ok "jekyll__jekyll: both sites in subfolders are checked"
  else
    not_ok "jekyll__jekyll: $found sites found in subfolders, expected 2 (docs, test/source)"
  fi
fi

echo "1..$n"
[ $failures -eq 0 ]
