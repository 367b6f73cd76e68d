"""The import page in a real headless Chromium at phone size: sign in, drop a zip holding a good
FIT file and a broken one (both from ``../shared/corpus``, zipped here in a temporary folder), watch
the upload and the job's progress, and read the per-file summary: one imported, one rejected with
its reason, in the command line's words.

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` (skipped without it, except in CI);
the screenshot goes to ``test-artifacts/web/import-done.png`` for a person to look at.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_browser import ARGS, chromium_path

from runlift.app import accounts, athlete
from runlift.store.uow import Store
from tests_support import EXAMPLES, ROOT, SHARED

SHOTS = ROOT / "test-artifacts" / "web"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
CORPUS = SHARED / "corpus"
GOOD = "fit/fitparse__2015-10-13-08-43-15.fit"
BROKEN = "fit/fitparse__activity-filecrc.fit"  # bad file CRC

# Drops the zip on the drop zone as a person would: a DataTransfer holding the file.
DROP = """([name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, {type: "application/zip"}));
  const zone = document.getElementById("drop");
  for (const kind of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(kind, {dataTransfer: data, bubbles: true, cancelable: true}));
  }
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shot(page: Any, name: str) -> Path:
    """A full-page screenshot for a person to look at; the page must not scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{name} scrolls sideways ({width} px)"
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real uvicorn on a free port; yields (base URL, one-time login path)."""
    chromium_path()
    import uvicorn

    from runlift.web.app import create_app
    from runlift.web.settings import Settings

    mp = pytest.MonkeyPatch()
    mp.setenv("RUNLIFT_TODAY", "2026-12-08")
    folder = tmp_path_factory.mktemp("web-import")
    url = f"sqlite:///{folder / 'runlift.db'}"
    store = Store(url)
    athlete.init(store, EXAMPLES / "sample-runner.toml", dt.date(2026, 12, 8))
    owner = accounts.ensure_owner(store)
    assert owner is not None
    token = accounts.create_login_link(store, owner.id)
    store.close()
    port = free_port()
    app = create_app(Settings(database_url=url, upload_dir=folder / "uploads"))
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


def test_the_corpus_files_are_what_this_test_says() -> None:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        kinds = {row["file"]: row["kind"] for row in csv.DictReader(handle, delimiter="\t")}
    assert kinds[GOOD] == "valid"
    assert kinds[BROKEN] == "invalid"


def test_drop_a_zip_and_read_the_summary_on_a_phone(
    browser: Any, server: tuple[str, str], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, link = server
    archive = tmp_path / "watch-export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in (GOOD, BROKEN):
            out.write(CORPUS / name, Path(name).name)
    context = browser.new_context(**PHONE, device_scale_factor=2)
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    posts: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    try:
        page.goto(base + link)
        page.goto(base + "/import")
        assert page.locator("#drop").is_visible()
        shot(page, "import")
        page.evaluate(DROP, [archive.name, base64.b64encode(archive.read_bytes()).decode()])
        expect(page.locator("#chosen")).to_contain_text("1 file, ")
        with page.expect_request(lambda r: r.method == "POST") as sent:
            page.locator("#upload-button").tap()
        request = sent.value
        assert request.headers.get("x-csrf-token"), "the script sends the token in a header"
        assert "csrf" not in request.url
        page.wait_for_url("**/import/*")
        # htmx polls the status fragment until the job is done.
        expect(page.locator("#state")).to_have_text("done", timeout=60_000)
        rows = page.locator("table.files tbody tr")
        assert rows.count() == 2
        got = {
            rows.nth(i).locator("td").nth(0).inner_text(): (
                rows.nth(i).locator("td").nth(1).inner_text(),
                rows.nth(i).locator("td").nth(2).inner_text(),
            )
            for i in range(rows.count())
        }
        good = got[f"{archive.name}!{Path(GOOD).name}"]
        broken = got[f"{archive.name}!{Path(BROKEN).name}"]
        assert good[0] == "imported"
        assert broken[0] == "rejected"
        assert "CRC" in broken[1]
        summary = page.locator(".summary-line").inner_text()
        assert "1 imported (1 activities, 0 strength sessions)" in summary
        assert "1 rejected" in summary
        assert page.locator("#count").inner_text() == "2 of 2 files"
        assert page.locator("td", has_text="bad file CRC").is_visible()
        shot(page, "import-done")
        assert all("csrf" not in url for url in posts)
        assert problems == []
        assert outside == []
    finally:
        context.close()
