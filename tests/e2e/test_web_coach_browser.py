"""As a coach, in a real headless Chromium against a real server and database: invite an
athlete, see them, and leave a note on one of their sessions, which the athlete then reads.

The coach is an account made as ``runlift users add --role coach`` makes it, and signs in with
the form; the athlete is the command line's owner, signed in with the one-time link that
``runlift serve`` prints, and joins the coach on the Profile page. The athlete uses a phone
(375 px); every coach page is looked at on a phone and on a desktop (1280 px). Uses the Chromium
named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI); screenshots of every step
go to ``test-artifacts/web/coach-*.png`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import browser_support
import pytest
from browser_support import DESKTOP, PHONE, Site, serve_sample, shot, watch

from api_support import PASSWORD, TODAY
from runlift.app import accounts, log
from runlift.app.accounts import User
from runlift.store.uow import Store

COACH_EMAIL = "casey@example.org"
browser = browser_support.browser  # the fixture: one headless Chromium for the module
NOTE = "Film the <b>last</b> set & keep the knees out"


def seed(store: Store, owner: User) -> None:
    """The athlete ran two days ago and did a hinge-only session yesterday (so there is
    something to flag); a coach has an account and no athlete yet."""
    log.log_run(store, TODAY - dt.timedelta(2), TODAY, 8000.0, 2700.0, None, 5.0)
    log.log_strength(store, ["romanian-deadlift 3x8@40kg"], TODAY - dt.timedelta(1), TODAY)
    accounts.create_user(store, COACH_EMAIL, PASSWORD, "coach", "Casey Coach")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A coach with no athlete yet, and the command line's athlete, on a served SQLite file."""
    with serve_sample(tmp_path_factory.mktemp("coach"), seed=seed) as served:
        yield served


class Watched:
    """A browser page that collects script errors and requests to other sites."""

    def __init__(self, context: Any, base: str, width: int) -> None:
        context.set_default_timeout(90_000)  # the report page is slow on a busy machine
        self.page = context.new_page()
        self.base = base
        self.width = width
        self.seen = watch(self.page, base)

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None
        assert response.ok, (path, response.status)
        return self.page

    def shot(self, name: str) -> None:
        shot(self.page, f"coach-{name}", self.width)

    def clean(self) -> None:
        self.seen.clean()


def coach_signs_in(coach: Watched) -> None:
    """From a coach page, through the login form and back to it."""
    page = coach.page
    page.goto(coach.base + "/coach")
    assert "/login" in page.url
    page.fill("input[name=email]", COACH_EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text="Sign in").click()
    page.wait_for_url("**/coach")


def test_invite_see_and_note(browser: Any, site: Site) -> None:
    coach_ctx = browser.new_context(**PHONE, device_scale_factor=1)
    athlete_ctx = browser.new_context(**PHONE, device_scale_factor=1)
    coach = Watched(coach_ctx, site.base, 375)
    sam = Watched(athlete_ctx, site.base, 375)
    try:
        # The coach signs in and has nobody yet.
        coach.page.goto(site.base + "/coach")
        coach.shot("01-login")
        coach_signs_in(coach)
        page = coach.page
        assert "No athlete has joined yet" in page.locator("main").inner_text()
        assert page.locator("nav.bottom a", has_text="Athletes").is_visible()
        coach.shot("02-no-athletes")

        # An invite code, shown once on the page.
        page.locator("#invite button[type=submit]").click()
        page.wait_for_load_state()
        code = page.locator("#invite-code").inner_text().strip()
        assert re.fullmatch(r"[A-Za-z0-9_-]{10,}", code), code
        coach.shot("03-invite-code")

        # The athlete signs in on their phone and joins with the code on the Profile page.
        sam.go(site.link)
        assert sam.page.url == site.base + "/today"
        sam.go("/profile")
        sam.page.fill("#coaches input[name=code]", code)
        sam.page.locator("#coaches button[type=submit]", has_text="Join").click()
        sam.page.wait_for_url("**/profile?msg=*")
        coaches = sam.page.locator("#coaches").inner_text()
        assert "Casey Coach can now see your training" in sam.page.locator("main").inner_text()
        assert "Casey Coach" in coaches
        sam.page.locator("#coaches").scroll_into_view_if_needed()
        sam.shot("04-athlete-joined")
        # The code works once.
        sam.page.fill("#coaches input[name=code]", code)
        sam.page.locator("#coaches button[type=submit]", has_text="Join").click()
        sam.page.wait_for_url("**/profile?err=*")
        assert "already used" in sam.page.locator("main").inner_text()

        # The coach reloads and sees the athlete: flags, adherence and the next session.
        page.goto(site.base + "/coach")
        card = page.locator("section.athlete")
        assert card.count() == 1
        assert card.locator("h2 a").inner_text() == "Sam"
        assert card.locator(".pill[title^='week of']").count() >= 1
        assert "Adherence by week" in card.inner_text()
        assert re.search(r"Next: \d{4}-\d\d-\d\d", card.inner_text())
        assert card.locator("ul.flags li").count() >= 1
        assert "knee-dominant" in card.locator("ul.flags").inner_text()
        assert "No athlete has joined yet" not in page.locator("main").inner_text()
        coach.shot("05-athletes")

        # The athlete's page: the same card, and a note on an upcoming session.
        card.locator("h2 a").click()
        page.wait_for_url(f"**/coach/athletes/{site.aid}")
        assert page.locator("h1").inner_text() == "Sam"
        coach.shot("06-athlete")
        options = page.locator("select#on option")
        assert options.count() >= 2
        chosen = options.nth(1)  # the second upcoming session, a day still to come
        on = chosen.get_attribute("value")
        assert on is not None
        assert on > TODAY.isoformat()
        page.select_option("select#on", on)
        page.fill("#note-text", NOTE)
        page.locator("#note button[type=submit]").click()
        page.wait_for_url(f"**/coach/athletes/{site.aid}?msg=*")
        assert f"Note added to {on}" in page.locator("main").inner_text()
        notes = page.locator("section.notes")
        assert notes.count() == 1
        assert on in notes.locator("h2").inner_text()
        assert NOTE in notes.inner_text()  # as text: the markup is escaped
        assert notes.locator("b", has_text="last").count() == 0
        coach.shot("07-note-added")

        page.locator("a", has_text="Report and suggestions").click()
        page.wait_for_url(f"**/coach/athletes/{site.aid}/report")
        coach.shot("08-athlete-report")

        # The athlete reads the note on that session.
        sam.go(f"/plan/{on}")
        box = sam.page.locator("#coach-notes")
        assert box.is_visible()
        assert "From your coach" in box.inner_text()
        assert NOTE in box.inner_text()
        assert "Casey Coach" in box.inner_text()
        sam.shot("09-athlete-sees-note")
        coach.clean()
        sam.clean()
    finally:
        coach_ctx.close()
        athlete_ctx.close()


def test_coach_pages_on_a_desktop(browser: Any, site: Site) -> None:
    """The same coach pages at 1280 px (after the phone test has linked the athlete)."""
    context = browser.new_context(**DESKTOP)
    coach = Watched(context, site.base, 1280)
    try:
        coach_signs_in(coach)
        assert coach.page.locator("section.athlete").count() == 1
        coach.shot("10-desktop-athletes")
        coach.go(f"/coach/athletes/{site.aid}")
        assert coach.page.locator("section.notes").count() == 1
        coach.shot("11-desktop-athlete")
        coach.go(f"/coach/athletes/{site.aid}/report")
        coach.shot("12-desktop-athlete-report")
        coach.clean()
    finally:
        context.close()
