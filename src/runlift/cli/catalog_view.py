"""Rich renderings of catalog entries for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runlift.catalog import Catalog, Exercise


def exercises_table(found: list[Exercise]) -> RenderableType:
    if not found:
        return Text("No exercise matches these filters.", style="yellow")
    table = Table(title=f"{len(found)} exercises", title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("pattern")
    table.add_column("level")
    table.add_column("equipment")
    table.add_column("primary muscles")
    for ex in found:
        table.add_row(
            ex.id,
            ex.name,
            ex.pattern,
            ex.level,
            ", ".join(ex.equipment),
            ", ".join(ex.primary_muscles),
        )
    return table


def _ids(ids: tuple[str, ...], catalog: Catalog) -> str:
    return ", ".join(f"{i} ({catalog.get(i).name})" for i in ids) if ids else "—"


def exercise_panel(ex: Exercise, catalog: Catalog) -> RenderableType:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    kind = "compound" if ex.compound else "isolation"
    side = "one side at a time" if ex.unilateral else "both sides"
    facts.add_row("id", ex.id)
    facts.add_row("pattern", f"{ex.pattern} ({kind}, {side})")
    facts.add_row("level", ex.level)
    facts.add_row("equipment", ", ".join(ex.equipment))
    facts.add_row("dosed in", ex.dose)
    facts.add_row("primary", ", ".join(ex.primary_muscles))
    facts.add_row("secondary", ", ".join(ex.secondary_muscles) or "—")
    facts.add_row("for runners", ", ".join(ex.runner_benefits))
    if ex.variation_of:
        facts.add_row("variation of", _ids((ex.variation_of,), catalog))
    variations = tuple(v.id for v in catalog.variations(ex.id))
    if variations:
        facts.add_row("variations", _ids(variations, catalog))
    facts.add_row("easier", _ids(ex.regressions, catalog))
    facts.add_row("harder", _ids(ex.progressions, catalog))
    if ex.cautions:
        facts.add_row("go easy with", ", ".join(ex.cautions) + " concerns")
    if ex.fit_category:
        facts.add_row("FIT category", ex.fit_category)

    cues = Text("Cues\n", style="bold green")
    for cue in ex.cues:
        cues.append(f"  • {cue}\n", style="default")
    faults = Text("Common faults\n", style="bold red")
    for fault in ex.faults:
        faults.append(f"  • {fault}\n", style="default")
    hint = Text("Open an easier or harder version with: runlift exercise ID", style="dim")
    return Panel(Group(facts, Text(), cues, faults, hint), title=ex.name, title_align="left")
