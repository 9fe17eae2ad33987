#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The preview is the published page: each document of data/example-site
# and of the corpus sites that have layouts and includes is built with
# Debian's jekyll and rendered with `aushang --render`; the visible text
# of the main content (whitespace folded) and the list of elements with
# their src, href and class must be the same. Prints the match rate per
# site and each mismatch with its first difference. The example site must
# match completely; the corpus sites are measured, not required.
#
# Environment: AUSHANG_CLI_BINARY, AUSHANG_SOURCE_DIR, AUSHANG_CORPUS_DIR;
# AUSHANG_FIDELITY_MAX_DOCS (default 40) bounds the documents compared per
# corpus site, to keep the run within a minute or two.
set -u

src=${AUSHANG_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cli=${AUSHANG_CLI_BINARY:-}
corpus=${AUSHANG_CORPUS_DIR:-}
max_docs=${AUSHANG_FIDELITY_MAX_DOCS:-40}
compare="$src/tests/liquid-fidelity-compare.py"

if ! command -v jekyll >/dev/null 2>&1; then
  echo "1..0 # SKIP jekyll is not installed (package jekyll)"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "1..0 # SKIP python3 is not installed"
  exit 0
fi
if [ -z "$cli" ] || [ ! -x "$cli" ]; then
  echo "1..0 # SKIP AUSHANG_CLI_BINARY is not set"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

# A plugin that writes where each document went, and stands in for the
# metadata-only plugins a site may list (their tags write nothing).
plugin='
Jekyll::Hooks.register [:documents, :pages], :post_write do |doc|
  File.open(File.join(doc.site.source, "..", "map.tsv"), "a") do |f|
    f.puts "#{doc.relative_path}\t#{doc.destination(doc.site.dest)}"
  end
end
class AushangNothing < Liquid::Tag
  def render(_context) = ""
end
%w(seo feed_meta sitemap github_edit_link).each { |t| Liquid::Template.register_tag(t, AushangNothing) }
Liquid::Template.register_tag("include_cached", Jekyll::Tags::IncludeTag)
'

# compare_site NAME FOLDER REQUIRED
compare_site() {
  local name=$1 folder=$2 required=$3
  local work="$tmp/$name" total=0 matched=0 line rel dest out why
  rm -rf "$work"
  mkdir -p "$work"
  cp -r "$folder" "$work/src"
  rm -rf "$work/src/_site" "$work/src/.jekyll-cache"
  mkdir -p "$work/src/_plugins"
  printf '%s\n' "$plugin" > "$work/src/_plugins/aushang_map.rb"
  # Sass partials and themes are not part of the corpus: no plugins, no theme,
  # no Sass (the text of the pages does not depend on them).
  find "$work/src" \( -name '*.scss' -o -name '*.sass' \) -delete
  sed -i -E '/^(theme|remote_theme):/d' "$work/src/_config.yml"
  # Ruby symbols (sass: style: :compressed) Debian's Psych refuses to load.
  sed -i -E 's/^([[:space:]]*[A-Za-z_]+:[[:space:]]+):([a-z_]+)[[:space:]]*$/\1\2/' "$work/src/_config.yml"
  printf 'plugins: []\n' > "$work/overlay.yml"
  if ! (cd "$work" && timeout 120 jekyll build -q -s src -d out \
          --config src/_config.yml,overlay.yml > build.log 2>&1); then
    why=$(grep -m1 -iE 'error|exception|disallowed' "$work/build.log" || tail -n1 "$work/build.log")
    if [ "$required" = yes ]; then
      not_ok "$name: jekyll builds the site"
      echo "# $why"
    else
      echo "# $name: jekyll cannot build it here, not compared: $why"
    fi
    return
  fi
  # Documents whose page Jekyll wrote over with a later one (same URL):
  # their own page is gone, so there is nothing to compare them with.
  awk -F'\t' '{ if ($2 in last) print last[$2] "\t" $1; last[$2] = $1 }' \
    "$work/map.tsv" > "$work/overwritten.tsv" 2>/dev/null
  while IFS=$'\t' read -r rel dest; do
    case "$rel" in
      *.md|*.markdown|*.html) ;;
      *) continue ;;
    esac
    [ -f "$work/src/$rel" ] && [ -f "$dest" ] || continue
    if why=$(awk -F'\t' -v r="$rel" '$1 == r { print $2; exit }' "$work/overwritten.tsv") && [ -n "$why" ]; then
      echo "# $name: $rel: not compared: jekyll wrote $why to the same page after it (same URL)"
      continue
    fi
    if [ "$required" != yes ] && [ "$total" -ge "$max_docs" ]; then
      break
    fi
    total=$((total + 1))
    out="$work/rendered/$total.html"
    mkdir -p "$work/rendered"
    timeout 20 "$cli" --render "$work/src/$rel" > "$out" 2> "$work/rendered/$total.err"
    printf '%s\t%s\t%s\n' "$dest" "$out" "$total" >> "$work/pairs.tsv"
    printf '%s\n' "$rel" >> "$work/names.txt"
  done < <(sort "$work/map.tsv" 2>/dev/null)
  # One Python for the whole site: its start costs more than a comparison.
  if [ "$total" -gt 0 ]; then
    while IFS=$'\t' read -r label why; do
      if [ "$why" = OK ]; then
        matched=$((matched + 1))
      else
        if grep -q . "$work/rendered/$label.err"; then
          why="$(head -n1 "$work/rendered/$label.err")"
        fi
        echo "# $name: $(sed -n "${label}p" "$work/names.txt"): $why"
      fi
    done < <(python3 "$compare" --batch "$work/pairs.tsv")
  fi
  if [ "$total" -eq 0 ]; then
    echo "# $name: no documents"
    return
  fi
  echo "# $name: $matched of $total documents match ($((matched * 100 / total)) %)"
  if [ "$required" = yes ]; then
    if [ "$matched" -eq "$total" ]; then
      ok "$name: every document matches jekyll's page ($total)"
    else
      not_ok "$name: every document matches jekyll's page ($matched of $total)"
    fi
  fi
}

compare_site example-site "$src/data/example-site" yes

if [ -n "$corpus" ] && [ -d "$corpus" ]; then
  for site in "$corpus"/*/; do
    site=${site%/}
    [ -f "$site/_config.yml" ] && [ -d "$site/_layouts" ] && [ -d "$site/_includes" ] || continue
    compare_site "$(basename "$site")" "$site" no
  done
else
  echo "# the corpus is not there ($corpus): only the example site was compared"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
