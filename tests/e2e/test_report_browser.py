"""The HTML report in a real headless Chromium: the charts render, nothing is fetched, no errors.

The browser is the system's Chromium, named by ``RUNLIFT_TEST_CHROMIUM`` (see
``scripts/browser.sh``). Without it these tests are skipped, except under CI, where a missing
browser is a failure rather than a silent skip. Full-page screenshots go to ``test-artifacts/``
for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import browser_support
import pytest

from runlift.formats.report_html import render_html
from tests_support import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHARTS = ("chart-load", "chart-muscles", "chart-asymmetry", "chart-e1rm", "running")
browser = browser_support.browser  # the fixture: one headless Chromium for the module
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def _sample() -> ModuleType:
    """The unit tests' hand-built ten-week report, so both suites look at the same page."""
    path = Path(__file__).resolve().parents[1] / "unit" / "test_report_html.py"
    spec = importlib.util.spec_from_file_location("report_html_sample", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    report = _sample().sample_report()
    page = render_html(report, athlete="Ana Runner", generated_on=dt.date(2026, 12, 7))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path.as_uri()


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_report_renders_offline_in_chromium(browser: Any, report_url: str, device: str) -> None:
    context = browser.new_context(**VIEWPORTS[device], device_scale_factor=1)
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # Anything but the file itself would be a fetch: refuse it (it is still recorded above).
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url == report_url else route.abort(),
    )
    try:
        page.goto(report_url, wait_until="load")
        assert requests == [report_url]
        assert problems == []

        for section in CHARTS:
            svg = page.locator(f"#{section} svg")
            assert svg.count() == 1, section
            assert svg.is_visible(), section
            box = svg.bounding_box()
            assert box is not None, section
            assert box["width"] >= 200, (section, box)
            assert box["height"] >= 100, (section, box)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[device]["viewport"]["width"], "the page scrolls sideways"

        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"report-{device}.png"
        page.screenshot(path=str(shot), full_page=True)
        load_box = page.locator("#chart-load svg").bounding_box()
        scroll = page.evaluate("[window.scrollX, window.scrollY]")
    finally:
        context.close()
    assert not_blank(shot, load_box, scroll)


def not_blank(shot: Path, box: dict[str, float], scroll: list[float]) -> bool:
    """The load chart's region of the screenshot holds a drawing, not one flat colour."""
    from PIL import Image

    with Image.open(shot) as image:
        left, top = box["x"] + scroll[0], box["y"] + scroll[1]
        right = min(left + box["width"], image.width)  # on a phone the chart scrolls sideways
        region = image.convert("RGB").crop(
            (round(left), round(top), round(right), round(top + box["height"]))
        )
        colours = region.getcolors(maxcolors=1 << 16) or []
        inked = sum(n for n, c in colours if c != (255, 255, 255))
    return len(colours) > 20 and inked > 0.02 * region.width * region.height
