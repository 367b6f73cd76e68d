"""The form check's result, and its JSON contract (``docs/contracts.md`` §8, ``runlift.form/1``).

Fault kinds are the contract's ``depth``, ``trunk-lean``, ``knee-valgus``, ``hip-sag``,
``range`` and ``asymmetry``, plus the kinds this version adds for faults the contract's list
does not name: ``hip-pike`` (push-up, plank), ``hip-rotation`` (single-leg deadlift: the free
hip hikes or rotates open) and ``rounded-back`` (single-leg deadlift).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "runlift.form/1"
DEPTHS = ("above-parallel", "parallel", "below-parallel")
CONFIDENCES = ("possible", "likely")
FAULT_KINDS = (
    "depth",
    "trunk-lean",
    "knee-valgus",
    "hip-sag",
    "hip-pike",
    "range",
    "hip-rotation",
    "rounded-back",
    "asymmetry",
)


@dataclass(frozen=True)
class Rep:
    """One rep: times [s] from the first frame, the lowest main angle [deg] and the depth class.

    ``angle_min_deg`` is the knee for squat and lunge, the elbow for push-up and the hip hinge
    (180 − trunk from vertical) for the single-leg deadlift; the contract calls it
    ``knee_angle_min_deg`` for all of them.
    """

    start_s: float
    bottom_s: float
    end_s: float
    angle_min_deg: float
    depth: str | None = None
    faults: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fault:
    """A fault seen in some reps (1-based rep numbers; empty for a hold), with a coaching cue."""

    kind: str
    reps: tuple[int, ...]
    confidence: str
    message: str
    cue: str


@dataclass(frozen=True)
class FormResult:
    """What the form check found in one filmed set."""

    exercise: str
    view: str
    frames: int
    fps: float
    frames_with_pose: int
    reps: tuple[Rep, ...] = ()
    hold_s: float | None = None
    faults: tuple[Fault, ...] = ()
    technique: int = 3
    technique_reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # The main angle per frame, for drawing on the video (not in the contract): its name
    # ("knee", "elbow", "hinge") and values in degrees, NaN where it was not seen.
    angle_name: str = ""
    angle_deg: tuple[float, ...] = field(default=(), repr=False)

    @property
    def rep_count(self) -> int:
        return len(self.reps)

    @property
    def duration_s(self) -> float:
        return self.frames / self.fps if self.fps > 0 else 0.0

    def to_contract(self) -> dict[str, object]:
        """The ``runlift.form/1`` JSON object, with the technique's reasons added."""
        return {
            "schema": SCHEMA,
            "exercise": self.exercise,
            "view": self.view,
            "video": {
                "frames": self.frames,
                "fps": round(self.fps, 3),
                "duration_s": round(self.duration_s, 3),
            },
            "frames_with_pose": self.frames_with_pose,
            "rep_count": self.rep_count,
            "hold_s": None if self.hold_s is None else round(self.hold_s, 2),
            "reps": [
                {
                    "start_s": round(r.start_s, 3),
                    "bottom_s": round(r.bottom_s, 3),
                    "end_s": round(r.end_s, 3),
                    "knee_angle_min_deg": round(r.angle_min_deg, 1),
                    "depth": r.depth,
                    "faults": list(r.faults),
                }
                for r in self.reps
            ],
            "faults": [
                {
                    "kind": f.kind,
                    "reps": list(f.reps),
                    "confidence": f.confidence,
                    "message": f.message,
                    "cue": f.cue,
                }
                for f in self.faults
            ],
            "technique": self.technique,
            "technique_reasons": list(self.technique_reasons),
            "warnings": list(self.warnings),
        }
