import pytest
from pydantic import ValidationError

from registry.config import RegistrySettings


def test_refuses_to_start_without_a_signing_key_outside_local_mode(tmp_path):
    with pytest.raises(ValidationError, match="CWM_SIGNING_KEY_FILE"):
        RegistrySettings(environment="production", service_client_secret="s")
    with pytest.raises(ValidationError, match="CWM_SIGNING_KEY_FILE"):
        RegistrySettings(environment="production", service_client_secret="s",
                         signing_key_file=tmp_path / "missing.pem")


def test_local_mode_creates_and_then_reuses_its_key(tmp_path):
    settings = RegistrySettings(signing_key_file=tmp_path / "keys" / "signing.pem")
    first = settings.load_signing_key()
    second = settings.load_signing_key()
    assert first.kid == second.kid
    assert (tmp_path / "keys" / "signing.pem").stat().st_mode & 0o077 == 0
