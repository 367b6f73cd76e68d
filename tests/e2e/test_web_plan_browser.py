"""The Plan page and a session page in a real headless Chromium, at 375 px and 1280 px: phases
read as coloured bands, the audit shows, a subscription link is made and its feed fetched with no
cookie, and uvicorn's access log never holds the token.

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
screenshots go to ``test-artifacts/web/plan-*.png`` and ``session-*.png`` for a person to look at.
"""

from __future__ import annotations

import logging
import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import browser_support
import icalendar
import pytest
from browser_support import DESKTOP, PHONE, SHOTS, serve_sample, shot, watch
from playwright.sync_api import expect

from runlift.app import athlete

browser = browser_support.browser  # the fixture: one headless Chromium for the module


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A real uvicorn with its access log on, as ``runlift serve`` runs it."""
    access = Lines()
    with serve_sample(
        tmp_path_factory.mktemp("web-plan"),
        seed=lambda store, owner: athlete.active_plan(store),
        server={"log_level": "info", "access_log": True},
    ) as site:
        # Added once the server runs, after its logging set-up replaced the loggers' handlers.
        logging.getLogger("uvicorn.access").addHandler(access)
        try:
            yield {"base": site.base, "link": site.link, "plan": site.seeded, "access": access}
        finally:
            logging.getLogger("uvicorn.access").removeHandler(access)


def check_bands(page: Any) -> None:
    """Each phase opens with a heading band, and its weeks share that band's colour."""
    plan_phases = page.locator("h2.band").all_inner_texts()
    assert [t.split()[0].lower() for t in plan_phases][:3] == ["technique", "base", "build"]
    colours = page.evaluate(
        """() => [...document.querySelectorAll('section.wk')].map(s => [
            s.className.match(/band-(\\w+)/)[1], getComputedStyle(s).backgroundColor,
            getComputedStyle(s).borderLeftColor])"""
    )
    by_phase: dict[str, set[tuple[str, str]]] = {}
    for phase, background, edge in colours:
        by_phase.setdefault(phase, set()).add((background, edge))
    assert all(len(v) == 1 for v in by_phase.values()), by_phase  # one look per phase
    looks = [next(iter(v)) for v in by_phase.values()]
    assert len(set(looks)) == len(looks), by_phase  # and every phase its own
    assert all(bg != "rgb(255, 255, 255)" for bg, _ in looks)


def session_day(plan: dict[str, Any]) -> str:
    """A build-phase session: heavy lifts with a %1RM, the richest page."""
    return next(d["date"] for d in plan["days"] if d["strength"] and d["phase"] == "build")


def check_session(page: Any, plan: dict[str, Any], on: str) -> None:
    day = next(d for d in plan["days"] if d["date"] == on)
    exercises = day["strength"]["exercises"]
    assert page.locator("section.exercise").count() == len(exercises)
    assert page.locator("ul.cues li").count() == sum(len(e["cues"]) for e in exercises)
    text = page.locator("main").inner_text()
    assert day["strength"]["rationale"] in text
    for e in exercises:
        assert e["rationale"] in text
    assert "[MA]" in text  # the plan's citations come through
    assert "% 1RM" in text
    assert "0.8" not in page.locator(".dose").all_inner_texts()[-1]


def test_plan_and_session_phone_then_desktop(browser: Any, server: dict[str, Any]) -> None:
    base, plan = server["base"], server["plan"]
    on = session_day(plan)
    phone = browser.new_context(**PHONE, device_scale_factor=1)
    page = phone.new_page()
    problems = watch(page).problems
    try:
        page.goto(base + server["link"])
        page.goto(base + "/plan")
        check_bands(page)
        assert page.locator("#check").is_visible()
        assert "rules pass" in page.locator("#check").inner_text()
        assert page.locator("#check-balance li").count() == 5
        shot(page, "plan-375", 375)

        with page.expect_navigation():
            page.locator("button", has_text="Create subscription link").tap()
        secret_box = page.locator("#feed-secret")
        assert secret_box.is_visible()
        feed_url = page.locator("#feed-web").input_value()
        assert feed_url.startswith(base + "/calendar/")
        assert page.locator("#feed-webcal").input_value() == "webcal://" + feed_url[7:]
        page.locator("button[data-copy='feed-web']").tap()
        # The page changes the button's text asynchronously (after the clipboard answers).
        expect(page.locator("button[data-copy='feed-web']")).to_have_text(
            re.compile("^(Copied|Selected)$")
        )
        page.locator("#calendar").screenshot(path=str(SHOTS / "plan-feed-375.png"))

        # The calendar app's fetch: no cookie, nothing but the URL.
        with urllib.request.urlopen(feed_url, timeout=10) as response:
            assert response.status == 200
            assert "no-store" in response.headers["Cache-Control"]
            cal = icalendar.Calendar.from_ical(response.read())
        dates = sorted(str(e.decoded("dtstart")) for e in cal.walk("VEVENT"))
        assert dates == sorted(d["date"] for d in plan["days"] if d["strength"])

        page.goto(f"{base}/plan/{on}")
        check_session(page, plan, on)
        shot(page, "session-375", 375)
        assert problems == []
        cookies = phone.cookies()
    finally:
        phone.close()

    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    lines = server["access"].lines
    assert any("/calendar/[token]" in line for line in lines), lines
    assert not [line for line in lines if token in line]

    desktop = browser.new_context(**DESKTOP, device_scale_factor=1)
    desktop.add_cookies(cookies)
    page = desktop.new_page()
    problems = watch(page).problems
    try:
        page.goto(base + "/plan")
        check_bands(page)
        week = page.locator(".week").first
        columns = week.evaluate("w => getComputedStyle(w).gridTemplateColumns.split(' ').length")
        assert columns == 7  # a week reads across, Monday to Sunday
        assert "live since" in page.locator("#calendar").inner_text()
        assert token not in page.content()
        shot(page, "plan-1280", 1280)
        page.goto(f"{base}/plan/{on}")
        check_session(page, plan, on)
        shot(page, "session-1280", 1280)
        assert problems == []
    finally:
        desktop.close()
