"""Fakedesk: a small ticket system that exists only in the tests.

It proves the registry: registered with one line (``tickettui.systems.register``), it shows up
in `tickettui profiles`, `doctor`, `login`, `list`/`show --json` and the app, with no change
anywhere outside this package. Its tickets live in memory in this process.
"""
