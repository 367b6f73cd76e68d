"""The web app's one settings class, read from ``RUNLIFT_*`` environment variables."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from runlift.config import database_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RUNLIFT_", extra="ignore")

    database_url: str = Field(default_factory=lambda: database_url(None))
    # Signs web sessions (cookies, later); required in production so no default key is ever used.
    secret_key: str | None = None
    production: bool = False
    allowed_hosts: list[str] = ["127.0.0.1", "localhost", "testserver"]
    open_registration: bool = False
    # Uploads (imports): caps against zip bombs and huge files.
    max_upload_bytes: int = 50 * 1024 * 1024
    max_zip_members: int = 2000
    max_uncompressed_bytes: int = 500 * 1024 * 1024
    max_compression_ratio: float = 100.0
    # Token creation (login) attempts per e-mail and client per window.
    login_attempts: int = 10
    login_window_s: float = 300.0

    @model_validator(mode="after")
    def _secret_in_production(self) -> Settings:
        if self.production and not self.secret_key:
            raise ValueError(
                "RUNLIFT_SECRET_KEY is required when RUNLIFT_PRODUCTION=1: set it to a long "
                "random string, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return self
