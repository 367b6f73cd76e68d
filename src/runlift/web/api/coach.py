"""Coaching: a coach makes invite codes; an athlete accepts one, and the coach may see them."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from runlift.app import accounts
from runlift.web.deps import AthleteAccess, CurrentUser, StoreDep
from runlift.web.schemas import CoachLinkRead, InviteAccept, InviteRead

router = APIRouter(tags=["coach"])


@router.post("/coach/invites", status_code=status.HTTP_201_CREATED)
def create_invite(user: CurrentUser, store: StoreDep) -> InviteRead:
    if user.role != "coach":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "role: only a coach can invite athletes")
    return InviteRead(code=accounts.create_invite(store, user))


@router.post("/athletes/{aid}/coaches", status_code=status.HTTP_201_CREATED)
def accept_invite(
    aid: AthleteAccess, body: InviteAccept, user: CurrentUser, store: StoreDep
) -> CoachLinkRead:
    if user.athlete_id != aid:
        # A coach reaches this athlete's data, but only the athlete picks their coaches.
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the athlete can accept an invite")
    coach_id = accounts.accept_invite(store, aid, body.code)
    return CoachLinkRead(coach_id=coach_id, athlete_id=aid)
