"""environment.yml must offer conda users the same packages and ranges as pyproject.toml."""

import re
import tomllib

import yaml
from conftest import ROOT

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def parse(requirement: str) -> tuple[str, str]:
    match = REQUIREMENT.match(requirement)
    assert match, requirement
    name, spec = match.groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["dev"]
    return dict(parse(r) for r in listed)


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed: list[str] = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            listed += [r for r in entry["pip"] if not r.startswith("-")]
        elif not entry.startswith(("python=", "pip")):
            listed.append(entry)
    return dict(parse(r) for r in listed)


def test_environment_yml_matches_pyproject():
    assert environment_requirements() == pyproject_requirements()


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_entries = next(e["pip"] for e in env["dependencies"] if isinstance(e, dict))
    assert any(entry.endswith("-e .") for entry in pip_entries)


def test_lock_pins_every_direct_dependency():
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        locked[name.lower().replace("_", "-")] = version
    assert set(pyproject_requirements()) <= set(locked)
