"""The form check in a real headless Chromium at phone size: open Today on a day with a goblet
squat, open "Check my form (video)" on its card, upload the real MediaPipe squat clip (from
``../shared/formcheck``), watch the processing page, and read the result: 3 reps, the rep table,
the rating, and an annotated clip the browser can play.

Uses the system's Chromium named by ``RUNLIFT_TEST_CHROMIUM`` and the optional ``form`` extra
(MediaPipe); without either it is skipped, except in CI, where it fails. The screenshots go to
``test-artifacts/web/form-*.png`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
from collections.abc import Iterator
from typing import Any

import browser_support
import pytest
from browser_support import PHONE, Site, serve_sample, shot, watch

from api_support import TODAY
from tests_support import SHARED

if importlib.util.find_spec("mediapipe") is None:
    if os.environ.get("CI"):
        pytest.fail("the form extra (mediapipe) is missing in CI", pytrace=False)
    pytest.skip("the form extra (mediapipe) is not installed", allow_module_level=True)

browser = browser_support.browser  # the fixture: one headless Chromium for the module
CLIP = SHARED / "formcheck" / "mediapipe_pose_world_landmarks_squats.mp4"
SQUAT_DAY = TODAY + dt.timedelta(days=2)  # the sample plan's first goblet squat


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web-form")
    with serve_sample(
        folder,
        env={"RUNLIFT_TODAY": SQUAT_DAY.isoformat()},
        settings={"upload_dir": folder / "uploads", "form_check_dir": folder / "form-checks"},
    ) as site:
        yield site


def test_check_a_filmed_squat_from_todays_card_on_a_phone(browser: Any, server: Site) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(**PHONE, device_scale_factor=1)
    page = context.new_page()
    seen = watch(page, server.base)
    try:
        page.goto(server.base + server.link)
        assert page.url == server.base + "/today"
        card = page.locator(
            "section.exercise", has=page.locator("a[href='/exercises/goblet-squat']")
        )
        expect(card).to_have_count(1)
        card.locator("summary", has_text="Check my form (video)").tap()
        form = card.locator("form.form-check-upload")
        expect(form).to_be_visible()
        form.locator("input[type=file]").first.set_input_files(str(CLIP))
        form.locator("select[name=view]").select_option("auto")
        form.scroll_into_view_if_needed()
        shot(page, "form-1-upload")

        form.locator("button[type=submit]").tap()
        page.wait_for_url("**/form-checks/pending/*")
        expect(page.locator("#form-check-status")).to_be_visible()
        shot(page, "form-2-processing")

        page.wait_for_url(re.compile(r"/form-checks/\d+(\?.*)?$"), timeout=240_000)
        expect(page.locator("#fc-count")).to_have_text("3 reps")
        expect(page.locator("table.fc-reps tbody tr")).to_have_count(3)
        expect(page.locator(".fc-rating")).to_contain_text("Suggested technique rating")
        video = page.locator("video#fc-video")
        expect(video).to_have_attribute("playsinline", "")
        page.wait_for_function(
            "() => { const v = document.getElementById('fc-video');"
            " return v.readyState >= 1 && v.duration > 0; }",
            timeout=20_000,
        )
        size = page.evaluate(
            "() => { const v = document.getElementById('fc-video');"
            " return [v.videoWidth, v.videoHeight, v.duration, v.error && v.error.code]; }"
        )
        assert size[:2] == [640, 360], size
        assert size[2] > 4, size
        assert size[3] is None, size
        # Show a frame with the overlay, not a black first frame, in the screenshot.
        page.evaluate(
            "() => new Promise(done => { const v = document.getElementById('fc-video');"
            " v.addEventListener('seeked', () => done(), {once: true}); v.currentTime = 2.5; })"
        )
        page.wait_for_timeout(300)
        shot(page, "form-3-result")

        # A text file named .mp4 is refused beside the field, and nothing is checked.
        page.goto(server.base + "/form-checks/new?exercise=goblet-squat&from=today")
        notes = {"name": "notes.mp4", "mimeType": "video/mp4", "buffer": b"my notes\n"}
        page.locator("form.form-check-upload input[type=file]").first.set_input_files(notes)
        page.locator("form.form-check-upload button[type=submit]").tap()
        error = page.locator("form.form-check-upload .msg.err")
        expect(error).to_contain_text("notes.mp4: not a readable video")
        shot(page, "form-4-refused")
        seen.problems[:] = [p for p in seen.problems if "422" not in p]  # the refusal itself
        seen.clean()
    finally:
        context.close()
