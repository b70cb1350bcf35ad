"""Keliweb reseller API v2 (WHMCS tickets underneath): wire models, OAuth client, backend.

UI-free: never imports Textual. Screens reach it only through ``tickettui.core.backend.Backend``.
"""
