"""The README is the front door: every make target, repository path and command it names exists,
and the commands for one's own articles run as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
TOP_LEVEL = ("data/", "notebooks/", "src/", "tests/", "seeds/", "reports/", ".ci/")


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, re.MULTILINE))


def test_every_make_target_the_readme_names_exists():
    named = set(re.findall(r"(?:`|^)make ([a-z][\w-]*)", README, re.MULTILINE))
    assert named, "the README names no make target"
    assert named <= make_targets(), named - make_targets()


def test_every_repository_path_the_readme_names_exists():
    paths = {
        p.rstrip(".,:;")
        for p in re.findall(r"`([^`\s]+)`", README)
        if p.startswith(TOP_LEVEL) and "<" not in p and "*" not in p
    }
    assert paths
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert missing == []


def test_the_test_command_is_what_ci_runs():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", README, re.MULTILINE)


def own_article_commands() -> list[str]:
    block = README.split("On your own articles, without touching a notebook:", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", block, re.S).group(1).strip().splitlines()
    return [c for c in commands if c.startswith(".venv/bin/")]


@pytest.mark.slow
@pytest.mark.parametrize("command", own_article_commands())
def test_commands_for_ones_own_articles_run_as_written(
    command: str, article_dir: Path, tmp_path: Path
):
    """Run from the repository root with the README's placeholder folder replaced by a folder of
    articles written for the tests; outputs go to a temporary folder."""
    command = command.replace("path/to/saved-pages", str(ROOT / "tests" / "fixtures" / "pages"))
    command = command.replace("path/to/new-articles", str(tmp_path / "new-articles"))
    argv = shlex.split(command.replace("path/to/articles", str(article_dir)))
    argv = [
        str(tmp_path / a) if a.endswith((".csv", ".ipynb")) and "/" not in a else a for a in argv
    ]
    executable = Path(sys.executable).parent / Path(argv[0]).name
    result = subprocess.run(
        [str(executable), *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_pre_commit_hooks_mirror_make_test():
    hooks = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    recipe = MAKEFILE.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    for check in ("ruff check", "ruff format --check"):
        assert check in hooks and check in recipe, check
    assert "--clear-output" in hooks  # and tests/test_notebooks.py fails on committed outputs


def test_licence_and_citation_are_there():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in citation and "license: MIT" in citation
