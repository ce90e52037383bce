"""The house's arrows (docs/development.md, "The layout"): import-linter's contracts hold on the
project as it is, and break, failing `make test`, when an app imports one above it
or two modules of an app import each other."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "intersessional",
    "outbox",
    "reference",
    "programme",
    "registration",
    "accreditation",
    "floor",
]
APPS += ["room", "checkin", "documents", "sponsorship", "figures", "privacy", "demo", "adminsite"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The apps' Python files and the contracts, in a folder of their own."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_every_contract_is_kept():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        # registration may not know what is built on it...
        ("registration/models.py", "from figures import tables", "only the apps below it"),
        # (nor may any app know the demo, which is built on all of them)
        ("privacy/services.py", "from demo import cast", "only the apps below it"),
        # ...not even through an import inside a function,
        ("programme/views.py", "def f():\n    from registration import models", "below it"),
        # the outbox knows no delegates,
        ("outbox/services.py", "from registration.models import Delegate", "outbox knows"),
        # and two modules of one app never import each other.
        ("registration/links.py", "from . import services", "No circle"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(project_copy, module, forbidden, contract):
    path = project_copy / module
    path.write_text(path.read_text() + f"\n\n{forbidden}\n")

    result = lint_imports(project_copy)

    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if "BROKEN" in line]
    assert any(contract in line for line in broken), result.stdout
