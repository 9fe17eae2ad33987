#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fault injection through the command line: a full file system, a file-size
# limit, read-only files and folders, a FIFO, /dev/zero, a document with a
# NUL byte and a PNG with a document's name. Every case checks the exit
# code, the message and that the original's bytes are unchanged (and that
# no temporary file is left beside it). TAP output.
#
# Root may write where the permissions say no, so as root the permission
# cases run as "nobody" (setpriv); as a normal user they run as that user.
# The full disk is a 64 KB tmpfs in a mount namespace of its own (as root,
# or in a user namespace otherwise); where neither is allowed, a file-size
# limit stands in for it, and the test says so.
set -u

aushang=${AUSHANG_BINARY:?}
[ -x "$aushang" ] || { echo "Bail out! $aushang is not built"; exit 1; }

export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
# The folder for cases run as another user: reachable by them.
pdir=$(mktemp -d /tmp/aushang-faults-XXXXXX)
chmod 0755 "$pdir"
cleanup() {
  chmod -R u+rwX "$tmp" "$pdir" 2>/dev/null
  rm -rf "$tmp" "$pdir"
}
trap cleanup EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
check() { # description, command…
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d" "command: $*"; fi
}

# A document of about @2 bytes (default 40 KB) at @1.
make_doc() {
  local path=$1 size=${2:-40000}
  {
    printf -- '---\ntitle: "Alt"\ntags: [a, b]\n---\n'
    head -c "$size" /dev/zero | tr '\0' 'x' | fold -w 79
    printf '\n'
  } > "$path"
}

# Nothing but @2… in folder @1 (no temporary file left).
only() {
  local dir=$1; shift
  local want have
  want=$(printf '%s\n' "$@" | sort)
  have=$(ls -A "$dir" | sort)
  [ "$want" = "$have" ] || { echo "# in $dir: $(echo $have)" ; return 1; }
}

# Runs the CLI (or any command) as a person without special rights.
if [ "$(id -u)" = 0 ]; then
  person=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$pdir")
  person_name=nobody
else
  person=(env)
  person_name=$(id -un)
fi
# The build folder may be out of the person's reach (a checkout in /root):
# then they run a copy (the executable links the core statically).
person_aushang=$aushang
if ! "${person[@]}" test -x "$aushang"; then
  cp "$aushang" "$pdir/aushang"
  chmod 0755 "$pdir/aushang"
  person_aushang=$pdir/aushang
fi

# --- a file-size limit: the write fails after N bytes ---------------------
d=$tmp/limit
mkdir -p "$d"
make_doc "$d/post.md"
cp "$d/post.md" "$tmp/limit-original.md"
(ulimit -f 16; exec "$aushang" --set title=Neu "$d/post.md") 2>"$tmp/err"; status=$?
check "a file-size limit: exit 1, not killed by SIGXFSZ" test "$status" -eq 1
check "… says why and that the file is safe" \
  grep -qF "The file would be larger than this system allows. “$d/post.md” was not changed." "$tmp/err"
check "… the original's bytes are unchanged" cmp -s "$d/post.md" "$tmp/limit-original.md"
check "… no temporary file is left" only "$d" post.md

# --- a full file system ----------------------------------------------------
# In a mount namespace of its own: the tmpfs goes away with it.
probe=$pdir/probe
mkdir -p "$probe"
if [ "$(id -u)" = 0 ] && unshare -m mount -t tmpfs -o size=16k tmpfs "$probe" 2>/dev/null; then
  ns=(unshare -m)
  # Inside, the person is nobody, as outside.
  ns_person=("${person[@]}")
elif unshare -rm mount -t tmpfs -o size=16k tmpfs "$probe" 2>/dev/null; then
  ns=(unshare -rm)
  # Root of a user namespace of our own: without its capabilities, the
  # permissions apply again.
  ns_person=(setpriv --bounding-set=-all --inh-caps=-all)
else
  ns=()
fi

