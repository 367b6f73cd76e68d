"""The browser tests' shared set-up: the system's Chromium, the sample athlete served by a real
uvicorn over a fresh SQLite file with the owner's one-time login links, pages that collect script
errors and requests to other sites, and full-page screenshots for a person to look at.

The browser is the system's Chromium, named by ``RUNLIFT_TEST_CHROMIUM`` (see
``scripts/browser.sh``). Without it these tests are skipped, except under CI, where a missing
browser is a failure rather than a silent skip. A test module takes the browser fixture with
``browser = browser_support.browser``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from api_support import SAMPLE, TODAY
from runlift.app import accounts, athlete
from runlift.app.accounts import User
from runlift.store.uow import Store
from tests_support import ROOT
from web_support import running

SHOTS = ROOT / "test-artifacts" / "web"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}


def chromium_path() -> str:
    path = os.environ.get("RUNLIFT_TEST_CHROMIUM")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("RUNLIFT_TEST_CHROMIUM is not set in CI: run scripts/browser.sh first")
        pytest.skip("no browser (set RUNLIFT_TEST_CHROMIUM, see scripts/browser.sh)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield b
        b.close()


@dataclass
class Site:
    """The served sample athlete."""

    base: str  # the server's URL
    links: list[str]  # the owner's one-time login paths, one for each sign-in
    aid: int  # the owner's athlete
    seeded: Any = None  # what the seed function returned

    @property
    def link(self) -> str:
        return self.links[0]


Seed = Callable[[Store, User], Any]


@contextmanager
def serve_sample(
    folder: Path,
    *,
    seed: Seed | None = None,
    links: int = 1,
    env: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
    server: Mapping[str, Any] | None = None,
) -> Iterator[Site]:
    """The sample athlete on a fresh SQLite file in ``folder``, on the sample's first day, with
    its owner's account (as ``runlift serve`` makes it) and ``links`` one-time login links,
    served by a real uvicorn on a free port. Skips (fails in CI) first when there is no browser.

    ``seed(store, owner)`` adds data before the server starts (its answer is ``Site.seeded``);
    ``env`` is set while the server runs, ``settings`` go to the app's Settings and ``server``
    to ``uvicorn.Config``."""
    chromium_path()
    from runlift.web.app import create_app
    from runlift.web.settings import Settings

    mp = pytest.MonkeyPatch()
    try:
        for name, value in {"RUNLIFT_TODAY": TODAY.isoformat(), **(env or {})}.items():
            mp.setenv(name, value)
        url = f"sqlite:///{folder / 'runlift.db'}"
        store = Store(url)
        try:
            athlete.init(store, SAMPLE, TODAY)
            owner = accounts.ensure_owner(store)
            assert owner is not None
            assert owner.athlete_id is not None
            seeded = seed(store, owner) if seed is not None else None
            paths = [
                f"/login/once/{accounts.create_login_link(store, owner.id)}" for _ in range(links)
            ]
        finally:
            store.close()
        app = create_app(Settings(database_url=url, **(settings or {})))
        with running(app, **(server or {})) as base:
            yield Site(base, paths, owner.athlete_id, seeded)
    finally:
        mp.undo()


@dataclass
class Watch:
    """What a page did that a test may forbid: script errors, and requests to other sites."""

    problems: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def clean(self) -> None:
        assert self.problems == []
        assert self.outside == []


def watch(page: Any, base: str | None = None) -> Watch:
    """Collect the page's console errors and uncaught exceptions and, given the site's ``base``,
    its requests anywhere else."""
    seen = Watch()
    page.on("console", lambda m: seen.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.problems.append(str(e)))
    if base is not None:
        page.on("request", lambda r: None if r.url.startswith(base) else seen.outside.append(r.url))
    return seen


def shot(page: Any, name: str, width: int | None = 375) -> Path:
    """A full-page screenshot, ``test-artifacts/web/<name>.png``; the page must not scroll
    sideways past ``width`` (None: no check)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if width is not None:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll} px)"
    return path
