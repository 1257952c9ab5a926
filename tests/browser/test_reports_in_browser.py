"""Every report opened in a real headless Chromium from file://, the network blocked (slow).

Needs Debian's ``chromium`` and the ``playwright`` package (no browser download: Playwright drives
the system's Chromium). Skipped when either is missing, except under ``make test-browser``, which
sets CARAVAN_CLAIMS_REQUIRE_BROWSER=1 so a missing browser fails instead of passing silently.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from caravan_claims import cli

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("CARAVAN_CLAIMS_REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(os.environ.get("CARAVAN_CLAIMS_SCREENSHOTS", "build/screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package"
    else:
        missing = "" if CHROMIUM else "a chromium executable (Debian package 'chromium')"
    if missing:
        if REQUIRED:
            pytest.fail(f"browser tests need {missing}")
        pytest.skip(f"browser tests need {missing}")


@dataclass
class Visit:
    """What happened while a page was open."""

    url: str
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    broken_images: int = 0
    images: int = 0
    final_url: str = ""


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def visit(browser, page_path: Path, screenshot: Path) -> Visit:
    context = browser.new_context(offline=True, java_script_enabled=True)
    seen = Visit(url=page_path.resolve().as_uri())

    def only_files(route) -> None:
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            seen.blocked_requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("requestfailed", lambda request: seen.failed_requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            seen.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "framenavigated",
        lambda frame: seen.navigations.append(frame.url) if frame == page.main_frame else None,
    )
    page.goto(seen.url, wait_until="load")
    page.wait_for_timeout(1500)  # a <meta refresh> or timer would have fired by now
    seen.images = page.evaluate("document.images.length")
    seen.broken_images = page.evaluate(
        "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length"
    )
    seen.final_url = page.url
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    context.close()
    return seen


@pytest.fixture(scope="module")
def bundled_reports(tmp_path_factory) -> Path:
    _require_browser()
    out = tmp_path_factory.mktemp("browser-reports")
    assert cli.main(["reports", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory) -> Path:
    _require_browser()
    from test_hostile_reports import write_hostile_corpus

    root = tmp_path_factory.mktemp("browser-hostile")
    seeds = write_hostile_corpus(root / "seeds")
    out = root / "out"
    assert cli.main(["reports", "--seeds", str(seeds), "--out", str(out)]) == 0
    return out


def check(seen: Visit, expect_images: bool) -> None:
    assert seen.blocked_requests == [] and seen.failed_requests == []
    assert seen.console_errors == []
    assert seen.dialogs == []
    assert seen.navigations in ([], [seen.url]) and seen.final_url == seen.url
    assert seen.broken_images == 0
    if expect_images:
        assert seen.images > 0


def test_bundled_reports_open_offline_cleanly(browser, bundled_reports: Path):
    pages = sorted(bundled_reports.glob("*.html"))
    assert len(pages) >= 6
    for page_path in pages:
        seen = visit(browser, page_path, SCREENSHOTS / "bundled" / f"{page_path.stem}.png")
        check(seen, expect_images=page_path.name != "index.html")


def test_hostile_reports_run_nothing_and_go_nowhere(browser, hostile_reports: Path):
    for page_path in sorted(hostile_reports.glob("*.html")):
        seen = visit(browser, page_path, SCREENSHOTS / "hostile" / f"{page_path.stem}.png")
        check(seen, expect_images=False)
