"""The "not stored" line after `login` on a machine without a keyring: right verb, right
variables and a password_command example for the profile's own system."""

from __future__ import annotations

from tickettui.commands.login import not_stored_message
from tickettui.config.model import Profile
from tickettui.config.select import ActiveProfile
from tickettui.connection import credential_requests
from tickettui.credentials.kinds import SecretName


def active(name: str, **fields: str) -> ActiveProfile:
    return ActiveProfile(name, Profile.model_validate(fields), True, "--profile")


def message(profile: ActiveProfile, *names: SecretName) -> str:
    """The message for the profile's secrets named ``names`` (as its system names them)."""
    requests = [r for r in credential_requests(profile) if r.name in names]
    return not_stored_message(profile, requests, "cfg")


def test_superoffice_one_secret_was_not_stored_and_pass_show_superoffice() -> None:
    so = active("prod", url="https://online.superoffice.com/Cust1/api", user="ann")
    assert message(so, "password") == (
        "No system keyring on this machine, so the password was not stored: next time set "
        'TICKETTUI_PASSWORD, or add password_command = "pass show superoffice/prod" to '
        "[profiles.prod] in cfg (otherwise tickettui asks each time)."
    )


def test_keliweb_two_secrets_were_not_stored_and_the_command_gives_the_password_only() -> None:
    kw = active(
        "kw", system="keliweb", url="https://apiv2.keliweb.it", client_id="c", user="a@b.it"
    )
    text = message(kw, "password", "client_secret")
    assert text.startswith(
        "No system keyring on this machine, so the password and client secret were not "
        "stored: next time set TICKETTUI_PASSWORD and TICKETTUI_CLIENT_SECRET; "
        'password_command = "pass show keliweb/kw" in [profiles.kw] in cfg can give the '
        "password instead"
    )
    assert "superoffice" not in text and " was " not in text


def test_only_the_client_secret_left_offers_no_password_command() -> None:
    kw = active(
        "kw", system="keliweb", url="https://apiv2.keliweb.it", client_id="c", user="a@b.it"
    )
    text = message(kw, "client_secret")
    assert "the client secret was not stored" in text and "TICKETTUI_CLIENT_SECRET" in text
    assert "password_command" not in text
