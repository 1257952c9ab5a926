"""The official record: reference files, fiscal months, known values, verdicts, forecasts."""

import hashlib
import math

import pandas as pd
import pytest
from conftest import DATA

from caravan_claims import official, pipeline
from caravan_claims.reconcile import Interval

REFERENCE = DATA / "reference"


@pytest.fixture(scope="module")
def record():
    return official.load_official()


@pytest.fixture(scope="module")
def seed_checks(record):
    tables = pipeline.run()
    return official.check_claims(tables.claims, tables.quantities, record, tables.corpus)


def test_reference_files_are_copied_untouched():
    lines = (DATA / "reference.sha256").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
    assert set(listed) == {f"reference/{p.name}" for p in REFERENCE.iterdir()}


@pytest.mark.parametrize(
    ("fiscal_year", "fiscal_month", "calendar"),
    [(2024, 1, "2023-10"), (2024, 2, "2023-11"), (2024, 3, "2023-12"), (2024, 4, "2024-01"),
     (2023, 12, "2023-09"), (2022, 7, "2022-04"), (2000, 1, "1999-10")],
)  # fmt: skip
def test_fiscal_to_calendar(fiscal_year, fiscal_month, calendar):
    assert official.fiscal_to_calendar(fiscal_year, fiscal_month) == calendar


def test_fiscal_month_out_of_range_is_refused():
    with pytest.raises(ValueError, match="fiscal month 13"):
        official.fiscal_to_calendar(2024, 13)


@pytest.mark.parametrize(
    ("month", "measure", "value"),
    [
        ("2023-09", "sw_total_encounters", 269_735),
        ("2023-11", "sw_total_encounters", 242_399),
        ("2023-11", "usbp_encounters", 191_106),
        ("2022-04", "sw_total_encounters", 235_785),
        ("2023-12", "sw_total_encounters", 301_981),
    ],
)
def test_known_official_values(record, month, measure, value):
    assert official.official_value(record, month, measure).iloc[0]["value"] == value


def test_components_and_titles_add_up(record):
    def value(measure):
        return official.official_value(record, "2022-04", measure).iloc[0]["value"]

    assert value("usbp_encounters") + value("ofo_encounters") == value("sw_total_encounters")
    assert value("sw_title8_encounters") + value("sw_title42_encounters") == value(
        "sw_total_encounters"
    )
    assert value("usbp_title8_apprehensions") + value("usbp_title42_expulsions") == value(
        "usbp_encounters"
    )


def test_workbook_is_read_with_a_spreadsheet_reader_and_matches_its_csv_dump(record):
    ohss = record[record["release"] == "ohss_fy25m11"]
    dump = pd.read_csv(REFERENCE / "ohss_usbp_sw_monthly_fy2000-fy2025.csv")
    assert len(ohss) == len(dump)
    assert list(ohss.sort_values("month")["value"]) == list(
        dump.assign(month=[official.fiscal_to_calendar(fy, int(m[:2])) for fy, m in zip(dump.fiscal_year, dump.month, strict=True)])
        .sort_values("month")["quantity"].astype(float)
    )  # fmt: skip
    assert official.official_value(record, "2023-11", "usbp_encounters")["release"].tolist() == [
        "cbp_dataset_2025-08",
        "ohss_fy25m11",
    ]


def test_press_release_first_and_later_values_are_kept_apart(record):
    march = official.official_value(record, "2019-03", "usbp_encounters")
    assert march[["value", "release"]].values.tolist() == [
        [92830.0, "ohss_fy25m11"],
        [92840.0, "press_later"],
        [92607.0, "press_first"],
    ]


def verdict_of(checks, claim_id, kind="reported"):
    row = checks[(checks["claim_id"] == claim_id) & (checks["kind"] == kind)]
    assert len(row) == 1
    return row.iloc[0]


def test_242418_is_a_revision_of_19_not_a_false_claim(seed_checks):
    row = verdict_of(seed_checks, "002_6c94a305d69fa5a3:1573")
    assert (row.verdict, row.official_value, row.difference) == ("revised", 242_399, 19)
    assert "A revision, not a false claim" in row.explanation and "19 below" in row.explanation