full_disk_case() { # label, read-only folder (0/1)
  local label=$1 ro=$2
  local disk=$pdir/disk-$ro
  mkdir -p "$disk"
  cat > "$tmp/full.sh" <<'SH'
set -e
disk=$1 ro=$2 aushang=$3 tmp=$4; shift 4
mount -t tmpfs -o size=64k,mode=0777 tmpfs "$disk"
# The folder and the document, made by the person who edits them.
"$@" bash -c '
  mkdir "$1/site"
  {
    printf -- "---\ntitle: \"Alt\"\ntags: [a, b]\n---\n"
    head -c 24000 /dev/zero | tr "\0" "x" | fold -w 79
    printf "\n"
  } > "$1/site/post.md"' _ "$disk"
cp "$disk/site/post.md" "$tmp/full-original.md"
# Fill what is left.
dd if=/dev/zero of="$disk/voll" bs=1k 2>/dev/null || true
dd if=/dev/zero of="$disk/voll" bs=1 count=100000 oflag=append conv=notrunc 2>/dev/null || true
if [ "$ro" = 1 ]; then "$@" chmod 0555 "$disk/site"; fi
set +e
# A title of 6000 bytes: the new text needs more room than the old one had
# (more than the slack in its last block).
"$@" "$aushang" --set "title=$(head -c 6000 /dev/zero | tr '\0' 'N')" "$disk/site/post.md" 2>"$tmp/full-err"
echo $? > "$tmp/full-status"
cmp -s "$disk/site/post.md" "$tmp/full-original.md"; echo $? > "$tmp/full-cmp"
ls -A "$disk/site" > "$tmp/full-ls"
SH
  rm -f "$tmp/full-status" "$tmp/full-cmp" "$tmp/full-ls" "$tmp/full-err"
  "${ns[@]}" bash "$tmp/full.sh" "$disk" "$ro" "$person_aushang" "$tmp" "${ns_person[@]}" 2>"$tmp/full-setup-err"
  if [ ! -s "$tmp/full-status" ]; then
    not_ok "$label: the case ran" "$(cat "$tmp/full-setup-err")"
    return
  fi
  check "$label: exit 1" test "$(cat "$tmp/full-status")" -eq 1
  check "… says the disk is full and the file was not changed" \
    grep -qF "The disk is full. “$disk/site/post.md” was not changed." "$tmp/full-err"
  check "… the original's bytes are unchanged" test "$(cat "$tmp/full-cmp")" -eq 0
  check "… no temporary file is left" test "$(cat "$tmp/full-ls")" = post.md
}

