"""The web pages in a real headless Chromium at phone size: sign in with the one-time link, log
today's first set with one tap, watch the rest timer, then see the set in History and the Report.

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
screenshots of every page go to ``test-artifacts/web/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import browser_support
import pytest
from browser_support import DESKTOP, PHONE, Site, serve_sample, shot, watch

browser = browser_support.browser  # the fixture: one headless Chromium for the module


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample athlete served by a real uvicorn, with one one-time login link."""
    with serve_sample(tmp_path_factory.mktemp("web")) as site:
        yield site


def test_phone_flow(browser: Any, server: Site) -> None:
    base, link = server.base, server.link
    context = browser.new_context(**PHONE, device_scale_factor=1)
    page = context.new_page()
    seen = watch(page, base)
    try:
        page.goto(base + "/today")
        assert "/login" in page.url
        shot(page, "login")
        page.goto(base + link)
        assert page.url == base + "/today"
        assert page.locator("nav.bottom").is_visible()

        # The first working exercise, set by set (warm-ups have no planned rest, so no timer).
        # htmx swaps the card in place: the page does not reload, and each tap restarts the timer.
        card = page.locator("section.exercise.main").first
        sets = card.locator("button.set")
        planned = sets.count()
        assert planned >= 2
        timer = page.locator("#rest-left")
        assert not page.locator("#rest-timer").is_visible()
        for n in range(1, planned + 1):
            page.locator("section.exercise.main").first.locator("button.set").nth(n - 1).tap()
            page.locator("section.exercise.main").first.locator("button.set.done").nth(
                n - 1
            ).wait_for()
            assert page.url == base + "/today", "logged in place, no navigation"
            assert timer.is_visible()
            before = timer.text_content()
            page.wait_for_timeout(1300)
            assert timer.text_content() != before, "the rest timer counts down"
        assert page.locator("button.set.done").count() == planned
        assert page.locator("#flash .msg").is_visible()
        shot(page, "today")

        page.locator("nav.bottom a", has_text="History").tap()
        page.wait_for_url("**/history")
        assert page.locator("section.entry.session").count() == 1
        assert page.locator("section.entry.session li").count() == planned
        shot(page, "history")

        page.locator("nav.bottom a", has_text="Report").tap()
        page.wait_for_url("**/report")
        assert page.locator("#chart-load svg").count() == 1
        shot(page, "report")

        for name in ("plan", "exercises"):
            page.locator("nav.bottom a", has_text=name.capitalize()).tap()
            page.wait_for_url(f"**/{name}")
            shot(page, name)
        page.goto(base + "/plan/2026-12-08")
        shot(page, "session")
        # The catalog filters as you type (htmx), and the address keeps the filter.
        page.goto(base + "/exercises")
        every = page.locator("#results li").count()
        page.locator("input[name=search]").fill("lunge")
        page.wait_for_url("**/exercises?*search=lunge*")
        page.wait_for_function(f"document.querySelectorAll('#results li').length < {every}")
        names = page.locator("#results li a").all_text_contents()
        assert names
        assert "Reverse Lunge" in names
        assert "Push-Up" not in names
        page.reload()  # the same list as a plain visit to the address htmx pushed
        assert page.locator("#results li a").all_text_contents() == names
        shot(page, "exercises-search")
        page.goto(base + "/exercises/goblet-squat")
        shot(page, "exercise")
        seen.clean()
    finally:
        context.close()


def test_desktop_today(browser: Any, server: Site) -> None:
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    try:
        page.goto(server.base + "/today")
        assert "/login" in page.url  # the link was spent by the phone test
        shot(page, "login-desktop", width=None)
    finally:
        context.close()
