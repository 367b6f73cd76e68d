"""A form check's result in a runner's words, shared by ``runlift form`` and the web page.

Plain strings only (no terminal markup, no HTML): the command line prints them in a table, the web
page puts them in one, and both say the same thing.
"""

from __future__ import annotations

from runlift.formcheck.result import Fault, FormResult

DEPTH_WORDS = {
    "below-parallel": "below parallel",
    "parallel": "about parallel",
    "above-parallel": "above parallel",
}
ANGLE_WORDS = {"knee": "knee", "elbow": "elbow", "hinge": "hip hinge"}
NO_FAULTS = "No faults found."
RATING = "Suggested technique rating"


def title(r: FormResult) -> str:
    """``Squat, filmed from the side``."""
    return f"{r.exercise.replace('-', ' ').capitalize()}, filmed from the {r.view}"


def frames_seen(r: FormResult) -> str:
    return f"{r.frames_with_pose} of {r.frames} frames with a person"


def count(r: FormResult) -> str:
    """``3 reps``, ``1 rep``, or ``Held 31.5 s`` for a hold."""
    if r.hold_s is not None:
        return f"Held {r.hold_s:.1f} s"
    return f"{r.rep_count} rep{'' if r.rep_count == 1 else 's'}"


def rep_columns(r: FormResult) -> tuple[str, ...]:
    angle = ANGLE_WORDS.get(r.angle_name, "main")
    return ("rep", "time", f"lowest {angle} angle", "depth", "faults")


def rep_rows(r: FormResult) -> list[tuple[str, ...]]:
    """One row per rep, in the order of ``rep_columns``."""
    return [
        (
            str(n),
            f"{rep.start_s:.1f}–{rep.end_s:.1f} s",
            f"{rep.angle_min_deg:.0f}°",
            DEPTH_WORDS.get(rep.depth or "", "–"),
            ", ".join(k.replace("-", " ") for k in rep.faults) or "–",
        )
        for n, rep in enumerate(r.reps, start=1)
    ]


def fault_head(f: Fault) -> str:
    """``Likely: the knees cave in``: its confidence and message."""
    return f"{f.confidence.capitalize()}: {f.message}"


def fault_where(f: Fault) -> str:
    """`` (reps 1, 3)``, or nothing for a hold."""
    return f" (reps {', '.join(map(str, f.reps))})" if f.reps else ""


def cue(f: Fault) -> str:
    return f"Cue: {f.cue}"


def says_no_faults(r: FormResult) -> bool:
    """True when reps (or a hold) were seen and nothing was wrong with them."""
    return not r.faults and bool(r.reps or r.hold_s)


def rating(r: FormResult) -> str:
    return f"{RATING}: {r.technique} of 5"


def note(warning: str) -> str:
    return f"Note: {warning}"
