"""What the message loop gives back for one FIT file, and how it stops when it cannot go on."""

from __future__ import annotations

from dataclasses import dataclass, field

from runlift.formats.fit.plans import Value


class ScanStop(Exception):
    """The data cannot be read past ``at``: ``reason`` says why (``truncated``: a cut file)."""

    def __init__(self, at: int, reason: str, truncated: bool) -> None:
        super().__init__(f"{reason} at byte {at}")
        self.at = at
        self.reason = reason
        self.truncated = truncated


@dataclass
class Messages:
    """What one FIT file holds that runlift reads. Record columns hold raw FIT values."""

    collected: dict[int, list[dict[str, Value]]] = field(default_factory=dict)
    rec_ts: list[int] = field(default_factory=list)  # FIT seconds; 0xFFFFFFFF when absent
    rec_hr: list[int] = field(default_factory=list)  # bpm; 0xFF when absent
    rec_dist: list[float] = field(default_factory=list)  # centimetres; 0xFFFFFFFF when absent

    def of(self, mesg_num: int) -> list[dict[str, Value]]:
        return self.collected.get(mesg_num, [])
