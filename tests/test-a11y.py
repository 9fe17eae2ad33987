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
#
# Time: the test waits for what it waits for (a window, a focus that moved,
# a field's text), asked again and again for up to TIMEOUT, never for a
# fixed while; the tree is read with all its D-Bus calls under way at
# once (class Tree). Both keep a run beside the whole suite on two cores
# short and steady.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402

SOURCE_DIR = os.environ.get('AUSHANG_SOURCE_DIR',
                            os.path.join(os.path.dirname(__file__), '..'))
BINARY = os.environ['AUSHANG_BINARY']

# Roles that only hold other widgets: GTK 4.8 calls them focusable (they
# may take the focus), but Tab never stops on them.
CONTAINER_ROLES = {'scroll pane', 'panel', 'filler'}
# A name GTK made up from the type, because the widget has none.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Aushang|WebKit)[A-Z]\w*$')
DOUBLED = re.compile(r'^(.+) \1$')


def has_mnemonic(name):
    for token in name.split():
        # A Jekyll folder (_posts), a file (x_y.md) or a path is no mnemonic.
        if '.' in token or '/' in token or re.match(r'^_[a-z]', token):
            continue
        if re.search(r'_\w', token, re.UNICODE):
            return True
    return False


ACCESSIBLE = 'org.a11y.atspi.Accessible'
NULL_PATH = '/org/a11y/atspi/null'
# How long one D-Bus call, or one wait for the program to show what a key
# or a click did, may take: generous, for a test run beside everything
# else on two cores.
TIMEOUT = 10.0
# A11Y_DEBUG=1: how long each wait took, on stderr.
DEBUG = os.environ.get('A11Y_DEBUG')
# A D-Bus call may take longer (an answer missing counts as an object
# gone, and its widgets would go unchecked).
CALL_TIMEOUT_MS = 30000


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


class States:
    """The state set of a Node, as Atspi.StateSet.contains() asks it."""

    def __init__(self, words):
        self.words = words

    def contains(self, state):
        state = int(state)
        return state // 32 < len(self.words) and bool(self.words[state // 32] >> (state % 32) & 1)


class Node:
    """One accessible object as it was when the tree was read, answering
    the getters of Atspi.Accessible the checks use. Whatever else is
    asked of it (actions, selection, text) goes to the live object."""

    def __init__(self, tree, bus, path, parent, index):
        self.tree = tree
        self.bus = bus
        self.path = path
        self.parent = parent
        self.index = index
        self.role = None
        self.name = ''
        self.states = States([])
        self.children = []
        self.interfaces = None
        self.live = None
        self.read = False

    def get_role_name(self):
        if self.role is None:
            self.role = Atspi.role_get_name(Atspi.Role(self.tree.call(self.bus, self.path, 'GetRole', None, '(u)')[0]))
        return self.role

    def get_name(self):
        return self.name

    def get_state_set(self):
        return self.states

    def get_parent(self):
        return self.parent

    def get_child_count(self):
        return len(self.children)

    def get_child_at_index(self, i):
        return self.children[i]

    def get_interfaces(self):
        if self.interfaces is None:
            # As libatspi names them: "Action", not "org.a11y.atspi.Action".
            self.interfaces = [i.rsplit('.', 1)[-1] for i in
                               self.tree.call(self.bus, self.path, 'GetInterfaces', None, '(as)')[0]]
        return self.interfaces

    def accessible(self):
        """The live Atspi.Accessible, reached from the application by the
        same child indices as when the tree was read."""
        if self.live is None:
            if self.parent is None:
                self.live = self.tree.app
            else:
                self.live = self.parent.accessible().get_child_at_index(self.index)
                assert self.live is not None and self.live.get_role_name() == self.get_role_name(), \
                    f'the {self.role} “{self.name}” is gone'
        return self.live

    def __getattr__(self, attr):
        return getattr(self.accessible(), attr)


