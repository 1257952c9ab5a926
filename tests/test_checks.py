"""Consistency checks across measures."""

import math

import pandas as pd

from caravan_claims.checks import run_checks


def reconciled(*rows):
    columns = ["quantity_id", "measure", "period", "low", "high", "low_open", "high_open"]
    return pd.DataFrame(rows, columns=columns)


def test_apprehensions_must_not_exceed_encounters_of_the_same_month():
    table = reconciled(
        ("enc", "border_encounters_month", "2023-11", 242418, 242418, False, False),
        ("app", "border_apprehensions_month", "2023-11", 190000, math.inf, True, True),
    )
    checks = run_checks(table)
    assert list(checks["statement"]) == ["app ≤ enc"] and bool(checks.iloc[0].passed)
    failing = run_checks(reconciled(
        ("enc", "border_encounters_month", "2023-11", 150000, 150000, False, False),
        ("app", "border_apprehensions_month", "2023-11", 190000, math.inf, True, True),
    ))  # fmt: skip
    assert not bool(failing.iloc[0].passed) and "fails" in failing.iloc[0].explanation


def test_daily_rate_times_days_against_a_monthly_total():
    table = reconciled(
        ("day", "border_encounters_day", "2023-12", 0, 10000, False, False),
        ("month", "border_encounters_month", "2023-12", 400000, 400000, False, False),
    )
    check = run_checks(table).iloc[0]
    assert check.kind == "rate_times_days" and not bool(check.passed)
    assert "× 31 days" in check.explanation and "310,000" in check.explanation


def test_a_shorter_period_is_a_part_of_a_longer_one():
    table = reconciled(
        (
            "weekend",
            "border_encounters_period",
            "2023-12-22/2023-12-25",
            35000,
            math.inf,
            True,
            True,
        ),
        (
            "month",
            "border_encounters_period",
            "2023-12-01/2023-12-28",
            250000,
            math.inf,
            True,
            True,
        ),
    )
    checks = run_checks(table)
    assert list(checks["statement"]) == ["weekend ≤ month"] and bool(checks.iloc[0].passed)


def test_unrelated_quantities_are_not_checked():
    table = reconciled(
        ("size", "caravan_size", "", 8000, 8000, False, False),
        ("enc", "border_encounters_month", "2022-04", 234000, math.inf, True, True),
    )
    assert run_checks(table).empty
