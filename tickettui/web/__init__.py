"""`tickettui web`: the app served to a browser, one app process per browser tab.

textual-serve gives the pieces: the page's xterm.js front end (its static files) and the
process protocol to a Textual app run with Textual's web driver (``AppService``). What is ours:
the access token every request must carry (``access``), the page (``page``), the app processes
and their end (``sessions``) and the server around them (``server``). This package knows
nothing of profiles or secrets: it runs the command line it is given, with the environment it
is given, on the server's side (``tickettui.cli_web`` decides both: ``tickettui.web_tab``, the
tickettui command's start, with the profile's flags).
"""

# An app process that exits with this status asks to be started again, once, in the same tab
# (``tickettui.web_tab``: its start record was out of date). EX_TEMPFAIL from sysexits.h.
START_AGAIN = 75
