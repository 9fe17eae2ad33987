#!/usr/bin/env python3
# test-a11y.py
#
# Copyright 2026 The Aushang authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader gets: the real program runs on its own Xvfb with the
# accessibility bus (AT-SPI) of a private D-Bus session, once in English and
# once in German, and this walks the accessible tree of the main window
# (the example site with a post open) and of every dialog and popover:
# new document, rename, "Edit as YAML", the keyboard shortcuts, the building
# block dialog, the date and image pickers, a data list's entry page. Every
# widget a person can reach with Tab (focusable) must have a name; no name
# may say the same thing twice ("Title Title") or carry a mnemonic
# underscore ("_Save").
#
# Run by tests/test-a11y.sh (which picks a Python with PyGObject and the
# Atspi typelib: Debian packages python3-gi and gir1.2-atspi-2.0).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

SOURCE_DIR = os.environ.get('AUSHANG_SOURCE_DIR',
                            os.path.join(os.path.dirname(__file__), '..'))
BINARY = os.environ['AUSHANG_BINARY']

# Roles that only hold other widgets: GTK 4.8 calls them focusable (they
# may take the focus), but Tab never stops on them.
CONTAINER_ROLES = {'scroll pane', 'panel', 'filler'}
# A name GTK made up from the type, because the widget has none.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Aushang|WebKit)[A-Z]\w*$')
DOUBLED = re.compile(r'^(.+) \1$')


def tap(line):
    """Writes a line of TAP: to fd 3 where test-a11y.sh opened it (stdout
    goes to stderr there, with whatever the D-Bus session's daemons say),
    else to stdout."""
    global TAP
    if TAP is None:
        try:
            TAP = os.fdopen(3, 'w', encoding='utf-8', closefd=False)
        except OSError:
            TAP = sys.stdout
    print(line, file=TAP, flush=True)


TAP = None


def has_mnemonic(name):
    for token in name.split():
        # A Jekyll folder (_posts), a file (x_y.md) or a path is no mnemonic.
        if '.' in token or '/' in token or re.match(r'^_[a-z]', token):
            continue
        if re.search(r'_\w', token, re.UNICODE):
            return True
    return False


class Session:
    """One run of the program on a fresh copy of the example site."""

    def __init__(self, env, args):
        self.env = env
        self.site = tempfile.mkdtemp(prefix='aushang-a11y-')
        shutil.copytree(os.path.join(SOURCE_DIR, 'data', 'example-site'),
                        os.path.join(self.site, 'site'))
        self.site = os.path.join(self.site, 'site')
        argv = [BINARY] + [os.path.join(self.site, a) for a in args]
        self.proc = subprocess.Popen(argv, env=env)
        self.app = None
        for _ in range(150):
            self.app = self.find_app()
            if self.app is not None and self.frames():
                break
            time.sleep(0.1)
        assert self.app is not None, 'the program never showed up on the accessibility bus'
        time.sleep(1.5)

    def find_app(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            try:
                if app.get_process_id() == self.proc.pid:
                    return app
            except gi.repository.GLib.Error:
                continue
        return None

    def frames(self):
        return [self.app.get_child_at_index(i) for i in range(self.app.get_child_count())]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(os.path.dirname(self.site), ignore_errors=True)

    def focus_main(self):
        """Gives the main window the keyboard focus, as a window manager
        does when a dialog closes (Xvfb has none)."""
        name = self.frames()[0].get_name()
        subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.proc.pid),
                        '--name', '^' + re.escape(name) + '$', 'windowfocus'],
                       check=False, env=self.env, stdout=subprocess.DEVNULL)
        time.sleep(0.5)

    def key(self, *keys):
        subprocess.run(['xdotool', 'key', '--delay', '80'] + list(keys), check=True, env=self.env)
        time.sleep(1.0)

    def find(self, pred, root=None):
        found = []

        def walk(node):
            try:
                if pred(node):
                    found.append(node)
                for i in range(node.get_child_count()):
                    child = node.get_child_at_index(i)
                    if child is not None:
                        walk(child)
            except gi.repository.GLib.Error:
                pass

        for frame in ([root] if root else self.frames()):
            walk(frame)
        return found

    def click(self, role, name):
        """Presses the first reachable widget with that role and name."""
        nodes = self.find(lambda a: a.get_role_name() == role
                          and (a.get_name() or '').startswith(name)
                          and 'Action' in a.get_interfaces()
                          and a.get_n_actions() > 0)
        assert nodes, f'no {role} named “{name}”'
        nodes[-1].do_action(0)
        time.sleep(1.2)

    def focused(self):
        return self.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)
                         and a.get_role_name() not in ('frame', 'dialog', 'window'))

    def problems(self):
        """Every focusable widget that has no name, a doubled one or one
        with a mnemonic underscore."""
        found = set()

        def check(node):
            states = node.get_state_set()
            role = node.get_role_name()
            if not states.contains(Atspi.StateType.FOCUSABLE) or role in CONTAINER_ROLES and \
               'Value' not in node.get_interfaces():
                return
            name = node.get_name() or ''
            where = self.path(node)
            if name.strip() == '' or TYPE_NAME.match(name):
                found.add(f'{role} without a name ({where})')
            elif DOUBLED.match(name):
                found.add(f'{role} named twice: “{name}”')
            elif has_mnemonic(name):
                found.add(f'{role} with a mnemonic in its name: “{name}”')

        self.find(lambda a: check(a) and False)
        return sorted(found)

    @staticmethod
    def path(node):
        names = []
        while node is not None and len(names) < 6:
            try:
                name = node.get_name()
                names.append(f'{node.get_role_name()} “{name}”' if name else node.get_role_name())
                node = node.get_parent()
            except gi.repository.GLib.Error:
                break
        return ' in '.join(names)


