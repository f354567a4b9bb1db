"""Settings every service shares, read from environment variables with safe local defaults."""

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_POOL_SIZE = 10


class ServiceSettings(BaseSettings):
    """Base settings; each service subclasses with its own `env_prefix` defaults."""

    model_config = SettingsConfigDict(env_prefix="CWM_", extra="ignore")

    # "local" allows the development defaults below; anything else refuses them.
    environment: str = "local"
    service_name: str = "service"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cwm"
    # Connections each process keeps open to it (CWM_DB_POOL_SIZE); a request beyond them waits for one. Every
    # process of every service keeps its own: size them together under the server's max_connections.
    db_pool_size: int = Field(default=DEFAULT_POOL_SIZE, ge=1, le=200)

    # Token verification: every service checks signature (JWKS), issuer, audience, expiry.
    token_issuer: str = "cwm-registry"
    token_audience: str = "cwm"
    jwks_url: str = "http://127.0.0.1:8001/v1/auth/.well-known/jwks.json"
    # Revoked sessions (sid): fetched from the registry, kept at most this long (ADR 0004). The URL defaults
    # to the registry's /v1/auth/revocations. Issue 11 wants a revoked session refused everywhere within 60 s:
    # that takes this age plus one fetch (at most RevocationList.FETCH_TIMEOUT_SECONDS), so it is capped at 50.
    revocations_url: str | None = None
    revocation_max_age_seconds: float = Field(default=20.0, gt=0, le=50)

    # Service-to-service calls go through the internal URLs, carrying a token.
    registry_url: str = "http://127.0.0.1:8001"
    payroll_url: str = "http://127.0.0.1:8002"
    assessment_url: str = "http://127.0.0.1:8003"
    # Client credentials this service uses to obtain a service token from the registry.
    service_client_secret: str = "local-dev-service-secret"

    # Self-service answers stored per worker and sent again while their inputs are unchanged (ADR 0011,
    # cwm_kit.ready). CWM_READY_ANSWERS=false computes every answer (the benchmark's "computed" figures).
    ready_answers: bool = True

    max_body_bytes: int = 10 * 1024 * 1024
    log_level: str = "INFO"

    @property
    def revocation_list_url(self) -> str:
        return self.revocations_url or f"{self.registry_url.rstrip('/')}/v1/auth/revocations"

    @property
    def is_local(self) -> bool:
        return self.environment == "local"

    @model_validator(mode="after")
    def _refuse_dev_secrets_outside_local(self) -> "ServiceSettings":
        if not self.is_local and self.service_client_secret == "local-dev-service-secret":
            raise ValueError(
                "CWM_SERVICE_CLIENT_SECRET must be set outside local mode (refusing the development default)"
            )
        return self