class Tree:
    """Reads a program's whole accessible tree at once: the calls for all
    objects go out together on the accessibility bus (D-Bus), instead of
    one after the other through libatspi, whose answers for a few hundred
    widgets took seconds; it asks GTK the same questions, and libatspi
    caches none of them outside an event loop."""

    def __init__(self, app):
        self.app = app
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        address = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None,
                                GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
        self.conn = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.bus = None
        self.last = None

    def call(self, bus, path, method, args, reply, iface=ACCESSIBLE):
        return self.conn.call_sync(bus, path, iface, method, args, GLib.VariantType(reply),
                                   Gio.DBusCallFlags.NONE, CALL_TIMEOUT_MS, None).unpack()

    def read(self, roles=True):
        """The application's node, its windows below it. Without @roles,
        a node asks for its role only when asked for it (what has the
        focus is found by the states alone)."""
        if self.bus is None:
            # The application's own name on the bus, from the registry's
            # list of applications, by the process it belongs to.
            registry = self.call('org.a11y.atspi.Registry', '/org/a11y/atspi/accessible/root',
                                 'GetChildren', None, '(a(so))')[0]
            pid = self.app.get_process_id()
            for bus, path in registry:
                try:
                    owner = self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'GetConnectionUnixProcessID',
                                      GLib.Variant('(s)', (bus,)), '(u)', iface='org.freedesktop.DBus')[0]
                except GLib.Error:
                    continue
                if owner == pid:
                    self.bus, self.root = bus, path
                    break
            assert self.bus is not None, 'the program is not on the accessibility bus'

        context = GLib.MainContext.new()
        context.push_thread_default()
        pending = [0]

        def call(node, method, args, reply, done, iface=ACCESSIBLE):
            def finish(conn, result):
                pending[0] -= 1
                try:
                    value = conn.call_finish(result).unpack()
                except GLib.Error:
                    return  # gone meanwhile: nothing below it is read
                done(value)
            pending[0] += 1
            self.conn.call(node.bus, node.path, iface, method, args, GLib.VariantType(reply),
                           Gio.DBusCallFlags.NONE, CALL_TIMEOUT_MS, None, finish)

        def visit(node):
            def role(v):
                node.role = Atspi.role_get_name(Atspi.Role(v[0]))

            def state(v):
                node.states = States(v[0])
                node.read = True

            def props(v):
                node.name = v[0].get('Name') or ''
                count = v[0].get('ChildCount') or 0
                node.children = [None] * count
                for i in range(count):
                    call(node, 'GetChildAtIndex', GLib.Variant('(i)', (i,)), '((so))',
                         lambda v, i=i: child(i, v))

            def child(i, v):
                bus, path = v[0]
                if bus and path and path != NULL_PATH:
                    node.children[i] = Node(self, bus, path, node, i)
                    visit(node.children[i])

            if roles:
                call(node, 'GetRole', None, '(u)', role)
            call(node, 'GetState', None, '(au)', state)
            call(node, 'GetAll', GLib.Variant('(s)', (ACCESSIBLE,)), '(a{sv})', props,
                 iface='org.freedesktop.DBus.Properties')

        root = Node(self, self.bus, self.root, None, 0)
        visit(root)
        try:
            while pending[0]:
                context.iteration(True)
        finally:
            context.pop_thread_default()

        def prune(node):
            # Objects whose state never came (gone meanwhile) are left out.
            node.children = [c for c in node.children if c is not None and c.read]
            for c in node.children:
                prune(c)
        prune(root)
        self.last = root
        return root