LANGUAGES = {
    'en': {'LC_ALL': 'C.UTF-8', 'LANGUAGE': ''},
    'de': {'LC_ALL': 'de_DE.UTF-8', 'LANGUAGE': 'de'},
}

POST = '_posts/2026-04-17-neuer-lasercutter.md'
WORDS = {
    'en': {'menu': 'Main Menu', 'rename': 'Rename Document…', 'yaml': 'Edit as YAML',
           'block': 'Building Block', 'date': 'Date', 'image': 'Choose from site',
           'title': 'Title', 'documents': 'Documents', 'text': 'Text'},
    'de': {'menu': 'Hauptmenü', 'rename': 'Dokument umbenennen …', 'yaml': 'Als YAML bearbeiten',
           'block': 'Baustein', 'date': 'Datum', 'image': 'Aus der Website auswählen',
           'title': 'Titel', 'documents': 'Dokumente', 'text': 'Text'},
}


def open_entry(session, words):
    """Picks the first event of the data list in the sidebar."""
    lists = session.find(lambda a: a.get_role_name() == 'list' and a.get_name() == words['documents'])
    assert lists, 'no document list in the sidebar'
    items = session.find(lambda a: a.get_role_name() == 'list item'
                         and 'Frühjahrsputz' in (a.get_name() or ''), lists[0])
    assert items, 'no event in the sidebar'
    # Selection counts rows only, not the headings among them.
    rows = [lists[0].get_child_at_index(i) for i in range(lists[0].get_child_count())]
    rows = [r for r in rows if r.get_role_name() == 'list item']
    lists[0].select_child(rows.index(items[0]))
    time.sleep(1.5)


def open_block(session, words, name='Zitat'):
    """Opens the editor's building block menu and picks @name."""
    session.click('page tab', words['text'])
    session.click('push button', words['block'])
    items = session.find(lambda a: a.get_role_name() == 'list item' and a.get_name() == name)
    assert items, f'no building block “{name}” in the menu'
    parent = items[0].get_parent()
    rows = [parent.get_child_at_index(i) for i in range(parent.get_child_count())]
    rows = [r for r in rows if r.get_role_name() == 'list item']
    parent.select_child(rows.index(items[0]))
    time.sleep(0.5)
    if len(session.frames()) == 1:
        session.key('Return')


