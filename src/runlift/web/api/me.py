"""The signed-in user."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from runlift.web.deps import CurrentUser
from runlift.web.schemas import UserRead

router = APIRouter(tags=["me"])


@router.get("/me")
def me(user: CurrentUser) -> UserRead:
    return UserRead.model_validate(dataclasses.asdict(user))
