#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compares the main content of two HTML pages the way a reader sees it.

Usage: liquid-fidelity-compare.py JEKYLL.html AUSHANG.html
Prints nothing and exits 0 when the visible text (whitespace folded) and
the list of elements with their src, href and class are the same inside
the main content (<main>, else <article>, else <body>); otherwise prints
the first difference on one line and exits 1. Rouge's colour spans inside
<pre> are left out of the element list (no highlighter runs in the
preview); the code's text is compared.
"""

import html.parser
import re
import sys

SKIP = {"script", "style", "noscript", "template", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Extract(html.parser.HTMLParser):
    def __init__(self, region):
        super().__init__(convert_charrefs=True)
        self.region = region
        self.depth = 0          # inside the region when > 0
        self.done = False
        self.skip = 0
        self.stack = []
        self.text = []
        self.elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        skipping = tag in SKIP or "aushang-noscript" in classes or "aushang-card" in classes
        if tag not in VOID:
            self.stack.append((tag, skipping))
        if self.done:
            return
        if self.depth == 0:
            if tag == self.region:
                self.depth = len(self.stack)
            return
        if skipping:
            self.skip += 1
        # Rouge's colours inside code (<span class="k">) are not compared;
        # the code's text is.
        in_code = any(t == "pre" for t, _ in self.stack[:-1])
        if self.skip == 0 and not (tag == "span" and in_code) and \
                any(k in attrs for k in ("src", "href", "class")):
            self.elements.append((tag, attrs.get("src"), attrs.get("href"),
                                  " ".join(classes.split()) or None))
        if tag in VOID and skipping:
            self.skip -= 1

    def handle_endtag(self, tag):
        # Pop up to the matching open element (HTML is forgiving).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                while len(self.stack) > i:
                    t, skipping = self.stack.pop()
                    if self.depth and not self.done:
                        if skipping:
                            self.skip -= 1
                        if len(self.stack) + 1 == self.depth:
                            self.done = True
                break

    def handle_data(self, data):
        if self.depth and not self.done and self.skip == 0:
            self.text.append(data)


def extract(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        source = f.read()
    for region in ("main", "article", "body"):
        if re.search(r"<%s[\s>]" % region, source, re.I):
            break
    parser = Extract(region)
    parser.feed(source)
    parser.close()
    text = " ".join("".join(parser.text).split())
    return region, text, parser.elements


def compare(jekyll_path, aushang_path):
    """None when the pages match, else what differs first."""
    jr, jtext, jel = extract(jekyll_path)
    ar, atext, ael = extract(aushang_path)
    if jtext != atext:
        i = 0
        while i < min(len(jtext), len(atext)) and jtext[i] == atext[i]:
            i += 1
        return "text differs at %d: jekyll “%s” / aushang “%s”" % (
            i, jtext[max(0, i - 30):i + 40], atext[max(0, i - 30):i + 40])
    if jel != ael:
        for i, (a, b) in enumerate(zip(jel, ael)):
            if a != b:
                return "element %d differs: jekyll %s / aushang %s" % (i, a, b)
        return "element lists differ in length: jekyll %d / aushang %d (first extra: %s)" % (
            len(jel), len(ael), (jel + ael)[min(len(jel), len(ael))] if len(jel) != len(ael) else None)
    return None


def main():
    # --batch LIST: one "jekyll-page<TAB>aushang-page<TAB>label" a line;
    # prints "label<TAB>OK" or "label<TAB>what differs" for each (one
    # Python start for a whole site).
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        with open(sys.argv[2], encoding="utf-8") as f:
            for line in f:
                jekyll_path, aushang_path, label = line.rstrip("\n").split("\t", 2)
                try:
                    why = compare(jekyll_path, aushang_path)
                except OSError as e:
                    why = str(e)
                print("%s\t%s" % (label, why or "OK"), flush=True)
        return 0
    why = compare(sys.argv[1], sys.argv[2])
    if why:
        print(why)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
