"""The app's options from the active profile: what ``ui.app.run_app`` is given besides the
backend and the credential. One place, so the full start and the start record
(``tickettui.start_record``) can never see the profile differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tickettui.connection import Connection


def app_options(connection: Connection) -> dict[str, Any]:
    from tickettui.config.paths import templates_dir
    from tickettui.core.columns import DEFAULT_COLUMNS
    from tickettui.ticket_web_url import web_url_template

    profile = connection.active.profile
    return {
        "columns": list(profile.columns or DEFAULT_COLUMNS),
        "keymap": dict(profile.keymap),
        "theme": profile.theme,
        "confirm_close": profile.confirm_close,
        "timezone_display": profile.timezone_display,
        "mark_read_on_open": profile.mark_read_on_open,
        "live": profile.live_policy(),
        "web_url": web_url_template(profile, connection.system),
        "templates_dir": templates_dir(),
        "download_folder": profile.download_folder or "",
    }
