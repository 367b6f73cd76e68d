"""Bearer tokens (sign in, revoke) and registration."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status

from runlift.app import accounts
from runlift.web.deps import CurrentUser, SettingsDep, StoreDep
from runlift.web.schemas import TokenCreate, TokenRead, UserCreate, UserCreated

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/tokens", status_code=status.HTTP_201_CREATED)
def create_token(body: TokenCreate, store: StoreDep, request: Request) -> TokenRead:
    client = request.client.host if request.client else "?"
    if not request.app.state.login_limiter.allow(body.email, client):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many attempts; wait a while")
    user = accounts.authenticate(store, body.email, body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong email or password")
    token_id, token = accounts.create_token(store, user.id, body.name or "")
    return TokenRead(token=token, id=token_id)


@router.delete("/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token_id: int, user: CurrentUser, store: StoreDep) -> Response:
    if not accounts.revoke_token(store, user.id, token_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "token not found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/register", status_code=status.HTTP_201_CREATED)
def register(body: UserCreate, store: StoreDep, settings: SettingsDep) -> UserCreated:
    if not settings.open_registration and not body.invite:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "invite: registration needs a coach's invite code"
        )
    user = accounts.create_user(
        store, body.email, body.password, body.role, body.name, invite=body.invite
    )
    return UserCreated(id=user.id, athlete_id=user.athlete_id)
