"""What `pip install accordingto` installs is what `make install` installs from the lock files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
#: build tools in runtime.in for `pip install --no-build-isolation -e .`; not needed at run time
BUILD_TOOLS = {"setuptools", "wheel"}


def requirement_names(lines: list[str]) -> set[str]:
    names = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[<>=!~\[ ;]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def from_file(name: str) -> set[str]:
    return requirement_names((REQUIREMENTS / name).read_text(encoding="utf-8").splitlines())


def project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_package_depends_on_what_the_runtime_lock_installs() -> None:
    dependencies = requirement_names(list(project()["dependencies"]))  # type: ignore[call-overload]
    assert dependencies == from_file("runtime.in") - BUILD_TOOLS


def test_the_dev_extra_lists_the_dev_requirements() -> None:
    extras = project()["optional-dependencies"]
    assert requirement_names(list(extras["dev"])) == from_file("dev.in")  # type: ignore[index]


def test_parquet_export_needs_nothing_beyond_the_package() -> None:
    dependencies = requirement_names(list(project()["dependencies"]))  # type: ignore[call-overload]
    assert "pyarrow" in dependencies
