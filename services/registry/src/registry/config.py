from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import SettingsConfigDict

from cwm_kit.settings import ServiceSettings
from cwm_kit.tokens import SigningKey


class RegistrySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CWM_", extra="ignore")

    service_name: str = "registry"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cwm_registry"
    # PEM file of the EC P-256 private key that signs tokens. Local mode generates one when absent.
    signing_key_file: Path | None = None
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 7 * 24 * 3600
    service_token_ttl_seconds: int = 600
    # Clients allowed the client-credentials grant (calls between services).
    service_clients: str = "payroll,assessment,registry"
    login_max_failures: int = 5
    login_window_seconds: int = 900
    # Dashboard statistics (ADR 0006): answered from snapshots a background task refreshes every
    # `stats_refresh_seconds` while polled; no answer is older than `stats_max_age_seconds`. The snapshots are
    # computed from and read through `stats_database_url` (a read replica) when set, else the main database.
    stats_database_url: str | None = None
    stats_refresh_seconds: float = 20.0
    stats_max_age_seconds: float = 60.0
    stats_recheck_seconds: float = 1.0
    stats_idle_seconds: float = 600.0
    # The refresher process touches this file after each round that reached the database (its liveness probe:
    # `python -m cwm_kit.alive FILE SECONDS`); unset, it keeps no heartbeat.
    stats_heartbeat_file: str | None = None
    # Where the refresher runs (stats/refresher.py): `process` (its own, `python -m registry.stats.refresher`,
    # as devctl, compose and k8s start it), `thread` (inside each app process), or `off`.
    stats_refresher: Literal["process", "thread", "off"] = "thread"

    @model_validator(mode="after")
    def _require_key_outside_local(self) -> "RegistrySettings":
        if not self.is_local and (self.signing_key_file is None or not self.signing_key_file.exists()):
            raise ValueError("CWM_SIGNING_KEY_FILE must name an existing key file outside local mode")
        return self

    def load_signing_key(self) -> SigningKey:
        if self.signing_key_file is not None and self.signing_key_file.exists():
            return SigningKey.from_pem(self.signing_key_file.read_text())
        key = SigningKey.generate()
        if self.signing_key_file is not None:
            self.signing_key_file.parent.mkdir(parents=True, exist_ok=True)
            self.signing_key_file.write_text(key.private_pem)
            self.signing_key_file.chmod(0o600)
            return SigningKey.from_pem(key.private_pem)
        return key


@lru_cache
def get_settings() -> RegistrySettings:
    return RegistrySettings()
