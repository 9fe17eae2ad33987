#!/usr/bin/env python3
# test-keyboard.py
#
# Copyright 2026 The Aushang authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The program with the keyboard alone: keys go in with xdotool (no
# pointer), and where the focus is comes from the accessibility bus, as a
# screen reader hears it. A new announcement is written and saved with
# shortcuts, Tab and Enter; the sidebar's list is one stop for Tab, with
# arrows within and typing to search; Tab and Shift+Tab leave the preview
# and the form.
#
# Run by tests/test-a11y.sh, on a display and D-Bus session of its own.

import datetime
import glob
import importlib.util
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('a11y', os.path.join(HERE, 'test-a11y.py'))
a11y = importlib.util.module_from_spec(spec)
spec.loader.exec_module(a11y)


def describe(nodes):
    return ', '.join(f'{a.get_role_name()} “{a.get_name()}”' for a in nodes) or 'nothing'


def in_pane(node, pane):
    """Whether @node lies inside the widget GTK names @pane (its type)."""
    while node is not None:
        try:
            if node.get_name() == pane:
                return True
            node = node.get_parent()
        except Exception:
            return False
    return False


def main():
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.update({'GTK_A11Y': 'atspi', 'LC_ALL': 'C.UTF-8', 'G_DEBUG': ''})
    env.setdefault('GSETTINGS_BACKEND', 'memory')
    env.pop('LANGUAGE', None)

    results = []

    def check(title, ok, why=''):
        results.append((title, ok, why))
        a11y.tap(f'{"ok" if ok else "not ok"} {len(results)} - {title}')
        if not ok:
            a11y.tap(f'# {why}')

    a11y.tap('1..8')
    session = a11y.Session(env, [a11y.POST], lambda s: a11y.ready(s, a11y.WORDS['en']))
    try:
        s = session
        s.focus_main()

        def focused():
            return s.focused()

        def is_(nodes, role, name_part):
            return len(nodes) == 1 and nodes[0].get_role_name() == role \
                and name_part in (nodes[0].get_name() or '')

        def focus_is(role, name_part):
            """Whether the focus comes to the @role named with @name_part
            (asked until it does, at most a while); what has it."""
            last = []

            def holds():
                last[:] = focused()
                return is_(last, role, name_part)
            return bool(s.wait(holds)), describe(last)

        def in_list(name_part):
            """Whether the sidebar's list shows a row named with @name_part."""
            lists = s.find(lambda a: a.get_role_name() == 'list' and a.get_name() == 'Documents')
            return any(is_([row], 'list item', name_part) for row in lists[0].children)

        def press(key, role, name_part):
            """@key, then whether the focus comes to @role @name_part."""
            subprocess.run(['xdotool', 'key', key], check=True, env=env)
            return focus_is(role, name_part)

        # The sidebar: from the search field, Tab reaches the list (the
        # open document's row), Tab again leaves it; Shift+Tab comes back
        # to the list, and once more to the search field.
        nodes = s.tab('shift+Tab')  # from the content's first button into the list
        ok, seen = press('shift+Tab', 'entry', 'Search')
        steps = [seen]
        ok1, seen = press('Tab', 'list item', 'Lasercutter')
        steps.append(seen)
        nodes = s.tab('Tab')
        ok2 = len(nodes) == 1 and nodes[0].get_role_name() != 'list item'
        steps.append(describe(nodes))
        ok3, seen = press('shift+Tab', 'list item', 'Lasercutter')
        steps.append(seen)
        ok4, seen = press('shift+Tab', 'entry', 'Search')
        steps.append(seen)
        check('the sidebar list is one stop for Tab and Shift+Tab', ok and ok1 and ok2 and ok3 and ok4,
              'focus went: ' + ' → '.join(steps))

        # Arrows move within the list; typing there searches.
        press('Tab', 'list item', 'Lasercutter')
        ok1, seen1 = press('Up', 'list item', 'Sommerpause')
        subprocess.run(['xdotool', 'key', '--delay', '80', 'r', 'e', 'p', 'a', 'i', 'r'], check=True, env=env)
        ok2, seen2 = focus_is('entry', 'Search')
        # The search takes what was typed a moment later (GtkSearchEntry
        # waits before it says what changed), which the accessible tree
        # does not show (the search field offers no text, the list keeps
        # its rows): until nothing changes any more, and half a second.
        s.settle(None)
        time.sleep(0.5)
        ok3, seen3 = press('Down', 'list item', 'Repair')
        check('arrows move within the list, and typing in it searches', ok1 and ok2 and ok3,
              f'Up: {seen1}; typing: {seen2}; Down: {seen3}')
        s.key('ctrl+a', 'BackSpace', until=lambda: in_list('Lasercutter'))

        def press_until(key, role, name, most=8):
            nodes = None
            for _ in range(most):
                nodes = s.tab(key, nodes)
                if len(nodes) == 1 and nodes[0].get_role_name() == role and nodes[0].get_name() == name:
                    return True
            return False

        # The preview is the last pane: Shift+Tab from the window's first
        # button goes into it, and leaves it for the form's last button;
        # Tab comes back into the preview, and leaves it for the sidebar's
        # first button.
        seen = []
        ok0 = press_until('shift+Tab', 'push button', 'New Document')
        nodes = s.tab('shift+Tab')
        # Entered backwards, WebKit puts the focus on the page's last link,
        # which lives in the web process's own tree: our tree then shows no
        # focus at all (and the next Shift+Tab must reach the form).
        in_preview = len(nodes) == 0 or (len(nodes) == 1 and in_pane(nodes[0], 'Preview'))
        seen.append(describe(nodes))
        subprocess.run(['xdotool', 'key', 'shift+Tab'], check=True, env=env)
        nodes = s.wait(lambda: (lambda n: len(n) == 1 and in_pane(n[0], 'AushangForm') and n)(focused())) \
            or focused()
        left_back = len(nodes) == 1 and in_pane(nodes[0], 'AushangForm')
        seen.append(describe(nodes))
        nodes = s.tab('Tab', nodes)
        back_in = len(nodes) == 1 and in_pane(nodes[0], 'Preview')
        seen.append(describe(nodes))
        nodes = s.tab('Tab', nodes)
        left_forward = len(nodes) == 1 and nodes[0].get_name() == 'New Document'
        seen.append(describe(nodes))
        check('Tab and Shift+Tab enter and leave the preview and the form',
              ok0 and in_preview and left_back and back_in and left_forward,
              'from “New Document”, Shift+Tab, Shift+Tab, Tab, Tab: ' + ' → '.join(seen))

        # The header image's picker: Tab to its "Choose from site", Space
        # opens it in the search field, Down reaches the first image.
        s.focus_main()
        reached = False
        nodes = None
        for _ in range(30):
            nodes = s.tab('Tab', nodes)
            if len(nodes) == 1 and nodes[0].get_name() == 'Choose from site' \
               and in_pane(nodes[0], 'Header image'):
                reached = True
                break
        ok1, seen1 = press('space', 'entry', '')
        ok2, seen2 = press('Down', 'list item', '/assets/images/')
        check('the image picker: Down in its search field reaches the images', reached and ok2,
              f'reached the button: {reached}; after Space: {seen1}; after Down: {seen2}')
        s.key('Escape')

        # A new announcement: Ctrl+N, its title, Enter; the title field has
        # the focus, End and more words; Ctrl+S, Enter.
        s.key('ctrl+n', until=lambda: len(s.frames()) == 2 and is_(focused(), 'text', 'Title'))
        dialogs = [f.get_name() for f in s.frames()]
        check('Ctrl+N opens the new document dialog with the title field focused',
              len(dialogs) == 2 and focus_is('text', 'Title')[0],
              f'windows: {dialogs}; focus: {describe(focused())}')
        subprocess.run(['xdotool', 'type', '--delay', '60', 'Sommerfest'], check=True, env=env)
        s.key('Return', until=lambda: len(s.frames()) == 1
              and a11y.form_shows(s, a11y.WORDS['en'], 'Sommerfest'))
        s.focus_main()
        subprocess.run(['xdotool', 'key', 'End'], check=True, env=env)
        subprocess.run(['xdotool', 'type', '--delay', '60', ' im Hof'], check=True, env=env)
        s.wait(lambda: a11y.form_shows(s, a11y.WORDS['en'], 'Sommerfest im Hof'))
        # The form hands what was typed to the document a moment later.
        time.sleep(0.5)
        s.key('ctrl+s', until=s.windows(2))
        dialogs = [f.get_name() for f in s.frames()]

        def saved():
            written = [p for p in glob.glob(os.path.join(s.site, '_*', '*sommerfest*'))]
            text = open(written[0], encoding='utf-8').read() if len(written) == 1 else ''
            return written, text
        s.key('Return', until=lambda: re.search(r'^title: "?Sommerfest im Hof"?$', saved()[1], re.M))
        written, text = saved()
        check('Ctrl+S asks for the file name and Enter saves it',
              len(dialogs) == 2 and len(written) == 1,
              f'windows after Ctrl+S: {dialogs}; files: {written}')
        check('the title typed after Enter is in the saved file',
              re.search(r'^title: "?Sommerfest im Hof"?$', text, re.M) is not None,
              f'saved front matter: {text[:300]!r}')

        # The date of the new document is today: Tab to the calendar
        # button, Space opens it; Left fourteen times goes back two weeks,
        # across the month's first day, and Enter picks the day.
        def in_words(day):
            return f'{day.strftime("%B")} {day.day}, {day.year}'

        today = datetime.date.today()
        expected = in_words(today - datetime.timedelta(days=14))
        s.focus_main()
        ok0 = press_until('Tab', 'push button', 'Date', most=12)
        s.key('space')
        subprocess.run(['xdotool', 'key', '--delay', '80'] + ['Left'] * 14 + ['Return'], check=True, env=env)

        def dates():
            return {a.get_name() for a in s.find(lambda a: a.get_role_name() == 'label'
                                                  and a.get_name() in (expected, in_words(today)))}
        s.wait(lambda: dates() == {expected})
        shown = dates()
        check('the calendar: arrows cross the month, Enter picks the day',
              ok0 and shown == {expected},
              f'reached the button: {ok0}; expected {expected}, shown: {sorted(shown)}')
    finally:
        session.close()

    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
