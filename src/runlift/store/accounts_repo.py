"""Accounts: users, API tokens, coach links and invites. Adds and queries; never commits."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.orm import Session

from runlift.store.repos import _utc, utc_now
from runlift.store.tables import (
    ApiTokenRow,
    AthleteRow,
    CoachLinkRow,
    InviteRow,
    LoginLinkRow,
    UserRow,
)


class AccountRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add_user(
        self, email: str, name: str, role: str, password_hash: str, athlete_id: int | None
    ) -> UserRow:
        row = UserRow(
            email=email,
            name=name,
            role=role,
            password_hash=password_hash,
            athlete_id=athlete_id,
            created_at=utc_now(),
        )
        self.s.add(row)
        self.s.flush()
        return row

    def user(self, user_id: int) -> UserRow | None:
        return self.s.get(UserRow, user_id)

    def user_by_email(self, email: str) -> UserRow | None:
        return self.s.scalars(select(UserRow).where(UserRow.email == email)).first()

    def athlete_has_user(self, athlete_id: int) -> bool:
        query = select(UserRow.id).where(UserRow.athlete_id == athlete_id).limit(1)
        return self.s.scalars(query).first() is not None

    def users_of_athlete(self, athlete_id: int) -> list[UserRow]:
        query = select(UserRow).where(UserRow.athlete_id == athlete_id).order_by(UserRow.id)
        return list(self.s.scalars(query))

    def add_token(self, user_id: int, name: str, token_hash: str) -> ApiTokenRow:
        row = ApiTokenRow(
            user_id=user_id, name=name, token_hash=token_hash, created_at=utc_now(), revoked=False
        )
        self.s.add(row)
        self.s.flush()
        return row

    def user_by_token(self, token_hash: str) -> tuple[int, str, str, str, int | None] | None:
        """The (id, email, name, role, athlete_id) of the token's user: one query on the unique
        token hash, read as a Core row (this runs on every API request)."""
        row = self.s.connection().execute(_user_by_token(), {"token_hash": token_hash}).first()
        if row is None:
            return None
        user_id, email, name, role, athlete_id = row
        return user_id, email, name, role, athlete_id

    def revoke_token(self, user_id: int, token_id: int) -> bool:
        """Revoke one of the user's own tokens; False when it is not theirs or not there."""
        result = self.s.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id, ApiTokenRow.user_id == user_id)
            .values(revoked=True)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def add_invite(self, coach_user_id: int, code_hash: str) -> InviteRow:
        row = InviteRow(code_hash=code_hash, coach_user_id=coach_user_id, created_at=utc_now())
        self.s.add(row)
        self.s.flush()
        return row

    def open_invite(self, code_hash: str) -> InviteRow | None:
        query = select(InviteRow).where(
            InviteRow.code_hash == code_hash, InviteRow.used_at.is_(None)
        )
        return self.s.scalars(query).first()

    def use_invite(self, invite: InviteRow, at: dt.datetime) -> None:
        invite.used_at = at
        self.s.flush()

    def link(self, coach_user_id: int, athlete_id: int) -> CoachLinkRow:
        existing = self.s.scalars(
            select(CoachLinkRow).where(
                CoachLinkRow.coach_user_id == coach_user_id, CoachLinkRow.athlete_id == athlete_id
            )
        ).first()
        if existing is not None:
            return existing
        row = CoachLinkRow(
            coach_user_id=coach_user_id, athlete_id=athlete_id, accepted_at=utc_now()
        )
        self.s.add(row)
        self.s.flush()
        return row

    def coached_athletes(self, coach_user_id: int) -> list[AthleteRow]:
        query = (
            select(AthleteRow)
            .join(CoachLinkRow, CoachLinkRow.athlete_id == AthleteRow.id)
            .where(CoachLinkRow.coach_user_id == coach_user_id)
            .order_by(AthleteRow.id)
        )
        return list(self.s.scalars(query))

    def coaches(self, coach_user_id: int, athlete_id: int) -> bool:
        query = select(CoachLinkRow.id).where(
            CoachLinkRow.coach_user_id == coach_user_id, CoachLinkRow.athlete_id == athlete_id
        )
        return self.s.scalars(query).first() is not None

    def coaches_of(self, athlete_id: int) -> list[UserRow]:
        """The coaches linked to an athlete, in the order they were accepted."""
        query = (
            select(UserRow)
            .join(CoachLinkRow, CoachLinkRow.coach_user_id == UserRow.id)
            .where(CoachLinkRow.athlete_id == athlete_id)
            .order_by(CoachLinkRow.accepted_at, CoachLinkRow.id)
        )
        return list(self.s.scalars(query))

    def unlink(self, coach_user_id: int, athlete_id: int) -> bool:
        result = self.s.execute(
            delete(CoachLinkRow).where(
                CoachLinkRow.coach_user_id == coach_user_id, CoachLinkRow.athlete_id == athlete_id
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def live_tokens(self, user_id: int) -> list[ApiTokenRow]:
        """The user's tokens not yet revoked, newest first (their hashes, never the tokens)."""
        query = (
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user_id, ApiTokenRow.revoked.is_(False))
            .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id.desc())
        )
        return list(self.s.scalars(query))

    def add_login_link(self, user_id: int, token_hash: str, ttl: dt.timedelta) -> LoginLinkRow:
        now = utc_now()
        row = LoginLinkRow(
            user_id=user_id, token_hash=token_hash, created_at=now, expires_at=now + ttl
        )
        self.s.add(row)
        self.s.flush()
        return row

    def use_login_link(self, token_hash: str, at: dt.datetime) -> UserRow | None:
        """The link's user, marking it used; None when unknown, used or expired."""
        row = self.s.scalars(
            select(LoginLinkRow).where(
                LoginLinkRow.token_hash == token_hash, LoginLinkRow.used_at.is_(None)
            )
        ).first()
        if row is None or _utc(row.expires_at) <= at:
            return None
        row.used_at = at
        self.s.flush()
        return self.user(row.user_id)


@functools.cache
def _user_by_token() -> Select[*tuple[Any, ...]]:
    """``user_by_token``'s statement, built once (parameter ``token_hash``)."""
    return (
        select(UserRow.id, UserRow.email, UserRow.name, UserRow.role, UserRow.athlete_id)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(ApiTokenRow.token_hash == bindparam("token_hash"), ApiTokenRow.revoked.is_(False))
    )