if [ ${#ns[@]} -gt 0 ]; then
  full_disk_case "a full disk (64 KB tmpfs)" 0
  # The folder takes no temporary file: in place, but only with room.
  full_disk_case "a full disk and a read-only folder (in place, as $person_name)" 1
else
  # No tmpfs can be mounted here: a file-size limit fails the same write.
  skip "a full disk: neither root nor user namespaces, so no tmpfs can be mounted (the file-size limit case above fails the same write)"
fi

# --- permissions, as a person without special rights -----------------------
# The person owns the folder and the documents in it.
p=$pdir/site
mkdir -p "$p"
make_doc "$p/nur-lesen.md" 2000
make_doc "$p/ordner.md" 2000
make_doc "$p/beides.md" 2000
[ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$pdir"
"${person[@]}" chmod 0444 "$p/nur-lesen.md"
cp "$p/nur-lesen.md" "$tmp/nur-lesen-original.md"

"${person[@]}" "$person_aushang" --set title=Neu "$p/nur-lesen.md" 2>"$tmp/err"; status=$?
check "a read-only file (as $person_name): exit 1" test "$status" -eq 1
check "… says it is read-only and was not changed" \
  grep -qF "The file is read-only. “$p/nur-lesen.md” was not changed." "$tmp/err"
check "… the original's bytes are unchanged" cmp -s "$p/nur-lesen.md" "$tmp/nur-lesen-original.md"
check "… no temporary file is left" only "$p" nur-lesen.md ordner.md beides.md

# A read-only folder with a writable file: rewritten in place.
"${person[@]}" chmod 0555 "$p"
"${person[@]}" "$person_aushang" --set title=Neu "$p/ordner.md" 2>"$tmp/err"; status=$?
check "a read-only folder, writable file (as $person_name): saved in place, exit 0" test "$status" -eq 0
check "… with the new title" grep -qx 'title: "Neu"' "$p/ordner.md"
check "… and the body kept" test "$(tail -n +5 "$p/ordner.md")" = "$(tail -n +5 "$tmp/nur-lesen-original.md")"
check "… no temporary file is left" only "$p" nur-lesen.md ordner.md beides.md

# …but past a file-size limit it is refused before a byte changes.
cp "$p/ordner.md" "$tmp/ordner-original.md"
"${person[@]}" bash -c 'ulimit -f 2; exec "$@"' _ "$person_aushang" --set "title=$(head -c 3000 /dev/zero | tr '\0' 'y')" "$p/ordner.md" 2>"$tmp/err"; status=$?
check "a read-only folder and a file-size limit: exit 1" test "$status" -eq 1
check "… says why and that the file is safe" \
  grep -qF "The file would be larger than this system allows. “$p/ordner.md” was not changed." "$tmp/err"
check "… the original's bytes are unchanged" cmp -s "$p/ordner.md" "$tmp/ordner-original.md"

# A read-only file in a read-only folder.
"${person[@]}" chmod 0444 "$p/beides.md"
cp "$p/beides.md" "$tmp/beides-original.md"
"${person[@]}" "$person_aushang" --set title=Neu "$p/beides.md" 2>"$tmp/err"; status=$?
check "a read-only file in a read-only folder: exit 1" test "$status" -eq 1
check "… says it is read-only" grep -qF "The file is read-only. “$p/beides.md” was not changed." "$tmp/err"
check "… the original's bytes are unchanged" cmp -s "$p/beides.md" "$tmp/beides-original.md"
check "… nothing new in the folder" only "$p" nur-lesen.md ordner.md beides.md
"${person[@]}" chmod 0755 "$p"

# --- what is not a regular file --------------------------------------------
mkfifo "$tmp/pipe.md"
for verb in "--set title=X" "--render" "--check"; do
  # shellcheck disable=SC2086
  out=$(timeout 20 "$aushang" $verb "$tmp/pipe.md" 2>&1); status=$?
  check "a FIFO ($verb): refused at once, not waited on" test "$status" -eq 1
  check "… says it is a named pipe" grep -qF "“$tmp/pipe.md” is a named pipe (FIFO), not a file." <<<"$out"
done
check "… and is still a FIFO" test -p "$tmp/pipe.md"

out=$(timeout 20 "$aushang" --render /dev/zero 2>&1); status=$?
check "--render /dev/zero: refused at once" test "$status" -eq 1
check "… says it is a device" grep -qF "“/dev/zero” is a device, not a file." <<<"$out"

# --- files that are not text -----------------------------------------------
printf -- '---\ntitle: Mit NUL\n---\nvorher\0nachher, und noch viel mehr Text\n' > "$tmp/nul.md"
cp "$tmp/nul.md" "$tmp/nul-original.md"
"$aushang" --set title=X "$tmp/nul.md" 2>"$tmp/err"; status=$?
check "a document with a NUL byte: --set exits 1" test "$status" -eq 1
check "… says it is not text" grep -qF "“$tmp/nul.md” is not a text document: it contains NUL bytes" "$tmp/err"
check "… the original's bytes are unchanged" cmp -s "$tmp/nul.md" "$tmp/nul-original.md"
out=$("$aushang" --check "$tmp/nul.md"); status=$?
check "… --check reports it as an error" test "$status" -eq 1
check "… in the usual form" grep -qF "$tmp/nul.md:1:1: error: " <<<"$out"

# A real PNG (1×1 pixel) with a document's name.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82' > "$tmp/bild.md"
cp "$tmp/bild.md" "$tmp/bild-original.md"
"$aushang" --set title=X "$tmp/bild.md" 2>"$tmp/err"; status=$?
check "a PNG named .md: --set exits 1" test "$status" -eq 1
check "… says it is not text" grep -qF "“$tmp/bild.md” is not a text document" "$tmp/err"
check "… the image's bytes are unchanged" cmp -s "$tmp/bild.md" "$tmp/bild-original.md"
"$aushang" --render "$tmp/bild.md" >/dev/null 2>&1; status=$?
check "… --render refuses it too" test "$status" -eq 1

# A site whose collection holds such files still checks, and names them.
s=$tmp/site
mkdir -p "$s/_posts" "$s/_data"
printf 'title: Seite\n' > "$s/_config.yml"
printf -- '---\ntitle: Gut\n---\nText\n' > "$s/_posts/2025-01-01-gut.md"
cp "$tmp/bild.md" "$s/_posts/2025-01-02-bild.md"
ln -s /dev/zero "$s/_posts/2025-01-03-null.md"
ln -s /dev/zero "$s/_data/null.yml"
mkfifo "$s/_data/pipe.yml"
out=$(timeout 20 "$aushang" --check "$s"); status=$?
check "a site with binary files, a device and a FIFO: --check finishes with 1" test "$status" -eq 1
check "… names the binary document" grep -qF "$s/_posts/2025-01-02-bild.md:1:1: error: " <<<"$out"
check "… and not the good one" bash -c '! grep -q "gut.md" <<<"$1"' _ "$out"

echo "1..$n"
[ "$failed" -eq 0 ]
