"""The ticket systems tickettui speaks to, and the one place the rest of the app learns of them.

Each system lives in its own package here (client, wire models, mapping, backend, local server)
and describes itself with one record (``tickettui.systems.record.System``) in its ``system``
module. Outside a system's package, nothing imports it: the app, the command line, the config
and the credential chain ask this registry for the record by name.
"""
