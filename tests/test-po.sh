#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the translations, printing TAP:
#  - every file with strings for people is listed in po/POTFILES.in,
#  - every entry of po/POTFILES.in exists,
#  - every language in po/LINGUAS has a .po file,
#  - each .po file passes `msgfmt --check`,
#  - each .po file translates every string of a freshly extracted template,
#    with nothing left fuzzy.
#
# Environment: AUSHANG_SOURCE_DIR, the root of the source tree (defaults to
# the parent of this script's folder).

set -u

src=${AUSHANG_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$src" || { echo "1..0 # SKIP no source dir $src"; exit 0; }

for tool in xgettext msgmerge msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (package gettext)"
    exit 0
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0

# ok DESCRIPTION; not_ok DESCRIPTION DIAGNOSTICS…
ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok() {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}

# The entries of POTFILES.in, without comments and blank lines.
potfiles=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in)
linguas=$(sed -e 's/#.*//' po/LINGUAS | tr -s '[:space:]' '\n' | sed '/^$/d')
n_linguas=$(printf '%s\n' "$linguas" | sed '/^$/d' | wc -l)

echo "1..$((3 + 2 * n_linguas))"

# 1. Files with translatable strings are listed.
needed=$(
  {
    # C: _("…"), N_("…"), C_("ctx", …), NC_("ctx", …), also when the string
    # starts on the next line.
    grep -rlE --include='*.c' --include='*.h' \
      '(^|[^A-Za-z0-9_])(N|C|NC)?_[[:space:]]*\([[:space:]]*("|$)' src 2>/dev/null
    # GtkBuilder templates with translatable properties.
    grep -rl --include='*.ui' 'translatable="yes"' src 2>/dev/null
    # The desktop file, the AppStream metadata and the schema.
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
  } | sort -u
)
missing=()
for f in $needed; do
  if ! printf '%s\n' "$potfiles" | grep -qxF "$f"; then
    missing+=("$f")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "every file with translatable strings is in po/POTFILES.in"
else
  not_ok "every file with translatable strings is in po/POTFILES.in" \
    "add these lines to po/POTFILES.in:" "${missing[@]}"
fi

# 2. Every POTFILES.in entry exists.
absent=()
for f in $potfiles; do
  [ -f "$f" ] || absent+=("$f")
done
if [ ${#absent[@]} -eq 0 ]; then
  ok "every entry of po/POTFILES.in exists"
else
  not_ok "every entry of po/POTFILES.in exists" \
    "these entries of po/POTFILES.in do not exist:" "${absent[@]}"
fi

# 3. A fresh template, extracted as `meson compile aushang-pot` does (the glib
# preset's keywords). xgettext picks the language by file name: C, GtkBuilder,
# desktop entry (.desktop.in), AppStream and GSettings (ITS rules).
printf '%s\n' "$potfiles" | grep -v '\.desktop\.in$' > "$tmp/files-its"
printf '%s\n' "$potfiles" | grep '\.desktop\.in$' > "$tmp/files-desktop"
# shellcheck disable=SC2054 # the commas belong to the keyword specs
xgettext_args=(
  --from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --keyword=ngettext:1,2
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
  --package-name=aushang --msgid-bugs-address=https://github.com/aushang/aushang/issues
)
pot_log=$(
  {
    # Only the files that exist, so one missing entry (test 2) does not hide
    # the translation checks.
    while read -r f; do [ -f "$f" ] && echo "$f"; done < "$tmp/files-its" > "$tmp/its"
    while read -r f; do [ -f "$f" ] && echo "$f"; done < "$tmp/files-desktop" > "$tmp/desktop"
    : > "$tmp/a.pot"
    : > "$tmp/b.pot"
    if [ -s "$tmp/its" ]; then
      xgettext "${xgettext_args[@]}" --force-po --files-from="$tmp/its" -o "$tmp/a.pot" || exit 1
    fi
    if [ -s "$tmp/desktop" ]; then
      xgettext "${xgettext_args[@]}" --force-po -L Desktop --files-from="$tmp/desktop" -o "$tmp/b.pot" || exit 1
    fi
    if [ -s "$tmp/a.pot" ] && [ -s "$tmp/b.pot" ]; then
      msgcat --use-first -o "$tmp/aushang.pot" "$tmp/a.pot" "$tmp/b.pot" || exit 1
    elif [ -s "$tmp/a.pot" ]; then
      cp "$tmp/a.pot" "$tmp/aushang.pot"
    else
      cp "$tmp/b.pot" "$tmp/aushang.pot"
    fi
  } 2>&1
)
pot_rc=$?
if [ $pot_rc -eq 0 ] && [ -s "$tmp/aushang.pot" ]; then
  n_msgids=$(msgattrib --no-obsolete "$tmp/aushang.pot" 2>/dev/null | grep -c '^msgid ')
  ok "xgettext extracts a template from po/POTFILES.in ($((n_msgids - 1)) strings)"
else
  not_ok "xgettext extracts a template from po/POTFILES.in" "$pot_log"
fi

# 4 and 5, per language.
for lang in $linguas; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    not_ok "$po passes msgfmt --check" "po/LINGUAS lists $lang but $po does not exist"
    not_ok "$po translates every string" "po/LINGUAS lists $lang but $po does not exist"
    continue
  fi

  # A warning (a missing header field, say) counts as a failure too.
  if log=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) &&
     [ "$(printf '%s\n' "$log" | wc -l)" -eq 1 ]; then
    ok "$po passes msgfmt --check ($log)"
  else
    not_ok "$po passes msgfmt --check" "$log"
  fi

  if [ $pot_rc -ne 0 ] || [ ! -s "$tmp/aushang.pot" ]; then
    not_ok "$po translates every string" "no template to compare with (see above)"
    continue
  fi
  if ! log=$(msgmerge --quiet --previous -o "$tmp/$lang.po" "$po" "$tmp/aushang.pot" 2>&1); then
    not_ok "$po translates every string" "msgmerge failed:" "$log"
    continue
  fi
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  # Entries without the header (the first block), as references and msgids.
  list() {
    msgattrib "$@" --no-obsolete --no-wrap "$tmp/$lang.po" | sed '1,/^$/d' | grep -E '^(#:|msgctxt|msgid)'
  }
  untranslated=$(list --untranslated)
  fuzzy=$(list --only-fuzzy)
  if [ -z "$untranslated" ] && [ -z "$fuzzy" ]; then
    ok "$po translates every string ($stats)"
  else
    not_ok "$po translates every string" \
      "after merging with a fresh template: $stats" \
      "refresh it with: meson compile -C _build aushang-update-po, then translate:" \
      ${untranslated:+"untranslated:" "$untranslated"} \
      ${fuzzy:+"fuzzy (check the translation, then remove the fuzzy flag):" "$fuzzy"}
  fi
done

exit $failed
