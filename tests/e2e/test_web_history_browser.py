"""History in a real headless Chromium at phone size (375 px): delete a run, see the Undo strip,
undo it and see the run back; edit a set's load (a refused value first, shown beside its field).

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
screenshots go to ``test-artifacts/web/history-*.png`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import browser_support
import pytest
from browser_support import PHONE, Site, serve_sample, shot, watch

from api_support import TODAY
from runlift.app import log
from runlift.app.accounts import User
from runlift.store.uow import Store

browser = browser_support.browser  # the fixture: one headless Chromium for the module


def seed(store: Store, owner: User) -> None:
    """A run yesterday and a session today."""
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A real uvicorn with a run and a session logged, and one one-time login link per test."""
    with serve_sample(tmp_path_factory.mktemp("web-history"), seed=seed, links=2) as site:
        yield site


def test_phone_delete_undo_and_edit(browser: Any, server: Site) -> None:
    base, links = server.base, server.links
    context = browser.new_context(**PHONE, device_scale_factor=1)
    page = context.new_page()
    problems = watch(page).problems
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


def test_phone_without_javascript(browser: Any, server: Site) -> None:
    """The same forms work as plain posts: delete, Undo from the message, edit on its own page."""
    base, links = server.base, server.links
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
