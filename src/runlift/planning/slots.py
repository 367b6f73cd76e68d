"""What each session is made of: named slots, and the session templates that list them.

A slot says what kind of exercise fills it (patterns, one- or two-sided, a muscle it must hit) and
which weekly balance rule it serves. Templates spread the week's must-haves over its sessions, so
one session a week covers everything, two split it, and three add a lighter third day.
"""

from __future__ import annotations

from dataclasses import dataclass

from runlift.catalog import Exercise
from runlift.catalog.vocab import BLOCKS as BLOCK_ORDER


@dataclass(frozen=True)
class SlotSpec:
    key: str
    block: str
    patterns: tuple[str, ...]  # in order of preference
    purpose: str  # the rationale's first words
    unilateral: bool | None = None  # None: either
    muscle: str | None = None  # a primary muscle the exercise must have
    not_muscle: str | None = None  # a primary muscle it must not have
    compound: bool | None = None

    def fits(self, ex: Exercise) -> bool:
        if ex.pattern not in self.patterns:
            return False
        if self.unilateral is not None and ex.unilateral != self.unilateral:
            return False
        if self.muscle and self.muscle not in ex.primary_muscles:
            return False
        if self.not_muscle and self.not_muscle in ex.primary_muscles:
            return False
        return self.compound is None or ex.compound == self.compound


def _slots(*specs: SlotSpec) -> dict[str, SlotSpec]:
    return {s.key: s for s in specs}


SLOTS: dict[str, SlotSpec] = _slots(
    SlotSpec("warmup-1", "warmup", ("mobility",), "Warm-up: opens the hips and ankles"),
    SlotSpec("warmup-2", "warmup", ("mobility",), "Warm-up: rehearses the session's movements"),
    SlotSpec("plyo", "power", ("plyometric",), "Plyometrics: stiffer, springier legs"),
    SlotSpec("knee-main", "main", ("squat", "lunge"), "Knee-dominant main lift", compound=True),
    SlotSpec(
        "hip-main", "main", ("hinge", "single-leg-hinge"), "Hip-dominant main lift", compound=True
    ),
    SlotSpec("knee-single", "main", ("lunge",), "Single-leg knee-dominant lift", unilateral=True),
    SlotSpec("hip-single", "main", ("single-leg-hinge",), "Single-leg hinge", unilateral=True),
    SlotSpec("bridge", "accessory", ("hinge",), "Hip extension for the glutes", compound=None),
    SlotSpec("pull-h", "accessory", ("pull-horizontal",), "Horizontal pull for the upper back"),
    SlotSpec("pull-v", "accessory", ("pull-vertical", "pull-horizontal"), "Vertical pull"),
    SlotSpec("pull-extra", "accessory", ("pull-horizontal",), "Upper-back and posture work"),
    SlotSpec("push-h", "accessory", ("push-horizontal",), "Horizontal push"),
    SlotSpec("push-v", "accessory", ("push-vertical", "push-horizontal"), "Overhead push"),
    SlotSpec("core-ext", "core", ("core-anti-extension",), "Anti-extension core"),
    SlotSpec("core-rot", "core", ("core-anti-rotation",), "Anti-rotation core"),
    SlotSpec("core-lat", "core", ("core-anti-lateral", "carry"), "Lateral core"),
    SlotSpec(
        "calf-straight",
        "prehab",
        ("calf",),
        "Straight-knee calf raise (gastrocnemius)",
        muscle="calves",
        not_muscle="soleus",
    ),
    SlotSpec("calf-bent", "prehab", ("calf",), "Bent-knee calf raise (soleus)", muscle="soleus"),
    SlotSpec("abduction", "prehab", ("hip-abduction",), "Hip abductors (glute medius)"),
    SlotSpec("abduction-2", "prehab", ("hip-abduction",), "Extra hip-abductor work"),
    SlotSpec("ham-curl", "prehab", ("hamstring-curl",), "Hamstring curl for the hamstrings"),
    SlotSpec("tibialis", "prehab", ("calf",), "Tibialis raise for the shins", muscle="tibialis"),
    SlotSpec("foot", "prehab", ("calf", "mobility"), "Foot strength", muscle="feet"),
)

# Session templates: the slots of each session, by how many sessions the week has.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "A": (
        "warmup-1",
        "warmup-2",
        "plyo",
        "knee-main",
        "hip-single",
        "pull-h",
        "push-h",
        "core-ext",
        "core-lat",
        "calf-straight",
        "abduction",
    ),
    "B": (
        "warmup-1",
        "warmup-2",
        "plyo",
        "hip-main",
        "knee-single",
        "pull-v",
        "push-v",
        "core-rot",
        "calf-bent",
        "ham-curl",
    ),
    "C": (
        "warmup-1",
        "plyo",
        "knee-single",
        "bridge",
        "pull-extra",
        "push-h",
        "core-ext",
        "abduction",
    ),
    "F": (
        "warmup-1",
        "plyo",
        "knee-main",
        "hip-single",
        "pull-h",
        "push-h",
        "core-ext",
        "core-rot",
        "core-lat",
        "calf-straight",
        "calf-bent",
        "abduction",
    ),
    "R": ("warmup-1", "pull-h", "push-h", "core-ext", "core-lat", "abduction"),
}
TITLES = {
    "A": "Strength A: squat and single-leg hinge",
    "B": "Strength B: hinge and lunge",
    "C": "Strength C: single-leg and hips",
    "F": "Full-body strength",
    "R": "Race-week activation",
}
# Extra slots an area of concern adds (docs/science.md, Targeted prevention), by template.
CONCERN_SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "knee": {"B": ("abduction-2",), "F": ()},
    "hip": {"B": ("abduction-2",), "F": ()},
    "hamstring": {"A": ("ham-curl",), "F": ("ham-curl",)},
    "shin": {"A": ("tibialis",), "F": ("tibialis",)},
    "foot": {"B": ("foot",), "F": ("foot",)},
    "achilles-calf": {},
    "lower-back": {},
}


# Extra slots a focus adds (docs/science.md: form = unilateral, hip-abductor, anti-rotation and
# upper-back posture work).
FOCUS_SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "form": {
        "A": ("pull-extra", "core-rot"),
        "B": ("abduction-2", "pull-extra"),
        "F": ("pull-extra",),
    },
}


def templates_for(count: int, phase: str) -> list[str]:
    """Which templates a week with ``count`` sessions uses, in order."""
    if phase == "race":
        return ["R"] * count
    return {0: [], 1: ["F"], 2: ["A", "B"], 3: ["A", "B", "C"]}[count]


def slot_keys(template: str, concerns: tuple[str, ...], focus: str = "power") -> tuple[str, ...]:
    """The template's slots plus any its focus and concerns add, in block order."""
    keys = list(TEMPLATES[template])
    extras = [FOCUS_SLOTS.get(focus, {}).get(template, ())]
    extras += [CONCERN_SLOTS.get(c, {}).get(template, ()) for c in concerns]
    for extra in (k for group in extras for k in group):
        if extra not in keys:
            keys.append(extra)
    return tuple(sorted(keys, key=lambda k: BLOCK_ORDER.index(SLOTS[k].block)))
