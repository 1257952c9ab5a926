"""The command line under careless or hostile use: operating-system errors, outputs that would
overwrite inputs, empty files, symbolic links, concurrent runs."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from caravan_claims import atomic, cli, corpus, locks
from caravan_claims.errors import InputError


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("caravan-claims: error: ")]
    assert len(lines) == 1, err
    return lines[0]


def extract(article_dir: Path, *options: str) -> int:
    return cli.main(["extract", str(article_dir), *options])


def test_output_under_a_file_is_one_line_error(article_dir, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert extract(article_dir, "-o", str(blocker / "claims.csv")) == 2
    assert "is a file, not a folder" in one_line_error(capsys)


def test_output_that_is_a_folder_is_refused(article_dir, tmp_path, capsys):
    assert extract(article_dir, "-o", str(tmp_path)) == 2
    assert "is a folder; expected a file name" in one_line_error(capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_unwritable_folder_is_one_line_error(article_dir, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert extract(article_dir, "-o", str(locked / "claims.csv")) == 2
        assert str(locked) in one_line_error(capsys)
    finally:
        locked.chmod(0o700)


def test_os_error_while_writing_is_one_line_error(article_dir, tmp_path, capsys, monkeypatch):
    """An error the checks cannot foresee (disk full, permission denied as root on a read-only
    mount) still gives one line naming the path, exit 2, and no table."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "claims.csv"))

    monkeypatch.setattr(atomic, "to_csv_text", refuse)
    assert extract(article_dir, "-o", str(tmp_path / "claims.csv")) == 2
    line = one_line_error(capsys)
    assert "claims.csv: Permission denied" in line
    assert not (tmp_path / "claims.csv").exists()


def test_file_name_too_long_for_a_temporary_name_is_written(article_dir, tmp_path):
    name = "c" * 250 + ".csv"
    assert extract(article_dir, "-o", str(tmp_path / name)) == 0
    assert (tmp_path / name).exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_file_name_too_long_for_the_file_system_is_one_line_error(article_dir, tmp_path, capsys):
    assert extract(article_dir, "-o", str(tmp_path / ("c" * 300 + ".csv"))) == 2
    assert "File name too long" in one_line_error(capsys)


def test_output_that_is_an_input_article_is_refused(article_dir, tmp_path, capsys):
    before = (article_dir / "alpha.txt").read_bytes()
    assert extract(article_dir, "-o", str(article_dir / "alpha.txt")) == 2
    assert "is an input of this run" in one_line_error(capsys)
    assert (article_dir / "alpha.txt").read_bytes() == before


def test_output_that_is_the_metadata_is_refused(article_dir, tmp_path, capsys):
    (article_dir / "articles.csv").write_text("article_id\nalpha\n", encoding="utf-8")
    assert extract(article_dir, "-o", str(article_dir / "articles.csv")) == 2
    assert "is an input of this run" in one_line_error(capsys)


def test_the_same_file_for_two_outputs_is_refused(article_dir, tmp_path, capsys):
    same = str(tmp_path / "x.csv")
    assert extract(article_dir, "-o", same, "--rejected", same) == 2
    assert "is also given to --output" in one_line_error(capsys)
    assert not Path(same).exists()


def test_claims_and_rejected_are_written_together_or_not_at_all(article_dir, tmp_path, capsys):
    claims, rejected = tmp_path / "claims.csv", tmp_path / "sub" / "rejected.csv"
    (tmp_path / "sub").write_text("a file where a folder is needed", encoding="utf-8")
    assert extract(article_dir, "-o", str(claims), "--rejected", str(rejected)) == 2
    assert not claims.exists()


def test_write_csvs_publishes_nothing_when_one_table_fails(tmp_path):
    good = tmp_path / "good.csv"

    class Exploding(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError(28, "No space left on device", "second.csv")

    with pytest.raises(OSError):
        atomic.write_csvs({good: pd.DataFrame({"a": [1]}), tmp_path / "b.csv": Exploding()})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_empty_file_is_skipped_with_a_warning(article_dir, tmp_path, capsys):
    (article_dir / "gamma.txt").write_text("  \n", encoding="utf-8")
    assert extract(article_dir, "-o", str(tmp_path / "c.csv")) == 0
    err = capsys.readouterr().err
    assert "caravan-claims: warning:" in err and "gamma.txt: skipped: empty file" in err
    assert len(pd.read_csv(tmp_path / "c.csv")) == 2


def test_an_empty_file_with_metadata_is_skipped_too(article_dir):
    (article_dir / "gamma.txt").write_text("", encoding="utf-8")
    (article_dir / "articles.csv").write_text("article_id\ngamma\nalpha\n", encoding="utf-8")
    loaded = corpus.load(article_dir)
    assert list(loaded.articles["article_id"]) == ["alpha", "beta"]
    assert [s.path.name for s in loaded.skipped] == ["gamma.txt"]


def test_only_empty_files_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no article with text"):
        corpus.load(tmp_path)


def test_symlink_out_of_the_folder_is_not_followed(article_dir, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is 12345 and 600 people know it.", encoding="utf-8")
    (article_dir / "leak.txt").symlink_to(secret)
    (article_dir / "nowhere.txt").symlink_to(tmp_path / "missing.txt")
    loaded = corpus.load(article_dir)
    assert "leak" not in set(loaded.articles["article_id"])
    reasons = {s.path.name: s.reason for s in loaded.skipped}
    assert "outside the folder" in reasons["leak.txt"]
    assert "does not exist" in reasons["nowhere.txt"]
    with pytest.raises(InputError, match=r"leak\.txt: skipped: .*strict"):
        corpus.load(article_dir, strict=True)


def test_symlink_inside_the_folder_is_read(article_dir):
    (article_dir / "alias.txt").symlink_to(article_dir / "alpha.txt")
    assert "alias" in set(corpus.load(article_dir).articles["article_id"])


def test_a_second_run_waits_for_the_lock(tmp_path):
    events: list[str] = []

    def hold() -> None:
        with locks.folder_lock(tmp_path, log=events.append):
            events.append("first in")
            time.sleep(0.5)
            events.append("first out")

    first = threading.Thread(target=hold)
    first.start()
    time.sleep(0.1)
    # flock locks belong to open file descriptions, so a second open in this process contends
    with locks.folder_lock(tmp_path, log=events.append):
        events.append("second in")
    first.join()
    assert events[0] == "first in" and events[-2:] == ["first out", "second in"]
    assert any("another caravan-claims run is writing here" in e for e in events)


def test_a_lock_held_too_long_is_a_clear_error(tmp_path):
    with (
        locks.folder_lock(tmp_path),
        pytest.raises(InputError, match="still locked"),
        locks.folder_lock(tmp_path, timeout_s=0.3, log=lambda line: None),
    ):
        pass
