"""The web app's one settings class, read from ``RUNLIFT_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

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
    # Where uploads wait for their import job. Every server worker must see it (one machine's
    # disk, or a volume shared by every machine): a job may be taken by any of them. Default:
    # ``uploads`` beside a SQLite database, else in the user data directory.
    upload_dir: Path | None = None
    # Form check videos (web): the upload cap, the longest clip analysed, and where the annotated
    # clips are kept (``form_check_dir``, default ``form-checks`` beside the upload folder); like
    # the uploads, every server worker must see that folder.
    max_form_video_bytes: int = 200 * 1024 * 1024
    max_form_video_s: float = 300.0
    form_check_dir: Path | None = None
    # A running import whose worker has not reported for this long is handed to another worker.
    import_stale_s: float = 600.0
    # Token creation (login) attempts per e-mail and client per window.
    login_attempts: int = 10
    login_window_s: float = 300.0

    @property
    def upload_root(self) -> Path:
        """The folder that holds the uploads (``upload_dir``, or its default)."""
        if self.upload_dir is not None:
            return self.upload_dir
        try:
            url = make_url(self.database_url)
        except Exception:  # the store reports a bad URL; uploads go to the default place
            url = None
        sqlite = url is not None and url.drivername.startswith("sqlite")
        if sqlite and url is not None and url.database and url.database != ":memory:":
            return Path(url.database).expanduser().resolve().parent / "uploads"
        return Path(user_data_dir("runlift", appauthor=False)) / "uploads"

    @property
    def form_check_root(self) -> Path:
        """The folder of the form checks' annotated clips and the videos waiting for a check."""
        if self.form_check_dir is not None:
            return self.form_check_dir
        return self.upload_root.parent / "form-checks"

    @model_validator(mode="after")
    def _secret_in_production(self) -> Settings:
        if self.production and not self.secret_key:
            raise ValueError(
                "RUNLIFT_SECRET_KEY is required when RUNLIFT_PRODUCTION=1: set it to a long "
                "random string, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return self
