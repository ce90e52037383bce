"""The five catalogues are complete: gettext's own checker finds every entry translated,
none fuzzy, every placeholder kept (msgfmt --check), and each is compiled."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = ["ar", "zh_Hans", "fr", "es", "ru"]


@pytest.mark.parametrize("folder", CATALOGUES)
def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(folder):
    po = LOCALE / folder / "LC_MESSAGES" / "django.po"

    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages?\.", statistics), statistics
    assert int(statistics.split()[0]) > 400


@pytest.mark.parametrize("folder", CATALOGUES)
def test_the_catalogue_keeps_no_obsolete_entry(folder):
    # An obsolete entry ("#~") is a translation no page uses any more: a sign that the
    # catalogue was not updated with makemessages after a string changed.
    text = (LOCALE / folder / "LC_MESSAGES" / "django.po").read_text()

    assert "\n#~ " not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Unité d'appui à l'application"),
        ("es", "Dependencia de Apoyo para la Aplicación"),
        ("ru", "Группа имплементационной поддержки"),
        ("zh-hans", "执行支助股"),
        ("ar", "وحدة دعم تنفيذ الاتفاقية"),
    ],
)
def test_the_compiled_catalogue_gives_the_conventions_own_terms(language, expected):
    with translation.override(language):
        footer = translation.gettext(
            "Implementation Support Unit, Anti-Personnel Mine Ban Convention"
        )

    assert expected in footer
