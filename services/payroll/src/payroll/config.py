from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from cwm_kit.settings import ServiceSettings


class PayrollSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CWM_", extra="ignore")

    service_name: str = "payroll"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cwm_payroll"
    # Client id payroll presents for service tokens (client-credentials grant at the registry).
    service_client_id: str = "payroll"
    # Timeout for calls to the registry and assessment services.
    upstream_timeout_seconds: float = 30.0
    # The grade projection (ADR 0005): a stored row older than this is read again from the live feeds.
    grade_projection_max_age_seconds: float = 900.0
    # The job worker (`python -m payroll.worker`) touches this file each time its database answers, every
    # worker_heartbeat_seconds (its liveness probe: `python -m cwm_kit.alive FILE SECONDS`); unset, none is kept.
    worker_heartbeat_file: str | None = None
    worker_heartbeat_seconds: float = 10.0


@lru_cache
def get_settings() -> PayrollSettings:
    return PayrollSettings()
