import json
import logging

import pytest
from pydantic import ValidationError

from cwm_kit.context import request_id_var
from cwm_kit.logs import JsonFormatter
from cwm_kit.settings import ServiceSettings


def test_development_secret_is_refused_outside_local_mode():
    assert ServiceSettings(environment="local").is_local
    with pytest.raises(ValidationError, match="CWM_SERVICE_CLIENT_SECRET"):
        ServiceSettings(environment="production")
    assert ServiceSettings(environment="production", service_client_secret="s3cret").environment == "production"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CWM_DATABASE_URL", "postgresql+asyncpg://u@db:5432/x")
    monkeypatch.setenv("CWM_TOKEN_AUDIENCE", "cwm-test")
    settings = ServiceSettings()
    assert settings.database_url.endswith("/x") and settings.token_audience == "cwm-test"


def test_log_lines_are_json_with_the_request_id():
    token = request_id_var.set("req-42")
    try:
        record = logging.LogRecord("cwm.test", logging.INFO, __file__, 1, "hello %s", ("世界",), None)
        line = json.loads(JsonFormatter("registry").format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "req-42" and line["msg"] == "hello 世界" and line["service"] == "registry"