def sidebar_headings(session, words):
    """The sidebar's group headings are headings, each before its group."""
    lists = session.find(lambda a: a.get_role_name() == 'list' and a.get_name() == words['documents'])
    assert lists, 'no document list in the sidebar'
    order = []
    for i in range(lists[0].get_child_count()):
        child = lists[0].get_child_at_index(i)
        headings = session.find(lambda a: a.get_role_name() == 'heading', child)
        order.extend(f'heading “{h.get_name()}”' for h in headings)
        if child.get_role_name() == 'list item':
            order.append(child.get_role_name())
    assert order and order[0].startswith('heading'), \
        f'the list starts with {order[:3]}, not with a heading'
    assert order[-1] == 'list item', f'the list ends with {order[-3:]}, a heading after every row'


ENGLISH_KEYS = {'Related post', 'Retrospective post', 'Is retrospective', 'Items', 'Voucher',
                'related_post', 'retrospective_post', 'items', 'voucher'}


def site_words(session, words):
    """Fields and a building block's parameters in the person's language,
    or in the site's own words: anmeldung.html's comment names its
    parameters ("items – optional: Nummern der Tickets, …")."""
    if words is WORDS['de']:
        english = session.find(lambda a: (a.get_name() or '') in ENGLISH_KEYS)
        assert not english, 'English labels in the German window: ' + \
            ', '.join(sorted({a.get_name() for a in english}))
    open_block(session, words, 'Anmeldung')
    names = {a.get_name() for a in session.find(lambda a: a.get_role_name() == 'text')}
    missing = {'Nummern der Tickets', 'Gutscheincode'} - names
    assert not missing, f'parameters not named in the site’s words: {sorted(missing)}; fields: {sorted(names)}'


TEXT_ROLES = ('text', 'entry')


def describe(nodes):
    return ', '.join(f'{n.get_role_name()} “{n.get_name()}”' for n in nodes) or 'nothing'


def text_of(node):
    try:
        return node.get_text(0, node.get_character_count()) or ''
    except (gi.repository.GLib.Error, TypeError, AttributeError):
        return ''


def tab_to_text(session, name, holding, most=30):
    """Presses Tab until AT-SPI reports one focused text field named
    @name that holds @holding; what it reported on the way, else."""
    seen = []
    for _ in range(most):
        subprocess.run(['xdotool', 'key', 'Tab'], check=True, env=session.env)
        time.sleep(0.4)
        nodes = session.focused()
        if len(nodes) == 1 and nodes[0].get_role_name() in TEXT_ROLES and nodes[0].get_name() == name \
           and holding in text_of(nodes[0]):
            return None
        seen.append(describe(nodes))
    return f'Tab never reached a focused text field “{name}” holding “{holding}”: ' + ' → '.join(seen)


def focused_title(session, words):
    """The form's title field, reached with Tab, is the focused object and
    says its name (AdwEntryRow 1.2 kept its focus to itself: a screen
    reader said nothing)."""
    session.focus_main()
    problem = tab_to_text(session, words['title'], 'Lasercutter')
    assert problem is None, problem


def open_with_keyboard(session, words, name):
    """Opens the sidebar's document or event @name as a person does: Tab to
    the list (chosen there first, so that the list's one Tab stop is its
    row), Enter."""
    lists = session.find(lambda a: a.get_role_name() == 'list' and a.get_name() == words['documents'])
    assert lists, 'no document list in the sidebar'
    rows = [lists[0].get_child_at_index(i) for i in range(lists[0].get_child_count())]
    rows = [r for r in rows if r.get_role_name() == 'list item']
    items = [r for r in rows if name in (r.get_name() or '')]
    assert items, f'no “{name}” in the sidebar'
    lists[0].select_child(rows.index(items[0]))
    time.sleep(0.5)
    session.focus_main()
    # Tab first: what was focused before may be reported still.
    for _ in range(40):
        subprocess.run(['xdotool', 'key', 'Tab'], check=True, env=session.env)
        time.sleep(0.4)
        nodes = session.focused()
        if len(nodes) == 1 and nodes[0].get_role_name() == 'list item' \
           and name in (nodes[0].get_name() or ''):
            break
    session.key('Return')


