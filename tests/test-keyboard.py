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
    session = a11y.Session(env, [a11y.POST])
    try:
        s = session
        s.focus_main()

        def focused():
            return s.focused()

        def focus_is(role, name_part):
            nodes = focused()
            return len(nodes) == 1 and nodes[0].get_role_name() == role \
                and name_part in (nodes[0].get_name() or ''), describe(nodes)

        # The sidebar: from the search field, Tab reaches the list (the
        # open document's row), Tab again leaves it; Shift+Tab comes back
        # to the list, and once more to the search field.
        s.key('shift+Tab')  # from the content's first button into the list
        s.key('shift+Tab')
        ok, seen = focus_is('entry', 'Search')
        steps = [seen]
        s.key('Tab')
        ok1, seen = focus_is('list item', 'Lasercutter')
        steps.append(seen)
        s.key('Tab')
        nodes = focused()
        ok2 = len(nodes) == 1 and nodes[0].get_role_name() != 'list item'
        steps.append(describe(nodes))
        s.key('shift+Tab')
        ok3, seen = focus_is('list item', 'Lasercutter')
        steps.append(seen)
        s.key('shift+Tab')
        ok4, seen = focus_is('entry', 'Search')
        steps.append(seen)
        check('the sidebar list is one stop for Tab and Shift+Tab', ok and ok1 and ok2 and ok3 and ok4,
              'focus went: ' + ' → '.join(steps))

        # Arrows move within the list; typing there searches.
        s.key('Tab')
        s.key('Up')
        ok1, seen1 = focus_is('list item', 'Sommerpause')
        s.key('r', 'e', 'p', 'a', 'i', 'r')
        ok2, seen2 = focus_is('entry', 'Search')
        s.key('Down')
        ok3, seen3 = focus_is('list item', 'Repair')
        check('arrows move within the list, and typing in it searches', ok1 and ok2 and ok3,
              f'Up: {seen1}; typing: {seen2}; Down: {seen3}')
        s.key('ctrl+a', 'BackSpace')

        def press_until(key, role, name, most=8):
            for _ in range(most):
                s.key(key)
                nodes = focused()
                if len(nodes) == 1 and nodes[0].get_role_name() == role and nodes[0].get_name() == name:
                    return True
            return False

        # The preview is the last pane: Shift+Tab from the window's first
        # button goes into it, and leaves it for the form's last button;
        # Tab comes back into the preview, and leaves it for the sidebar's
        # first button.
        seen = []
        ok0 = press_until('shift+Tab', 'push button', 'New Document')
        s.key('shift+Tab')
        nodes = focused()
        # Entered backwards, WebKit puts the focus on the page's last link,
        # which lives in the web process's own tree: our tree then shows no
        # focus at all (and the next Shift+Tab must reach the form).
        in_preview = len(nodes) == 0 or (len(nodes) == 1 and in_pane(nodes[0], 'Preview'))
        seen.append(describe(nodes))
        s.key('shift+Tab')
        nodes = focused()
        left_back = len(nodes) == 1 and in_pane(nodes[0], 'AushangForm')
        seen.append(describe(nodes))
        s.key('Tab')
        nodes = focused()
        back_in = len(nodes) == 1 and in_pane(nodes[0], 'Preview')
        seen.append(describe(nodes))
        s.key('Tab')
        nodes = focused()
        left_forward = len(nodes) == 1 and nodes[0].get_name() == 'New Document'
        seen.append(describe(nodes))
        check('Tab and Shift+Tab enter and leave the preview and the form',
              ok0 and in_preview and left_back and back_in and left_forward,
              'from “New Document”, Shift+Tab, Shift+Tab, Tab, Tab: ' + ' → '.join(seen))

        # The header image's picker: Tab to its "Choose from site", Space
        # opens it in the search field, Down reaches the first image.
        s.focus_main()
        reached = False
        for _ in range(30):
            s.key('Tab')
            nodes = focused()
            if len(nodes) == 1 and nodes[0].get_name() == 'Choose from site' \
               and in_pane(nodes[0], 'Header image'):
                reached = True
                break
        s.key('space')
        ok1, seen1 = focus_is('entry', '')
        s.key('Down')
        ok2, seen2 = focus_is('list item', '/assets/images/')
        check('the image picker: Down in its search field reaches the images', reached and ok2,
              f'reached the button: {reached}; after Space: {seen1}; after Down: {seen2}')
        s.key('Escape')

        # A new announcement: Ctrl+N, its title, Enter; the title field has
        # the focus, End and more words; Ctrl+S, Enter.
        s.key('ctrl+n')
        dialogs = [f.get_name() for f in s.frames()]
        check('Ctrl+N opens the new document dialog with the title field focused',
              len(dialogs) == 2 and focus_is('text', 'Title')[0],
              f'windows: {dialogs}; focus: {describe(focused())}')
        subprocess.run(['xdotool', 'type', '--delay', '60', 'Sommerfest'], check=True, env=env)
        s.key('Return')
        s.focus_main()
        s.key('End')
        subprocess.run(['xdotool', 'type', '--delay', '60', ' im Hof'], check=True, env=env)
        time.sleep(0.5)
        s.key('ctrl+s')
        dialogs = [f.get_name() for f in s.frames()]
        s.key('Return')
        time.sleep(1.5)
        written = [p for p in glob.glob(os.path.join(s.site, '_*', '*sommerfest*'))]
        text = open(written[0], encoding='utf-8').read() if len(written) == 1 else ''
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
        s.key(*(['Left'] * 14))
        s.key('Return')
        dates = {a.get_name() for a in s.find(lambda a: a.get_role_name() == 'label'
                                               and a.get_name() in (expected, in_words(today)))}
        check('the calendar: arrows cross the month, Enter picks the day',
              ok0 and dates == {expected},
              f'reached the button: {ok0}; expected {expected}, shown: {sorted(dates)}')
    finally:
        session.close()

    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
