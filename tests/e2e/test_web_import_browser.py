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
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import browser_support
import pytest
from browser_support import PHONE, Site, serve_sample, shot, watch

from tests_support import SHARED

browser = browser_support.browser  # the fixture: one headless Chromium for the module
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample athlete served by a real uvicorn, with one one-time login link."""
    folder = tmp_path_factory.mktemp("web-import")
    with serve_sample(folder, settings={"upload_dir": folder / "uploads"}) as site:
        yield site


def test_the_corpus_files_are_what_this_test_says() -> None:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        kinds = {row["file"]: row["kind"] for row in csv.DictReader(handle, delimiter="\t")}
    assert kinds[GOOD] == "valid"
    assert kinds[BROKEN] == "invalid"


def test_drop_a_zip_and_read_the_summary_on_a_phone(
    browser: Any, server: Site, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, link = server.base, server.link
    archive = tmp_path / "watch-export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in (GOOD, BROKEN):
            out.write(CORPUS / name, Path(name).name)
    context = browser.new_context(**PHONE, device_scale_factor=2)
    page = context.new_page()
    seen = watch(page, base)
    posts: list[str] = []
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
        seen.clean()
    finally:
        context.close()