def focused_entry_field(session, words):
    """The same in a data list's entry (an event), before anything changed
    the post (which would ask whether to save it first); the post again
    afterwards."""
    open_with_keyboard(session, words, 'Frühjahrsputz')
    try:
        problem = tab_to_text(session, words['title'], 'Frühjahrsputz', most=40)
        assert problem is None, problem
    finally:
        open_with_keyboard(session, words, 'Lasercutter')


def focused_parameter(session, words):
    """The building block dialog opens with a parameter focused, and Tab
    reaches another; both are said with their names."""
    open_block(session, words, 'Anmeldung')
    dialog = session.frames()[-1]
    fields = [a.get_name() for a in session.find(lambda a: a.get_role_name() in TEXT_ROLES, dialog)]
    assert len(fields) >= 2 and 'Gutscheincode' in fields, f'the dialog’s fields: {fields}'
    seen = []
    for _ in range(2):
        nodes = session.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)
                             and a.get_role_name() not in ('frame', 'dialog', 'window'), dialog)
        seen.append(describe(nodes))
        assert len(nodes) == 1 and nodes[0].get_role_name() in TEXT_ROLES \
            and nodes[0].get_name() in fields and nodes[0].get_name() not in seen[:-1], \
            'focused when the dialog opens, then after Tab: ' + ' → '.join(seen)
        seen[-1] = nodes[0].get_name()
        session.key('Tab')


SCENARIOS = [
    ('the focused title field is said with its name', focused_title),
    ('the focused field of an entry is said with its name', focused_entry_field),
    ('the focused parameter of a building block is said with its name', focused_parameter),
    ('the site’s and the person’s words for fields and parameters', site_words),
    ('sidebar headings before their groups', sidebar_headings),
    ('main window with a post open', lambda s, w: None),
    ('new document dialog', lambda s, w: s.key('ctrl+n')),
    ('rename dialog', lambda s, w: (s.click('push button', w['menu']),
                                    s.click('menu item', w['rename']))),
    ('keyboard shortcuts', lambda s, w: s.key('ctrl+question')),
    ('YAML dialog', lambda s, w: s.click('push button', w['yaml'])),
    ('building block dialog', open_block),
    ('date popover', lambda s, w: s.click('push button', w['date'])),
    ('image picker', lambda s, w: s.click('push button', w['image'])),
    ('entry page of a data list', open_entry),
]


def main():
    base_env = dict(os.environ)
    base_env.pop('NO_AT_BRIDGE', None)
    base_env['GTK_A11Y'] = 'atspi'
    base_env.setdefault('GSETTINGS_BACKEND', 'memory')
    base_env['G_DEBUG'] = ''  # the program's own warnings are not this test's business

    tap(f'1..{len(LANGUAGES) * len(SCENARIOS)}')
    n = 0
    failed = 0

    def report(lang, title, problems):
        nonlocal n, failed
        n += 1
        if problems:
            failed += 1
            tap(f'not ok {n} - {lang}: {title}')
            for p in problems:
                tap(f'# {p}')
        else:
            tap(f'ok {n} - {lang}: {title}')

    for lang, settings in LANGUAGES.items():
        env = dict(base_env)
        env.update(settings)
        if not env['LANGUAGE']:
            del env['LANGUAGE']
        words = WORDS[lang]
        session = Session(env, [POST])
        try:
            # Each dialog is checked on its own: what the main window
            # already showed is reported once, with the main window.
            seen = set()
            for title, step in SCENARIOS:
                try:
                    step(session, words)
                    problems = [p for p in session.problems() if p not in seen]
                except AssertionError as e:
                    problems = [str(e)]
                seen.update(problems)
                report(lang, title, problems)
                session.key('Escape')
                session.key('Escape')
                session.focus_main()
        finally:
            session.close()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