class Session:
    """One run of the program on a fresh copy of the example site.
    @ready tells when the window shows what the test begins with."""

    def __init__(self, env, args, ready):
        self.env = env
        self.site = tempfile.mkdtemp(prefix='aushang-a11y-')
        shutil.copytree(os.path.join(SOURCE_DIR, 'data', 'example-site'),
                        os.path.join(self.site, 'site'))
        self.site = os.path.join(self.site, 'site')
        argv = [BINARY] + [os.path.join(self.site, a) for a in args]
        self.proc = subprocess.Popen(argv, env=env)
        self.app = None
        deadline = time.monotonic() + 6 * TIMEOUT
        while self.app is None and time.monotonic() < deadline:
            self.app = self.find_app()
            if self.app is None:
                time.sleep(0.1)
        assert self.app is not None, 'the program never showed up on the accessibility bus'
        self.tree = Tree(self.app)
        self.wait(lambda: ready(self), 6 * TIMEOUT)

    @staticmethod
    def wait(cond, timeout=TIMEOUT):
        """Asks @cond until it holds, at most @timeout seconds; its last
        answer."""
        start = time.monotonic()
        deadline = start + timeout
        while True:
            try:
                answer = cond()
            except (AssertionError, AttributeError, IndexError, gi.repository.GLib.Error):
                answer = None
            if answer or time.monotonic() > deadline:
                if DEBUG:
                    caller = sys._getframe(1)
                    print(f'# waited {time.monotonic() - start:.2f} s, {"held" if answer else "timed out"}, '
                          f'line {caller.f_lineno}', file=sys.stderr, flush=True)
                return answer
            time.sleep(0.1)

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
        """The program's windows, each with all it holds as it is now."""
        return self.tree.read().children

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(os.path.dirname(self.site), ignore_errors=True)

    def focus_main(self, root=None):
        """Gives the main window the keyboard focus, as a window manager
        does when a dialog closes (Xvfb has none), and waits until the
        window has it. @root: the tree as just read, if it was."""
        name = (root or self.tree.read()).children[0].get_name()
        subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.proc.pid),
                        '--name', '^' + re.escape(name) + '$', 'windowfocus'],
                       check=False, env=self.env, stdout=subprocess.DEVNULL)
        self.wait(lambda: self.frames()[0].get_state_set().contains(Atspi.StateType.ACTIVE))

    def state(self, root=None):
        """What a key or a click changes: the windows, the focus, and how
        many objects the windows hold (a popover adds some). @root: the
        tree as just read, if it was."""
        root = root or self.tree.read(roles=False)
        nodes = []

        def walk(node):
            nodes.append(node)
            for child in node.children:
                walk(child)
        walk(root)
        focused = [(n.path, n.role, n.name) for n in nodes if n.states.contains(Atspi.StateType.FOCUSED)]
        return (tuple(f.name for f in root.children), tuple(focused), len(nodes))

    def settle(self, before, timeout=3.0):
        """Waits until the program shows another state than @before (at
        most @timeout seconds: a key may change nothing), then until that
        state holds for a moment (a dialog or popover may fill in
        steps)."""
        now = self.wait(lambda: (lambda s: s != before and s)(self.state()), timeout)
        if not now:
            return
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(0.2)
            again = self.state()
            if again == now:
                return
            now = again

    def key(self, *keys, until=None, patience=3.0, before=None):
        """Presses @keys as a person does, then waits until @until holds,
        or else until the program has shown what the keys did (at most
        @patience seconds if it shows nothing new). @before: the state
        as just read, if it was."""
        before = None if until else before or self.state()
        subprocess.run(['xdotool', 'key', '--delay', '80'] + list(keys), check=True, env=self.env)
        if until:
            return self.wait(until)
        return self.settle(before, patience)

    def find(self, pred, root=None):
        found = []

        def walk(node):
            try:
                if pred(node):
                    found.append(node)
            except gi.repository.GLib.Error:
                return
            for child in node.children:
                walk(child)

        for frame in ([root] if root else self.frames()):
            walk(frame)
        return found

    def click(self, role, name, until=None, patience=2.0):
        """Presses the last reachable widget with that role and name, then
        waits until @until holds, or else until the program has shown
        what the click did."""
        nodes = self.find(lambda a: a.get_role_name() == role
                          and (a.get_name() or '').startswith(name)
                          and 'Action' in a.get_interfaces()
                          and a.get_n_actions() > 0)
        assert nodes, f'no {role} named “{name}”'
        before = None if until else self.state()
        nodes[-1].do_action(0)
        if until:
            return self.wait(until)
        return self.settle(before, patience)

    def tab(self, key='Tab', before=None):
        """Presses @key and returns what has the focus then: once the
        focus moved from @before (what tab() returned last time, else
        read now), or after a moment if it may stay (while the preview's
        page has the focus, nothing in our tree has it)."""
        before = [n.path for n in (self.focused() if before is None else before)]
        subprocess.run(['xdotool', 'key', key], check=True, env=self.env)
        deadline = time.monotonic() + (TIMEOUT if before else 2.0)
        last = before
        while True:
            nodes = self.focused()
            paths = [n.path for n in nodes]
            # The key may come while the tree is read: then the old and
            # the new widget can both look focused, or neither. One
            # focused widget is what it is; else the same twice.
            if paths != before and (len(paths) == 1 or paths == last) or time.monotonic() > deadline:
                return nodes
            last = paths
            time.sleep(0.1)

    def windows(self, n):
        """A condition: the program shows @n windows."""
        return lambda: len(self.frames()) == n

    def close_all(self, count):
        """Closes what a scenario opened with Escape, as a person does:
        at most twice, until the main window is alone again and holds as
        many objects as before the scenario, @count (a popover or a
        picker's search may take one Escape each). Called right after
        a read of the tree; returns the count it ends with."""
        for _ in range(2):
            state = self.state(self.tree.last)
            if len(state[0]) == 1 and state[2] == count:
                break
            self.key('Escape', patience=1.5, before=state)
        self.focus_main(self.tree.last)
        return self.state(self.tree.last)[2]

    def focused(self):
        """What has the keyboard focus, windows aside."""
        return [n for frame in self.tree.read(roles=False).children
                for n in self.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)
                                   and a.get_role_name() not in ('frame', 'dialog', 'window'), frame)]

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
    session.wait(lambda: form_shows(session, words, 'Frühjahrsputz'))


