"""Account use cases: users, bearer tokens, coach invites, and who may see which athlete.

Passwords are hashed with argon2id; tokens and invite codes are random and only their SHA-256 is
stored, so the clear value is shown once, when made. Each function is one unit of work.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from runlift.errors import BadInput, Conflict
from runlift.store.db import reads_without_transaction
from runlift.store.repos import utc_now
from runlift.store.tables import UserRow
from runlift.store.uow import Store

ROLES = ("athlete", "coach")
MIN_PASSWORD = 8
LOGIN_LINK_TTL = dt.timedelta(minutes=15)
OWNER_EMAIL = "owner@localhost"  # the account `runlift serve` makes for the CLI's athlete
# Row ids are INTEGER columns, 32-bit on PostgreSQL: a larger id in a URL cannot exist, and sending
# it to the database would fail the query (a 500) rather than find nothing (a 404).
MAX_ROW_ID = 2**31 - 1
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so both failures take the same time."""
    return _hasher.hash("not a password anyone has")


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: str
    athlete_id: int | None


@dataclass(frozen=True)
class AthleteRef:
    id: int
    name: str


def _user(row: UserRow) -> User:
    return User(row.id, row.email, row.name, row.role, row.athlete_id)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normal_email(email: str) -> str:
    clean = email.strip().lower()
    if "@" not in clean or clean.startswith("@") or clean.endswith("@") or len(clean) > 320:
        raise BadInput(f"email: expected an address like sam@example.org; got {email!r}")
    return clean


def create_user(
    store: Store,
    email: str,
    password: str,
    role: str,
    name: str = "",
    invite: str | None = None,
) -> User:
    """Make a user. An athlete gets an athlete row: the command line's one if it has no user
    yet (so the first athlete account owns the existing data), else a new one. An invite code
    links the new athlete to the coach who made it."""
    address = normal_email(email)
    if role not in ROLES:
        raise BadInput(f"role: expected athlete or coach; got {role!r}")
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"password: expected at least {MIN_PASSWORD} characters")
    if invite is not None and role != "athlete":
        raise BadInput("invite: an invite code is for an athlete joining a coach")
    name = name.strip() or address.split("@")[0]
    with store.unit_of_work() as uow:
        if uow.accounts.user_by_email(address) is not None:
            raise Conflict(f"email: {address} already has an account")
        invite_row = None
        if invite is not None:
            invite_row = uow.accounts.open_invite(digest(invite))
            if invite_row is None:
                raise BadInput("invite: unknown or already used invite code")
        athlete_id = None
        if role == "athlete":
            first = uow.athletes.the_athlete()
            if first is not None and not uow.accounts.athlete_has_user(first.id):
                athlete_id = first.id
            else:
                athlete_id = uow.athletes.add(name).id
        row = uow.accounts.add_user(address, name, role, _hasher.hash(password), athlete_id)
        if invite_row is not None and athlete_id is not None:
            uow.accounts.use_invite(invite_row, utc_now())
            uow.accounts.link(invite_row.coach_user_id, athlete_id)
        user = _user(row)
        uow.commit()
    return user


