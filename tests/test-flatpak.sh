#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifests and what they expect of the build, offline (no
# runtime is downloaded, nothing is built in a sandbox). TAP output.
#
#  - both manifests in flatpak/ parse (`flatpak-builder --show-manifest`);
#  - their application id is the one meson gives the profile they build, and
#    equals the metainfo id, the desktop file's name, the icon names and (up
#    to the ".Devel" suffix) the GSettings schema id, for each profile as
#    meson produces them;
#  - finish-args are exactly what the app needs, nothing broader;
#  - every source is pinned (git: tag and commit; archive: sha256) and has
#    x-checker-data, except the development build's own checkout;
#  - every file the manifest and the metainfo expect exists after
#    `meson install --destdir` of this build;
#  - the metainfo's screenshots exist in data/screenshots/ with the size it
#    states, and `appstreamcli validate --no-net` reports nothing but the one
#    info about <developer> (AppStream 1.0's tag, unknown to Debian 12's 0.16).
#
# Environment: AUSHANG_SOURCE_DIR (the source tree), G_TEST_BUILDDIR (this
# build's tests/ folder).
set -u

src=${AUSHANG_SOURCE_DIR:?}
build=$(cd "${G_TEST_BUILDDIR:?}/.." && pwd)

for tool in flatpak-builder python3 meson ninja appstreamcli; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    # build-aux/dev installs all of them; a machine without them cannot run this.
    echo "1..0 # SKIP $tool is not installed (build-aux/dev installs it)"
    exit 0
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift
  local l; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done
}
# check DESCRIPTION COMMAND…: ok when COMMAND succeeds; its output is the
# diagnostics otherwise.
check() {
  local d=$1 out; shift
  if out=$("$@" 2>&1); then ok "$d"; else not_ok "$d" "$out"; fi
}

export LC_ALL=C.UTF-8

stable_id=io.github.aushang.Aushang
manifests=(
  "flatpak/$stable_id.json:$stable_id:default"
  "flatpak/$stable_id.Devel.json:$stable_id.Devel:development"
)
version=$(meson introspect --projectinfo "$build" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')

# --- the manifests ----------------------------------------------------------
for entry in "${manifests[@]}"; do
  IFS=: read -r manifest app_id profile <<< "$entry"
  check "$manifest parses (flatpak-builder --show-manifest)" \
    flatpak-builder --show-manifest "$src/$manifest"

  check "$manifest: id $app_id, GNOME 50, command aushang, -Dprofile=$profile, finish-args and pins" \
    python3 - "$src" "$manifest" "$app_id" "$profile" "$version" <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET
src, path, app_id, profile, version = sys.argv[1:]
m = json.load(open(f"{src}/{path}"))
problems = []
def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: {got!r}, expected {want!r}")

expect("id", m.get("id", m.get("app-id")), app_id)
expect("runtime", m.get("runtime"), "org.gnome.Platform")
expect("sdk", m.get("sdk"), "org.gnome.Sdk")
expect("runtime-version", m.get("runtime-version"), "50")
expect("command", m.get("command"), "aushang")

# Exactly these, each once: the window (Wayland, X11 as a fallback with its
# shared memory), the GPU, and the network for publishing (issue 9).
allowed = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri", "--share=network"]
args = m.get("finish-args", [])
expect("finish-args", sorted(args), sorted(allowed))
if len(set(args)) != len(args):
    problems.append(f"finish-args has duplicates: {args}")
why = m.get("//finish-args", {})
for a in allowed:
    if a not in why:
        problems.append(f"//finish-args does not say why {a} is needed")

# The profile is one meson_options.txt offers.
options = open(f"{src}/meson_options.txt").read()
choices = re.search(r"option\('profile'.*?choices:\s*\[([^\]]*)\]", options, re.S)
if not choices or f"'{profile}'" not in choices.group(1):
    problems.append(f"meson_options.txt has no profile {profile!r}")

homepage = ET.parse(f"{src}/data/io.github.aushang.Aushang.metainfo.xml.in") \
             .getroot().find("url[@type='homepage']").text.strip()

modules = m.get("modules", [])
names = [mod.get("name") for mod in modules]
for needed in ["libyaml", "cmark-gfm", "libgit2", "hunspell-de", "aushang"]:
    if needed not in names:
        problems.append(f"no module {needed!r} (modules: {names})")
if names and names[-1] != "aushang":
    problems.append("the aushang module is not the last one")

for mod in modules:
    name = mod.get("name")
    if name == "aushang":
        expect("aushang config-opts", mod.get("config-opts"), [f"-Dprofile={profile}"])
    for s in mod.get("sources", []):
        kind = s.get("type")
        if name == "aushang" and profile == "development":
            expect("the development build's source", (kind, s.get("path")), ("dir", ".."))
            continue
        if kind == "git":
            if not s.get("tag"):
                problems.append(f"{name}: git source without a tag")
            if not re.fullmatch(r"[0-9a-f]{40}", s.get("commit", "")):
                problems.append(f"{name}: git source not pinned by a full commit id")
        elif kind == "archive":
            if not re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", "")):
                problems.append(f"{name}: archive without sha256")
        else:
            problems.append(f"{name}: unexpected source type {kind!r}")
        if "x-checker-data" not in s:
            problems.append(f"{name}: source without x-checker-data")
        if name == "aushang":
            expect("the release's repository", s.get("url"), homepage)
            expect("the release's tag", s.get("tag"), f"v{version}")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
done

# The release's tag, once it exists, is on the commit the stable manifest pins.
pinned=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["modules"][-1]["sources"][0]["commit"])' \
           "$src/flatpak/$stable_id.json")
