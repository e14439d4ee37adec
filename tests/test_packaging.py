"""pyproject.toml and environment.yml list the same dependencies; README names the commands."""

from __future__ import annotations

import re
import tomllib

import yaml

from tifa.paths import REPOSITORY

RE_NAME = re.compile(r"^([A-Za-z0-9_.\-]+)")


def _name(requirement: str) -> str:
    return RE_NAME.match(requirement.strip()).group(1).lower().replace("_", "-")


def test_environment_matches_pyproject():
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["test"]}
    environment = yaml.safe_load((REPOSITORY / "environment.yml").read_text(encoding="utf-8"))
    listed = set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            listed |= {_name(r) for r in entry["pip"] if not r.startswith("-e")}
        elif not entry.startswith(("python", "pip")) or entry.startswith("python-"):
            listed.add(_name(entry))
    assert listed == wanted


def test_readme_commands_and_ci_agree():
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "make figures" in readme and "make test" in readme
    assert "make test" in (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