def authenticate(store: Store, email: str, password: str) -> User | None:
    """The user whose e-mail and password these are, or None."""
    try:
        address = normal_email(email)
    except BadInput:
        return None
    with store.unit_of_work() as uow:
        row = uow.accounts.user_by_email(address)
        try:
            _hasher.verify(row.password_hash if row else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(row) if row else None


def create_token(store: Store, user_id: int, name: str = "") -> tuple[int, str]:
    """A new bearer token for the user: (its id, the clear token, shown this once)."""
    token = "rl_" + secrets.token_urlsafe(32)
    with store.unit_of_work() as uow:
        row = uow.accounts.add_token(user_id, name.strip()[:100] or "api", digest(token))
        uow.commit()
        return row.id, token


def user_for_token(store: Store, token: str) -> User | None:
    """The token's user, or None: a SHA-256 and one indexed query (never argon2)."""
    with store.unit_of_work() as uow:
        reads_without_transaction(uow.session)
        row = uow.accounts.user_by_token(digest(token))
        return User(*row) if row else None


def revoke_token(store: Store, user_id: int, token_id: int) -> bool:
    if not 0 < token_id <= MAX_ROW_ID:
        return False
    with store.unit_of_work() as uow:
        found = uow.accounts.revoke_token(user_id, token_id)
        uow.commit()
    return found


def create_invite(store: Store, coach: User) -> str:
    """A one-use invite code from a coach."""
    if coach.role != "coach":
        raise BadInput("role: only a coach can invite athletes")
    code = secrets.token_urlsafe(12)
    with store.unit_of_work() as uow:
        uow.accounts.add_invite(coach.id, digest(code))
        uow.commit()
    return code


def accept_invite(store: Store, athlete_id: int, code: str) -> int:
    """Link the athlete to the coach whose invite this is; the coach's user id."""
    with store.unit_of_work() as uow:
        invite = uow.accounts.open_invite(digest(code))
        if invite is None:
            raise BadInput("code: unknown or already used invite code")
        uow.accounts.use_invite(invite, utc_now())
        uow.accounts.link(invite.coach_user_id, athlete_id)
        coach_id = invite.coach_user_id
        uow.commit()
    return coach_id


def reachable_athletes(store: Store, user: User) -> list[AthleteRef]:
    """The user's own athlete, then the athletes who accepted the user's invites."""
    with store.unit_of_work() as uow:
        rows = [a for a in [uow.athletes.get(user.athlete_id)] if a] if user.athlete_id else []
        rows += uow.accounts.coached_athletes(user.id)
        return [AthleteRef(a.id, a.name) for a in rows]


def owns(user: User, athlete_id: int) -> bool:
    """The user is this athlete: the part of ``can_reach`` that needs no query."""
    return user.athlete_id == athlete_id


def can_reach(store: Store, user: User, athlete_id: int) -> bool:
    """Authorisation in one place: an athlete reaches their own data, a coach their athletes."""
    if owns(user, athlete_id):
        return True
    if not 0 < athlete_id <= MAX_ROW_ID:
        return False
    with store.unit_of_work() as uow:
        return uow.accounts.coaches(user.id, athlete_id)


def user_by_id(store: Store, user_id: int) -> User | None:
    """The user a signed web session names (it may have been deleted since)."""
    with store.unit_of_work() as uow:
        row = uow.accounts.user(user_id)
        return _user(row) if row else None


def create_login_link(store: Store, user_id: int, ttl: dt.timedelta = LOGIN_LINK_TTL) -> str:
    """A one-time login token for the user (shown once; only its SHA-256 is kept)."""
    token = secrets.token_urlsafe(32)
    with store.unit_of_work() as uow:
        uow.accounts.add_login_link(user_id, digest(token), ttl)
        uow.commit()
    return token


def use_login_link(store: Store, token: str) -> User | None:
    """The user a login token is for, spending it; None when unknown, used or expired."""
    with store.unit_of_work() as uow:
        row = uow.accounts.use_login_link(digest(token), utc_now())
        user = _user(row) if row else None
        uow.commit()
    return user


def ensure_owner(store: Store) -> User | None:
    """The account owning the command line's athlete, made on first use so ``runlift serve``
    can print a login link; None when there is no athlete yet. The made account's password is
    random and never shown: the owner signs in with the link (and may set a password later)."""
    with store.unit_of_work() as uow:
        first = uow.athletes.the_athlete()
        if first is None:
            return None
        rows = uow.accounts.users_of_athlete(first.id)
        if rows:
            return _user(rows[0])
        row = uow.accounts.add_user(
            OWNER_EMAIL,
            first.name[:100] or "owner",
            "athlete",
            _hasher.hash(secrets.token_urlsafe(32)),
            first.id,
        )
        user = _user(row)
        uow.commit()
    return user


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    created_at: dt.datetime


def live_tokens(store: Store, user_id: int) -> list[TokenInfo]:
    """What the Profile page lists: each live token's id, name and date (the token is gone)."""
    with store.unit_of_work() as uow:
        return [TokenInfo(r.id, r.name, r.created_at) for r in uow.accounts.live_tokens(user_id)]