if git -C "$src" rev-parse -q --verify "refs/tags/v$version" >/dev/null 2>&1; then
  tagged=$(git -C "$src" rev-parse "v$version^{commit}")
  if [ "$tagged" = "$pinned" ]; then
    ok "the stable manifest pins v$version's commit"
  else
    not_ok "the stable manifest pins v$version's commit" "v$version is $tagged, the manifest pins $pinned"
  fi
elif git -C "$src" cat-file -e "$pinned^{commit}" 2>/dev/null; then
  ok "the stable manifest pins a commit of this repository (v$version is not tagged yet)"
elif git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  not_ok "the stable manifest pins a commit of this repository" "no commit $pinned here"
else
  ok "the stable manifest's commit # SKIP the source tree is not a git checkout"
fi

# --- what meson produces, per profile ---------------------------------------
# ids_agree BUILD APP_ID: the generated desktop file and metainfo, the icons
# and the schema that BUILD installs carry APP_ID.
ids_agree() {
  local b=$1 app_id=$2
  meson introspect --installed "$b" > "$tmp/installed.json" || return 1
  python3 - "$b" "$app_id" "$src" "$tmp/installed.json" <<'PY'
import json, os, sys, configparser
import xml.etree.ElementTree as ET
b, app_id, src, installed = sys.argv[1:]
inst = set(json.load(open(installed)).values())
problems = []
def installs(rel):
    if not any(p.endswith("/" + rel) for p in inst):
        problems.append(f"not installed: {rel}")

installs("bin/aushang")
installs(f"share/applications/{app_id}.desktop")
installs(f"share/metainfo/{app_id}.metainfo.xml")
installs(f"share/icons/hicolor/scalable/apps/{app_id}.svg")
installs(f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg")
installs("share/locale/de/LC_MESSAGES/aushang.mo")

# The metainfo: its id, the desktop file it launches, the binary it provides.
meta = ET.parse(f"{b}/data/{app_id}.metainfo.xml").getroot()
if meta.findtext("id") != app_id:
    problems.append(f"metainfo id {meta.findtext('id')!r}")
if meta.findtext("launchable[@type='desktop-id']") != f"{app_id}.desktop":
    problems.append(f"metainfo launchable {meta.findtext('launchable')!r}")
if meta.findtext("provides/binary") != "aushang":
    problems.append(f"metainfo provides {meta.findtext('provides/binary')!r}")

# The desktop file's icon.
desktop = configparser.ConfigParser(interpolation=None)
desktop.optionxform = str
desktop.read(f"{b}/data/{app_id}.desktop", encoding="utf-8")
icon = desktop["Desktop Entry"].get("Icon")
if icon != app_id:
    problems.append(f"desktop file Icon={icon}")
exec_ = desktop["Desktop Entry"].get("Exec", "").split()
if not exec_ or exec_[0] != "aushang":
    problems.append(f"desktop file Exec={' '.join(exec_)}")

# The GSettings schema: installed under its id, which is the stable
# application id in both profiles (settings carry over to the development
# build), so APP_ID is that id or that id + ".Devel".
schemas = [p for p in inst if p.endswith(".gschema.xml")]
for s in schemas:
    tree = ET.parse(os.path.join(src, "data", os.path.basename(s)))
    for schema in tree.getroot().findall("schema"):
        sid = schema.get("id")
        if os.path.basename(s) != f"{sid}.gschema.xml":
            problems.append(f"schema {sid} installed as {os.path.basename(s)}")
        if app_id not in (sid, sid + ".Devel"):
            problems.append(f"schema id {sid} does not belong to {app_id}")
if not schemas:
    problems.append("no GSettings schema installed")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

for entry in "${manifests[@]}"; do
  IFS=: read -r manifest app_id profile <<< "$entry"
  b=$tmp/build-$profile
  if ! out=$(meson setup "$b" "$src" -Dprofile="$profile" 2>&1) ||
     ! out=$(ninja -C "$b" "data/$app_id.desktop" "data/$app_id.metainfo.xml" 2>&1); then
    not_ok "meson -Dprofile=$profile: ids agree with $manifest" "$out"
    continue
  fi
  check "meson -Dprofile=$profile: metainfo, desktop file, icons and schema carry $app_id" \
    ids_agree "$b" "$app_id"

  # Nothing but the one info about <developer>: no warning, no other info.
  report=$(appstreamcli validate --no-net "$b/data/$app_id.metainfo.xml" 2>&1)
  rc=$?
  others=$(printf '%s\n' "$report" | grep -E '^[EWI]: ' | grep -v 'unknown-tag developer$')
  if [ $rc -eq 0 ] && [ -z "$others" ]; then
    ok "appstreamcli validate --no-net: $app_id.metainfo.xml has no warnings"
  else
    not_ok "appstreamcli validate --no-net: $app_id.metainfo.xml has no warnings" "$report"
  fi
done

# --- the screenshots ----------------------------------------------------------
check "the metainfo's screenshots are in data/screenshots/, English and German, at their stated size" \
  python3 - "$src" <<'PY'
import struct, sys, re
import xml.etree.ElementTree as ET
src = sys.argv[1]
root = ET.parse(f"{src}/data/io.github.aushang.Aushang.metainfo.xml.in").getroot()
homepage = root.findtext("url[@type='homepage']").strip()
owner_repo = re.fullmatch(r"https://github\.com/([^/]+/[^/]+)", homepage).group(1)
base = f"https://raw.githubusercontent.com/{owner_repo}/main/"
problems, langs = [], set()
shots = root.findall("screenshots/screenshot")
if not shots:
    problems.append("no <screenshots>")
for shot in shots:
    if not (shot.findtext("caption") or "").strip():
        problems.append("a screenshot without a caption")
    for img in shot.findall("image"):
        url = img.text.strip()
        langs.add(img.get("{http://www.w3.org/XML/1998/namespace}lang", "C"))
        if not url.startswith(base + "data/screenshots/"):
            problems.append(f"{url} is not under {base}data/screenshots/")
            continue
        path = f"{src}/{url[len(base):]}"
        try:
            data = open(path, "rb").read(24)
        except OSError as e:
            problems.append(f"{url}: {e}")
            continue
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            problems.append(f"{path} is not a PNG")
            continue
        w, h = struct.unpack(">II", data[16:24])
        if (str(w), str(h)) != (img.get("width"), img.get("height")):
            problems.append(f"{path} is {w}x{h}, the metainfo says {img.get('width')}x{img.get('height')}")
if not {"C", "de"} <= langs:
    problems.append(f"screenshots in {sorted(langs)}, expected English and German")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# --- this build, installed ------------------------------------------------------
dest=$tmp/dest
if ! out=$(meson install -C "$build" --no-rebuild --quiet --destdir "$dest" 2>&1); then
  not_ok "meson install --destdir of this build" "$out"
else
  ok "meson install --destdir of this build"
  app_id=$(meson introspect --installed "$build" | python3 -c '
import json, sys, os
for p in json.load(sys.stdin).values():
    if p.endswith(".metainfo.xml"):
        print(os.path.basename(p)[:-len(".metainfo.xml")])')
  prefix=$(meson introspect --buildoptions "$build" | python3 -c '
import json, sys
print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
  root=$dest$prefix
  missing=()
  for f in \
      bin/aushang \
      "share/applications/$app_id.desktop" \
      "share/metainfo/$app_id.metainfo.xml" \
      "share/icons/hicolor/scalable/apps/$app_id.svg" \
      "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
      "share/glib-2.0/schemas/$stable_id.gschema.xml" \
      share/locale/de/LC_MESSAGES/aushang.mo \
      share/aushang/example-site/_config.yml; do
    [ -e "$root/$f" ] || missing+=("$prefix/$f")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    ok "the installed $app_id has its command, desktop file, metainfo, icons, schema, translation and example site"
  else
    not_ok "the installed $app_id has its command, desktop file, metainfo, icons, schema, translation and example site" \
      "missing:" "${missing[@]}"
  fi
  # What flatpak-builder's export looks for: the desktop file's Icon= and
  # Exec= resolve inside the installation.
  icon=$(sed -n 's/^Icon=//p' "$root/share/applications/$app_id.desktop" 2>/dev/null)
  exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$root/share/applications/$app_id.desktop" 2>/dev/null)
  if [ -n "$icon" ] && [ -e "$root/share/icons/hicolor/scalable/apps/$icon.svg" ] &&
     [ -n "$exe" ] && [ -x "$root/bin/$exe" ]; then
    ok "the installed desktop file's icon ($icon) and command ($exe) exist"
  else
    not_ok "the installed desktop file's icon and command exist" "Icon=$icon Exec=$exe"
  fi
fi

echo "1..$n"
exit $((failed > 0))