def test_more_than_190000_apprehensions_is_consistent_with_191106(seed_checks):
    row = verdict_of(seed_checks, "004_a9b967e73f6093cf:3535")
    assert (row.verdict, row.official_value, row.official_measure) == (
        "consistent",
        191_106,
        "usbp_encounters",
    )


def test_other_seed_verdicts(seed_checks):
    assert verdict_of(seed_checks, "002_6c94a305d69fa5a3:2395").verdict == "matches"  # 269,735
    assert verdict_of(seed_checks, "003_2c8fce3843f5af86:1534").verdict == "consistent"  # > 234,000
    assert (
        verdict_of(seed_checks, "004_a9b967e73f6093cf:404").verdict == "no_official_data"
    )  # daily
    assert verdict_of(seed_checks, "004_a9b967e73f6093cf:3654").verdict == "no_official_data"


def test_december_forecast_is_checked_against_what_happened(seed_checks):
    row = verdict_of(seed_checks, "002_6c94a305d69fa5a3:2395", kind="forecast")
    assert (row.month, row.official_value, row.verdict) == ("2023-12", 301_981, "consistent")
    assert "came true" in row.explanation


def releases(*pairs):
    return pd.DataFrame([{"value": v, "release": r} for v, r in pairs])


@pytest.mark.parametrize(
    ("interval", "qualifier", "point", "rows", "verdict"),
    [
        (Interval(500, 500), "exact", 500, [(500, "cbp_dataset_2025-08")], "matches"),
        (Interval(500, 500), "exact", 500, [(504, "ohss_fy25m11")], "matches"),
        (Interval(400, math.inf, True, True), "lower", 400, [(500, "cbp_dataset_2025-08")], "consistent"),
        (Interval(600, math.inf, True, True), "lower", 600, [(500, "cbp_dataset_2025-08")], "contradicts"),
        (Interval(1005, 1005), "exact", 1005, [(1000, "cbp_dataset_2025-08")], "revised"),
        (Interval(700, 700), "exact", 700, [(800, "cbp_dataset_2025-08"), (700, "press_first")], "revised"),
        (Interval(0, 450), "upper", 450, [(500, "cbp_dataset_2025-08")], "contradicts"),
    ],
)  # fmt: skip
def test_verdicts(interval, qualifier, point, rows, verdict):
    assert official.verdict_for(interval, qualifier, point, releases(*rows))[0] == verdict


def test_forecast_detection_needs_a_month_a_verb_and_a_record():
    published = pd.Timestamp("2023-12-28")
    claim = {"unit": "encounters", "low": 269735.0,
             "sentence": "December has the potential to surpass September's record of 269,735 encounters."}  # fmt: skip
    assert official.detect_forecast(claim, published) == official.Forecast("2023-12", "above")
    claim["sentence"] = "January could reach a record of 300,000 encounters."
    assert official.detect_forecast(claim, published) == official.Forecast("2024-01", "at_least")
    claim["sentence"] = "In September there were 269,735 encounters."
    assert official.detect_forecast(claim, published) is None


def test_a_fiscal_year_figure_is_checked_against_the_sum_of_its_months(tmp_path):
    """FY2023 ran October 2022 to September 2023; CBP's published southwest-border total for
    it is 2,475,669, which the twelve monthly records add up to."""
    from caravan_claims import pipeline

    (tmp_path / "a.txt").write_text(
        "Border agents recorded more than 2.4 million encounters at the southwest border in "
        "fiscal year 2023, officials said.\n",
        encoding="utf-8",
    )
    (tmp_path / "articles.csv").write_text(
        "article_id,published,date_precision\na,2023-11-01,day\n", encoding="utf-8"
    )
    tables = pipeline.run(tmp_path)
    checks = official.check_claims(
        tables.claims, tables.quantities, official.load_official(), tables.corpus
    )
    row = checks.iloc[0]
    assert (row.month, row.official_value, row.verdict) == (
        "2022-10/2023-09",
        2_475_669,
        "consistent",
    )
    assert "sum of 12 monthly records" in row.explanation
