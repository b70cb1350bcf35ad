"""Reply templates in the core: variables filled in, a name found, local files loaded.

An agent keeps templates in ``templates/`` beside config.toml and uses {number} {title}
{customer} {me}; whatever else is in a file (an unknown variable, JSON braces, a file that is
not text) never crashes anything and is named in one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tickettui.core.errors import ConfigurationError
from tickettui.core.local_templates import MAX_TEMPLATE_BYTES, load_local_templates
from tickettui.core.reply_templates import ReplyTemplate, TemplateSource, find_template
from tickettui.core.template_fill import TemplateContext, fill_bracketed, fill_local

CONTEXT = TemplateContext(number="616611", title="Printer offline", customer="Ann Lee", me="Bo")


def test_the_four_variables_are_filled_in() -> None:
    filled = fill_local("Hi {customer}, about #{number} ({title}).\n-- {me}", CONTEXT)
    assert filled.text == "Hi Ann Lee, about #616611 (Printer offline).\n-- Bo"
    assert filled.warning == ""


def test_an_unknown_variable_stays_visible_and_is_named_once() -> None:
    filled = fill_local("Dear {customer_first} {customer}, {nope} {nope}", CONTEXT)
    assert filled.text == "Dear {customer_first} Ann Lee, {nope} {nope}"
    assert filled.warning == "Unknown variables {customer_first}, {nope} left as written"


def test_doubled_braces_and_other_braces_are_text() -> None:
    filled = fill_local('Use {{number}} literally; JSON {"a": 1} and { spaced } stay.', CONTEXT)
    assert filled.text == 'Use {number} literally; JSON {"a": 1} and { spaced } stay.'
    assert filled.warning == ""


def test_values_are_never_filled_in_again() -> None:
    hostile = TemplateContext(number="1", title="{me} {customer}", customer="{number}", me="x")
    assert fill_local("{title} / {customer}", hostile).text == "{me} {customer} / {number}"


def test_whmcs_placeholders_are_filled_and_unknown_ones_named() -> None:
    values = {"NAME": "Ann Lee", "FIRSTNAME": "Ann", "EMAIL": "ann@example.com"}
    filled = fill_bracketed("Hello [FIRSTNAME] ([EMAIL]), see [1]. [SIGNATURE]", values)
    assert filled.text == "Hello Ann (ann@example.com), see [1]. [SIGNATURE]"
    assert filled.warning.startswith("Unknown variable [SIGNATURE] left as written")


def _t(name: str, folder: str = "", source: TemplateSource = TemplateSource.LOCAL) -> ReplyTemplate:
    return ReplyTemplate(name=name, source=source, folder=folder)


TEMPLATES = [
    _t("Password reset", "Accounts", TemplateSource.SERVER),
    _t("Password reset", "mine"),
    _t("Refund approved", "Billing", TemplateSource.SERVER),
    _t("Refund denied", "Billing", TemplateSource.SERVER),
    _t("Thanks"),
]


def test_a_template_is_found_by_name_folder_and_name_or_a_unique_part() -> None:
    assert find_template(TEMPLATES, "thanks").name == "Thanks"
    assert find_template(TEMPLATES, "mine/password RESET").folder == "mine"
    assert find_template(TEMPLATES, "approved").name == "Refund approved"


def test_local_or_server_in_front_picks_that_source() -> None:
    assert find_template(TEMPLATES, "server:Password reset").folder == "Accounts"
    assert find_template(TEMPLATES, "local: password reset").folder == "mine"
    with pytest.raises(ConfigurationError, match="No template 'local:refund'"):
        find_template(TEMPLATES, "local:refund")


def test_an_ambiguous_name_names_the_candidates_on_one_line() -> None:
    with pytest.raises(ConfigurationError) as caught:
        find_template(TEMPLATES, "Password reset")
    message = str(caught.value)
    assert "ambiguous" in message
    assert "Accounts/Password reset (server)" in message
    assert "mine/Password reset (local)" in message
    assert "\n" not in message
    with pytest.raises(ConfigurationError, match="ambiguous: Billing/Refund approved"):
        find_template(TEMPLATES, "refund")


def test_an_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(ConfigurationError, match="No template 'Thanx'; did you mean Thanks"):
        find_template(TEMPLATES, "Thanx")


def test_local_templates_load_with_titles_folders_and_bad_files_named(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "billing").mkdir(parents=True)
    (folder / "thanks.txt").write_text("Title: Thank you\n\nThanks, {customer}!\n-- {me}\n")
    (folder / "plain.md").write_text("No title line here.\r\nSecond line.\r\n")
    (folder / "billing" / "refund.txt").write_text("Title: Refund\nYour refund is on its way.")
    (folder / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (folder / "empty.txt").write_text("Title: Nothing\n\n   \n")
    (folder / "huge.txt").write_text("x" * (MAX_TEMPLATE_BYTES + 1))
    (folder / "notes.doc").write_text("not a template suffix")
    (folder / ".hidden.txt").write_text("hidden")
    loaded = load_local_templates(folder)
    assert [(t.folder, t.name) for t in loaded.templates] == [
        ("", "plain"),
        ("", "Thank you"),
        ("billing", "Refund"),
    ]
    thanks = next(t for t in loaded.templates if t.name == "Thank you")
    assert thanks.body == "Thanks, {customer}!\n-- {me}"
    assert thanks.source is TemplateSource.LOCAL
    plain = next(t for t in loaded.templates if t.name == "plain")
    assert plain.body == "No title line here.\nSecond line."
    assert sorted(loaded.problems) == [
        "empty.txt: skipped, no text after the title",
        "huge.txt: skipped, larger than 64 KB",
        "latin1.txt: skipped, not UTF-8 text",
    ]


def test_no_templates_folder_is_no_templates_and_no_problem(tmp_path: Path) -> None:
    loaded = load_local_templates(tmp_path / "templates")
    assert loaded.templates == ()
    assert loaded.problems == ()