def form_shows(session, words, holding):
    """Whether the form's title field holds @holding: the document or
    entry is open."""
    return any(holding in text_of(a) for a in
               session.find(lambda a: a.get_role_name() in TEXT_ROLES and a.get_name() == words['title']))


def ready(session, words):
    """The window shows the post, and the sidebar its documents."""
    return form_shows(session, words, 'Lasercutter') and session.find(
        lambda a: a.get_role_name() == 'list item' and 'Frühjahrsputz' in (a.get_name() or ''))


def open_block(session, words, name='Zitat'):
    """Opens the editor's building block menu and picks @name."""
    session.click('page tab', words['text'], until=lambda: session.find(
        lambda a: a.get_role_name() == 'page tab' and a.get_name() == words['text']
        and a.get_state_set().contains(Atspi.StateType.SELECTED)))
    items = session.click('push button', words['block'], until=lambda: session.find(
        lambda a: a.get_role_name() == 'list item' and a.get_name() == name))
    assert items, f'no building block “{name}” in the menu'
    parent = items[0].get_parent()
    rows = [parent.get_child_at_index(i) for i in range(parent.get_child_count())]
    rows = [r for r in rows if r.get_role_name() == 'list item']
    parent.select_child(rows.index(items[0]))
    # Choosing the row (the call returns once GTK did) opens no dialog:
    # Enter does.
    if len(session.frames()) == 1:
        session.key('Return', until=session.windows(2))


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
    nodes = None
    for _ in range(most):
        nodes = session.tab(before=nodes)
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
    """Opens the sidebar's document or event @name as a person does:
    Shift+Tab back to the list (chosen there first, so that the list's
    one Tab stop is its row; the form is between the list and the
    preview, and the way back to the list is shorter), Enter."""
    lists = session.find(lambda a: a.get_role_name() == 'list' and a.get_name() == words['documents'])
    assert lists, 'no document list in the sidebar'
    rows = [lists[0].get_child_at_index(i) for i in range(lists[0].get_child_count())]
    rows = [r for r in rows if r.get_role_name() == 'list item']
    items = [r for r in rows if name in (r.get_name() or '')]
    assert items, f'no “{name}” in the sidebar'
    lists[0].select_child(rows.index(items[0]))
    session.focus_main()
    # A key first: what was focused before may be reported still.
    nodes = None
    for _ in range(40):
        nodes = session.tab('shift+Tab', before=nodes)
        if len(nodes) == 1 and nodes[0].get_role_name() == 'list item' \
           and name in (nodes[0].get_name() or ''):
            break
    session.key('Return', until=lambda: form_shows(session, words, name))


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
    for i in range(2):
        if i:
            subprocess.run(['xdotool', 'key', 'Tab'], check=True, env=session.env)
        last = []

        def focused_field():
            last[:] = session.find(lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)
                                   and a.get_role_name() not in ('frame', 'dialog', 'window'),
                                   session.frames()[-1])
            return len(last) == 1 and last[0].get_role_name() in TEXT_ROLES \
                and last[0].get_name() in fields and last[0].get_name() not in seen
        ok = session.wait(focused_field)
        seen.append(last[0].get_name() if ok else describe(last))
        assert ok, 'focused when the dialog opens, then after Tab: ' + ' → '.join(seen)


SCENARIOS = [
    ('the focused title field is said with its name', focused_title),
    ('the focused field of an entry is said with its name', focused_entry_field),
    ('the focused parameter of a building block is said with its name', focused_parameter),
    ('the site’s and the person’s words for fields and parameters', site_words),
    ('sidebar headings before their groups', sidebar_headings),
    ('main window with a post open', lambda s, w: None),
    ('new document dialog', lambda s, w: s.key('ctrl+n', until=s.windows(2))),
    ('rename dialog', lambda s, w: (s.click('push button', w['menu'], until=lambda: s.find(
                                        lambda a: a.get_role_name() == 'menu item'
                                        and a.get_name() == w['rename'])),
                                    s.click('menu item', w['rename'], until=s.windows(2)))),
    ('keyboard shortcuts', lambda s, w: s.key('ctrl+question', until=s.windows(2))),
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
        session = Session(env, [POST], lambda s: ready(s, words))
        try:
            # Each dialog is checked on its own: what the main window
            # already showed is reported once, with the main window.
            seen = set()
            count = session.state()[2]
            for title, step in SCENARIOS:
                try:
                    step(session, words)
                    problems = [p for p in session.problems() if p not in seen]
                except AssertionError as e:
                    problems = [str(e)]
                seen.update(problems)
                report(lang, title, problems)
                if step is not SCENARIOS[-1][1]:
                    session.tree.read()
                    count = session.close_all(count)
        finally:
            session.close()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
