"""The plan on paper: self-contained HTML from the ``print`` templates, and PDF from that HTML.

:func:`plan_view` (in :mod:`runlift.formats.plan_print_view`) turns a plan document into a view
model; :func:`render_print_html` lays it out with the Jinja2 templates under
``runlift/templates/print`` (found with :mod:`importlib.resources`, so they work from a wheel);
:func:`render_print_pdf` hands that HTML to WeasyPrint. The page links to nothing: its CSS is
inline and the only font is DejaVu Sans from the system, which WeasyPrint embeds in the PDF.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2

from runlift.errors import BadInput
from runlift.formats.plan_print_view import (
    DayCell,
    ExerciseLine,
    PhaseView,
    PrintView,
    SessionCard,
    WeekView,
    plan_view,
)

__all__ = [
    "PAPERS",
    "DayCell",
    "ExerciseLine",
    "PhaseView",
    "PrintView",
    "SessionCard",
    "WeekView",
    "plan_view",
    "render_print_html",
    "render_print_pdf",
]

# Paper name -> the CSS @page size.
PAPERS = {"A4": "A4", "Letter": "letter"}
TEMPLATE_PACKAGE = "runlift"
TEMPLATE_DIR = ("templates", "print")


def _load_template(name: str) -> str | None:
    node = resources.files(TEMPLATE_PACKAGE).joinpath(*TEMPLATE_DIR, *name.split("/"))
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _paper(paper: str) -> str:
    try:
        return PAPERS[paper]
    except KeyError:
        raise BadInput(f"paper: expected one of {', '.join(PAPERS)}; got {paper!r}") from None


def render_print_html(view: PrintView, paper: str = "A4") -> str:
    """The whole printable page; the same view and paper give the same text."""
    return _environment().get_template("plan.html.j2").render(view=view, page_size=_paper(paper))


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The page is self-contained: WeasyPrint may fetch nothing, not even a ``file:`` URL."""
    raise ValueError(f"the printable plan fetches nothing, not {url[:80]!r}")


def render_print_pdf(view: PrintView, paper: str = "A4") -> bytes:
    """The page as PDF (WeasyPrint, imported here because it takes a while to load)."""
    html = render_print_html(view, paper)
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf = HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf()
    if not isinstance(pdf, bytes):  # write_pdf returns bytes when given no target
        raise TypeError("WeasyPrint returned no PDF")
    return pdf
