"""Request and response models: create, update and read kept apart, as the API contract says.

Plan, history and report bodies are the contract documents themselves (rendered by
``runlift.formats``), so they have no model here: one renderer, not two.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The days the API takes, in bodies and queries. Reports model every day from the first logged one,
# so a run dated in year 1 made each later report take seconds and megabytes, and a last day of
# 9999-12-31 overflowed the date arithmetic (a 500): both are refused up front, naming the field.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


class TokenCreate(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)
    name: str | None = Field(default=None, max_length=100)


class TokenRead(BaseModel):
    token: str
    id: int


class UserCreate(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(min_length=8, max_length=1000)
    name: str = Field(default="", max_length=100)
    role: Literal["athlete", "coach"]
    invite: str | None = None


class UserCreated(BaseModel):
    id: int
    athlete_id: int | None


class UserRead(BaseModel):
    id: int
    email: str
    name: str
    role: Literal["athlete", "coach"]
    athlete_id: int | None


class AthleteRead(BaseModel):
    id: int
    name: str


class PlanCreated(BaseModel):
    plan_id: int | None


class RunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date = Field(ge=FIRST_DAY, le=LAST_DAY)
    distance_m: float = Field(gt=0, le=1_000_000)
    timer_s: float = Field(gt=0, le=30 * 86400)
    avg_hr_bpm: float | None = None
    srpe: float | None = None


class SetCreate(BaseModel):
    """One set as the history contract (§4) writes it."""

    model_config = ConfigDict(extra="forbid")

    exercise_id: str = Field(max_length=120)
    order: int | None = None
    reps: int | None = Field(default=None, ge=1, le=1000)
    duration_s: float | None = Field(default=None, gt=0, le=3600)
    contacts: int | None = Field(default=None, ge=1, le=1000)
    load_kg: float | None = Field(default=None, ge=0, le=1000)
    rpe: float | None = Field(default=None, ge=0, le=10)
    side: Literal["both", "left", "right"] = "both"
    warmup: bool = False
    technique: int | None = Field(default=None, ge=1, le=5)


class StrengthSessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date = Field(ge=FIRST_DAY, le=LAST_DAY)
    duration_min: float | None = None
    srpe: float | None = None
    planned_session_id: str | None = Field(default=None, max_length=40)
    sets: list[SetCreate | str] = Field(min_length=1, max_length=500)


class InviteRead(BaseModel):
    code: str


class InviteAccept(BaseModel):
    code: str = Field(max_length=100)


class CoachLinkRead(BaseModel):
    coach_id: int
    athlete_id: int


class ImportCreated(BaseModel):
    id: str


class ImportFileRead(BaseModel):
    name: str
    outcome: str  # imported | repaired | duplicate | rejected | skipped
    message: str


class ImportRead(BaseModel):
    state: Literal["queued", "running", "done"]
    files: list[ImportFileRead]
