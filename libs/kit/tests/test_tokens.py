import time

import pytest
from jose import jwt

from cwm_kit.tokens import InvalidToken, SigningKey, sign, verify

ISS, AUD = "cwm-registry", "cwm"


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def jwks(*keys: SigningKey) -> dict:
    return {"keys": [k.public_jwk() for k in keys]}


def test_round_trip_carries_claims(key):
    token, payload = sign(key, subject="u1", issuer=ISS, audience=AUD, ttl_seconds=60,
                          claims={"role": "auditor", "jurisdiction": "6401"})
    claims = verify(token, jwks(key), issuer=ISS, audience=AUD)
    assert claims["role"] == "auditor" and claims["jti"] == payload["jti"] and claims["typ"] == "access"


@pytest.mark.parametrize("case", ["expired", "audience", "issuer", "type", "other_key", "hs256", "unknown_kid"])
def test_verification_refuses(case, key):
    other = SigningKey.generate()
    kwargs = dict(subject="u", issuer=ISS, audience=AUD, ttl_seconds=60)
    if case == "expired":
        token = sign(key, **{**kwargs, "ttl_seconds": -1})[0]
    elif case == "audience":
        token = sign(key, **{**kwargs, "audience": "x"})[0]
    elif case == "issuer":
        token = sign(key, **{**kwargs, "issuer": "x"})[0]
    elif case == "type":
        token = sign(key, **kwargs, token_type="refresh")[0]
    elif case == "other_key":
        token = sign(SigningKey(kid=key.kid, private_pem=other.private_pem), **kwargs)[0]
    elif case == "unknown_kid":
        token = sign(other, **kwargs)[0]
    else:  # the classic confusion attack: HMAC keyed with the public key
        now = int(time.time())
        token = jwt.encode({"sub": "u", "iss": ISS, "aud": AUD, "iat": now, "exp": now + 60, "jti": "j",
                            "typ": "access"}, str(key.public_jwk()), algorithm="HS256", headers={"kid": key.kid})
    with pytest.raises(InvalidToken):
        verify(token, jwks(key), issuer=ISS, audience=AUD)


def test_pem_round_trip_keeps_a_stable_kid(key):
    again = SigningKey.from_pem(key.private_pem)
    assert again.kid == SigningKey.from_pem(key.private_pem).kid
    assert again.public_jwk()["x"] == key.public_jwk()["x"]
