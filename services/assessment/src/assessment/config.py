from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from cwm_kit.settings import ServiceSettings


class AssessmentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CWM_", extra="ignore")

    service_name: str = "assessment"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cwm_assessment"


@lru_cache
def get_settings() -> AssessmentSettings:
    return AssessmentSettings()
