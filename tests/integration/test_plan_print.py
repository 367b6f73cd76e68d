"""The printable plan as PDF, read back with poppler: page by page, the text matches the plan.

Needs poppler-utils (``pdftotext``, ``pdfinfo``, ``pdffonts``, ``pdftoppm``). Without them the tests
are skipped, except under CI, where that is a failure. The pages are also saved as PNG in
``test-artifacts/print/`` for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from runlift.app.catalog import catalog
from runlift.app.planning import load_profile
from runlift.formats.plan_print import plan_view, render_print_pdf
from runlift.planning import build_plan
from tests_support import EXAMPLES, ROOT

TOOLS = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
ARTIFACTS = ROOT / "test-artifacts" / "print"
PAPER_PT = {"A4": (595, 842), "Letter": (612, 792)}
EXAMPLE_NAMES = ("sample-runner", "experienced-marathoner")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        reason = f"poppler-utils missing ({', '.join(missing)}): apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def plan_for(name: str) -> dict[str, Any]:
    profile = load_profile(EXAMPLES / f"{name}.toml")
    return build_plan(profile, catalog(), version="x").to_contract()


def weeks_of(plan: dict[str, Any]) -> list[list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = {}
    for day in plan["days"]:
        weeks.setdefault(day["week"], []).append(day)
    return [weeks[k] for k in sorted(weeks)]


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def page_text(pdf: Path, page: int) -> str:
    """One page's text (``pdftotext -layout``), with runs of white space made one space."""
    return " ".join(run("pdftotext", "-layout", "-f", page, "-l", page, pdf, "-").split())


def info(pdf: Path) -> dict[str, str]:
    lines = run("pdfinfo", pdf).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def names_in_order(name: str, text: str) -> bool:
    """The name as printed, or (where its table cell wrapped and the layout interleaved the next
    column) its words in order, within a short stretch of the page."""
    if name in text:
        return True
    words = name.split()
    for start in (m.start() for m in re.finditer(re.escape(words[0]), text)):
        at, ok = start, True
        for word in words[1:]:
            at = text.find(word, at + 1)
            if at < 0 or at - start > 400:
                ok = False
                break
        if ok:
            return True
    return False


def save_pngs(pdf: Path, stem: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    run("pdftoppm", "-png", "-r", "60", pdf, ARTIFACTS / stem)
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


def check_pdf_basics(pdf: Path, paper: str, pages: int) -> None:
    meta = info(pdf)
    assert int(meta["Pages"]) == pages
    size = re.match(r"([\d.]+) x ([\d.]+) pts", meta["Page size"])
    assert size, meta["Page size"]
    assert (round(float(size[1])), round(float(size[2]))) == PAPER_PT[paper]
    fonts = run("pdffonts", pdf).splitlines()[2:]
    assert fonts, "the PDF names no fonts"
    assert any("DejaVu" in f for f in fonts)
    for line in fonts:  # name type encoding emb sub uni object ID: emb is 5th from the end
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


def check_week_page(text: str, number: int, days: list[dict[str, Any]]) -> None:
    assert f"Week {number} ·" in text
    assert f"Week {number + 1} ·" not in text
    for day in days:
        s = day["strength"]
        if not s:
            continue
        on = dt.date.fromisoformat(day["date"])
        assert f"{on:%a} {on.day} {on:%b}" in text
        assert s["title"] in text, s["title"]
        for ex in s["exercises"]:
            assert names_in_order(ex["name"], text), f"week {number}: {ex['name']}"
            # pdftotext sometimes closes up the spaces around "×" in a tight cell
            if ex["reps"] is not None:
                dose = rf"{ex['sets']} ?× ?{ex['reps']}\b"
            elif ex["duration_s"] is not None:
                dose = rf"{ex['sets']} ?× ?{ex['duration_s']} s hold"
            else:
                dose = rf"{ex['sets']} ?× ?{ex['contacts']} contacts"
            assert re.search(dose, text), f"week {number}: {ex['name']} {dose}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_full_plan_pdf_page_by_page(name: str, paper: str, tmp_path: Path) -> None:
    plan = plan_for(name)
    weeks = weeks_of(plan)
    pdf = tmp_path / f"{name}-{paper}.pdf"
    pdf.write_bytes(render_print_pdf(plan_view(plan, weeks=None, week=None), paper))
    check_pdf_basics(pdf, paper, pages=1 + len(weeks))  # the cover, then one page a week

    cover = page_text(pdf, 1)
    assert plan["profile"]["athlete"]["name"] in cover
    for phase in plan["phases"]:
        assert phase["name"].capitalize() in cover
    if plan["profile"]["athlete"]["lifting_experience"] == "new":
        assert "qualified strength coach" in cover
    for number, days in enumerate(weeks, start=1):
        check_week_page(page_text(pdf, number + 1), number, days)

    assert len(save_pngs(pdf, f"{name}-{paper}")) == 1 + len(weeks)


@pytest.mark.parametrize(
    ("name", "paper", "on"),
    [
        ("sample-runner", "A4", dt.date(2027, 1, 14)),
        ("experienced-marathoner", "Letter", dt.date(2026, 12, 9)),  # three sessions
        ("experienced-marathoner", "A4", dt.date(2027, 4, 25)),  # race week
    ],
)
def test_one_week_fits_one_page(name: str, paper: str, on: dt.date, tmp_path: Path) -> None:
    plan = plan_for(name)
    days = next(w for w in weeks_of(plan) if any(d["date"] == on.isoformat() for d in w))
    pdf = tmp_path / f"{name}-week.pdf"
    pdf.write_bytes(render_print_pdf(plan_view(plan, weeks=None, week=on), paper))
    check_pdf_basics(pdf, paper, pages=1)
    text = page_text(pdf, 1)
    check_week_page(text, days[0]["week"], days)
    assert "Phases" not in text  # no cover on the fridge page
    save_pngs(pdf, f"{name}-{paper}-week-{on}")
