"""History in a real headless Chromium at phone size (375 px): delete a run, see the Undo strip,
undo it and see the run back; edit a set's load (a refused value first, shown beside its field).

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
screenshots go to ``test-artifacts/web/history-*.png`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from test_report_browser import ARGS, chromium_path
from test_web_browser import PHONE, free_port, shot

from runlift.app import accounts, athlete, log
from runlift.store.uow import Store
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """A real uvicorn on a free port with a run and a session logged; yields (base URL, one-time
    login paths, one per test)."""
    chromium_path()
    import uvicorn

    from runlift.web.app import create_app
    from runlift.web.settings import Settings

    mp = pytest.MonkeyPatch()
    mp.setenv("RUNLIFT_TODAY", TODAY.isoformat())
    url = f"sqlite:///{tmp_path_factory.mktemp('web-history') / 'runlift.db'}"
    store = Store(url)
    athlete.init(store, EXAMPLES / "sample-runner.toml", TODAY)
    owner = accounts.ensure_owner(store)
    assert owner is not None
    assert owner.athlete_id is not None
    yesterday = TODAY - dt.timedelta(days=1)
    log.log_run(store, yesterday, TODAY, 10_000.0, 3000.0, 150, 6, owner.athlete_id)
    log.log_strength(
        store,
        ["goblet-squat 3x8@16kg rpe7", "side-plank 2x30s left"],
        TODAY,
        TODAY,
        minutes=35,
        srpe=6,
        athlete_id=owner.athlete_id,
    )
    links = [f"/login/once/{accounts.create_login_link(store, owner.id)}" for _ in range(2)]
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
    yield f"http://127.0.0.1:{port}", links
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


def test_phone_delete_undo_and_edit(browser: Any, server: tuple[str, list[str]]) -> None:
    base, links = server
    context = browser.new_context(**PHONE, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(base + links[0])
        page.goto(base + "/history")
        run = page.locator("section.entry.run")
        assert run.count() == 1
        assert "10 km · 50:00 · 150 bpm · RPE 6" in run.inner_text()
        shot(page, "history-entries")

        # Delete the run: it turns into a strip with Undo, in place, without a page load.
        run.get_by_role("button", name="Delete this run").tap()
        strip = page.locator("section.entry.deleted")
        strip.wait_for()
        assert "Deleted the run from Mon 07 Dec" in strip.inner_text()
        assert page.locator("section.entry.run").count() == 0
        assert page.url == base + "/history"
        shot(page, "history-deleted")

        strip.get_by_role("button", name="Undo").tap()
        page.locator("section.entry.run").wait_for()
        assert page.locator("section.entry.deleted").count() == 0
        assert "Restored the run." in page.locator("section.entry.run").inner_text()
        shot(page, "history-restored")

        # An undo that is no longer possible (here: an id that was never deleted) is refused
        # with 404; htmx swaps nothing, so the page says why in its message strip.
        page.evaluate("htmx.ajax('POST', '/history/undo/gone', {target: '#flash'})")
        page.locator("#flash .msg.err[role=alert]").wait_for()
        assert "Nothing to undo" in page.locator("#flash").inner_text()
        problems[:] = [p for p in problems if "404" not in p]  # htmx and Chromium log it

        # Edit the session: the form opens in place; a refused value is named beside its field
        # and nothing is saved; a good one is saved and shown.
        session = page.locator("section.entry.session")
        session.get_by_role("link", name="Edit this session").tap()
        load = page.locator("section.entry.session input[name^='load-']").first
        load.wait_for()
        assert load.input_value() == "16"
        load.fill("1200")
        shot(page, "history-edit")
        page.locator("section.entry.session").get_by_role("button", name="Save").tap()
        error = page.locator("section.entry.session .field-error", has_text="load: expected")
        error.wait_for()
        assert page.locator("section.entry.session input[aria-invalid=true]").count() == 1
        shot(page, "history-edit-refused")
        page.locator("section.entry.session input[name^='load-']").first.fill("18")
        page.locator("section.entry.session").get_by_role("button", name="Save").tap()
        page.locator("section.entry.session .note", has_text="Saved the session.").wait_for()
        lines = page.locator("section.entry.session li").all_inner_texts()
        assert lines[0] == "Goblet Squat: 8 reps · 18 kg · RPE 7"
        assert lines[1] == "Goblet Squat: 8 reps · 16 kg · RPE 7"
        shot(page, "history-saved")

        # The change is stored: a reload shows it.
        page.reload()
        assert "8 reps · 18 kg" in page.locator("section.entry.session").inner_text()
        # The refused save's 422 is logged by the browser as a failed load; nothing else is.
        assert [p for p in problems if "status of 422" not in p] == []
    finally:
        context.close()


def test_phone_without_javascript(browser: Any, server: tuple[str, list[str]]) -> None:
    """The same forms work as plain posts: delete, Undo from the message, edit on its own page."""
    base, links = server
    context = browser.new_context(**PHONE, device_scale_factor=1, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + links[1])
        page.goto(base + "/history")
        page.locator("section.entry.run").get_by_role("button", name="Delete this run").tap()
        page.wait_for_url("**/history?msg=*")
        assert page.locator("section.entry.run").count() == 0
        assert "Deleted the run from Mon 07 Dec" in page.locator(".undo-strip").inner_text()
        shot(page, "history-nojs-deleted")
        page.locator(".undo-strip").get_by_role("button", name="Undo").tap()
        page.wait_for_url("**/history?msg=Restored*")
        assert page.locator("section.entry.run").count() == 1
        page.locator("section.entry.run").get_by_role("link", name="Edit this run").tap()
        page.wait_for_url("**/history/run/*/edit")
        page.locator("input[name=rpe]").fill("12")
        page.get_by_role("button", name="Save").tap()
        error = page.locator(".field-error", has_text="rpe: expected 0 to 10 (CR-10); got 12")
        error.wait_for()
        assert page.locator("input[name=rpe][aria-invalid=true]").count() == 1
        shot(page, "history-nojs-refused")
        page.locator("input[name=rpe]").fill("7")
        page.get_by_role("button", name="Save").tap()
        page.wait_for_url("**/history?msg=Saved*")
        assert "RPE 7" in page.locator("section.entry.run").inner_text()
    finally:
        context.close()
