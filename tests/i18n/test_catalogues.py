"""The five catalogues are complete: gettext's own checker finds every entry translated,
none fuzzy, every placeholder kept (msgfmt --check), each is compiled, and they are up to
date with the source (a string added to a template or to Python without a translation
fails here, not on a page in Arabic)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = ["ar", "zh_Hans", "fr", "es", "ru"]
# docs/development.md, "How to add or correct a translation": the folders makemessages leaves out.
IGNORED = [".venv", ".cache", "var", "static", "tests", "scripts"]


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


def _msgids(po):
    # One line per entry (--no-wrap): the set of (context, msgid, plural) it holds.
    text = subprocess.run(
        ["msgattrib", "--no-wrap", "--no-location", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = re.compile(
        r'^(?:msgctxt (".*")\n)?msgid (".*")\n(?:msgid_plural (".*")\n)?msgstr', re.M
    )
    return {match.groups() for match in pattern.finditer(text)}


def test_the_catalogues_are_up_to_date_with_the_source(tmp_path):
    # makemessages, as docs/development.md runs it, on a copy of the source with the French
    # catalogue: it must find no string the catalogue lacks (or keeps in excess), and
    # leave nothing untranslated or fuzzy. One language stands for the five: they are
    # updated together, and the test above checks each is complete.
    base = Path(settings.BASE_DIR)
    source = tmp_path / "source"
    left_out = {".git", "locale", *IGNORED}
    shutil.copytree(
        base,
        source,
        ignore=lambda folder, names: [
            name
            for name in names
            if name == "__pycache__" or (Path(folder) == base and name in left_out)
        ],
    )
    catalogue = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    generated = source / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    generated.parent.mkdir(parents=True)
    shutil.copyfile(catalogue, generated)
    python = base / ".venv" / "bin" / "python"

    subprocess.run(
        [
            str(python if python.exists() else sys.executable),
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            *(f"--ignore={folder}" for folder in IGNORED),
            "--add-location=file",
            "--no-obsolete",
            "-v0",
        ],
        cwd=source,
        env={**os.environ, "DEBUG": "true"},
        check=True,
        timeout=120,
    )

    new, gone = _msgids(generated) - _msgids(catalogue), _msgids(catalogue) - _msgids(generated)
    assert not new and not gone, (
        f"run makemessages (docs/development.md) and translate: "
        f"new {sorted(new)}, gone {sorted(gone)}"
    )
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(generated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert re.fullmatch(r"\d+ translated messages?\.", result.stderr.strip()), result.stderr
