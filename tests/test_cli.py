"""The command line on folders of articles: outputs, one-line errors, nothing half-written."""

from pathlib import Path

import pandas as pd
import pytest

from caravan_claims import cli


def test_extract_writes_claims_and_rejections(article_dir: Path, tmp_path: Path, capsys):
    out, left_out = tmp_path / "claims.csv", tmp_path / "left_out.csv"
    assert cli.main(["extract", str(article_dir), "-o", str(out), "--rejected", str(left_out)]) == 0
    claims = pd.read_csv(out, keep_default_na=False)
    assert list(claims["quote"]) == ["About 3,000 migrants", "between 2,000 and 4,000 people"]
    assert left_out.exists()
    assert "2 figures from 2 articles" in capsys.readouterr().out


def test_reconcile_writes_quantities_and_checks(article_dir: Path, tmp_path: Path):
    out = tmp_path / "reconciled.csv"
    code = cli.main(
        [
            "reconcile",
            str(article_dir),
            "-o",
            str(out),
            "--checks",
            str(tmp_path / "checks.csv"),
            "--quantities",
            str(tmp_path / "q.csv"),
        ]
    )
    assert code == 0
    assert (tmp_path / "checks.csv").exists() and (tmp_path / "q.csv").exists()
    quantities = pd.read_csv(tmp_path / "q.csv", keep_default_na=False)
    assert set(quantities["subject"]) == {"unassigned"}  # no metadata: no event to reconcile under


@pytest.mark.parametrize(
    ("make_bad", "named"),
    [
        (lambda folder: (folder / "gamma.txt").write_bytes(b"caf\xe9"), "gamma.txt"),
        (
            lambda folder: (folder / "gamma.txt").write_text("", encoding="utf-8"),
            "gamma.txt",
        ),  # with --strict; without, an empty file is skipped (tests/test_cli_hardening.py)
        (
            lambda folder: (folder / "articles.csv").write_text(
                "article_id\nghost\n", encoding="utf-8"
            ),
            "ghost",
        ),
    ],
    ids=["not-utf8", "empty", "metadata-row-without-file"],
)
def test_bad_input_gives_one_line_and_writes_nothing(
    article_dir, tmp_path, capsys, make_bad, named
):
    make_bad(article_dir)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("earlier run", encoding="utf-8")
    for argv in (
        ["reports", "--seeds", str(article_dir), "--out", str(out)],
        ["extract", str(article_dir), "-o", str(tmp_path / "claims.csv")],
        ["reconcile", str(article_dir), "-o", str(tmp_path / "reconciled.csv")],
    ):
        assert cli.main([*argv, "--strict"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("caravan-claims: error: ") and err.count("\n") == 1 and named in err
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "earlier run"
    assert not (tmp_path / "claims.csv").exists() and not (tmp_path / "reconciled.csv").exists()


def test_bad_override_file_is_named(article_dir: Path, tmp_path: Path, capsys):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("claim_id,field,value,reason\nalpha:0,measure,x,\n", encoding="utf-8")
    code = cli.main(
        [
            "reconcile",
            str(article_dir),
            "--overrides",
            str(overrides),
            "-o",
            str(tmp_path / "r.csv"),
        ]
    )
    assert code == 2 and "overrides.csv: line 2" in capsys.readouterr().err


def test_override_naming_an_unknown_claim_names_the_file(article_dir: Path, tmp_path: Path, capsys):
    overrides = tmp_path / "fixes.csv"
    overrides.write_text("claim_id,field,value,reason\nzz:1,measure,x,r\n", encoding="utf-8")
    code = cli.main(
        [
            "reconcile",
            str(article_dir),
            "--overrides",
            str(overrides),
            "-o",
            str(tmp_path / "r.csv"),
        ]
    )
    assert code == 2 and f"{overrides}: line 2: claim_id 'zz:1'" in capsys.readouterr().err


def test_data_on_two_workers_writes_the_committed_tables(tmp_path: Path):
    from conftest import DATA

    assert cli.main(["data", "--out", str(tmp_path), "--workers", "2", "--batch-size", "2"]) == 0
    for written in tmp_path.glob("*.csv"):
        assert written.read_bytes() == (DATA / written.name).read_bytes(), written.name
    assert cli.main(["data", "--out", str(tmp_path), "--workers", "0"]) == 2
