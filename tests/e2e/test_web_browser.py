"""The web pages in a real headless Chromium at phone size: sign in with the one-time link, log
today's first set with one tap, watch the rest timer, then see the set in History and the Report.

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
screenshots of every page go to ``test-artifacts/web/`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_browser import ARGS, chromium_path

from runlift.app import accounts, athlete
from runlift.store.uow import Store
from tests_support import EXAMPLES, ROOT

SHOTS = ROOT / "test-artifacts" / "web"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real uvicorn on a free port; yields (base URL, one-time login path)."""
    chromium_path()
    import uvicorn

    from runlift.web.app import create_app
    from runlift.web.settings import Settings

    mp = pytest.MonkeyPatch()
    mp.setenv("RUNLIFT_TODAY", "2026-12-08")
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'runlift.db'}"
    store = Store(url)
    athlete.init(store, EXAMPLES / "sample-runner.toml", dt.date(2026, 12, 8))
    owner = accounts.ensure_owner(store)
    assert owner is not None
    token = accounts.create_login_link(store, owner.id)
    store.close()
    port = free_port()
    app = create_app(Settings(database_url=url))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}", f"/login/once/{token}"
    srv.should_exit = True
    thread.join(10)
    mp.undo()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=ARGS, headless=True)
        yield b
        b.close()


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{name} scrolls sideways ({width} px)"
    return path


def test_phone_flow(browser: Any, server: tuple[str, str]) -> None:
    base, link = server
    context = browser.new_context(**PHONE, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
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
        assert problems == []
        assert outside == []
    finally:
        context.close()


def test_desktop_today(browser: Any, server: tuple[str, str]) -> None:
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "/today")
        assert "/login" in page.url  # the link was spent by the phone test
        shot_path = SHOTS / "login-desktop.png"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot_path), full_page=True)
    finally:
        context.close()
