"""The one module that touches python-jose: signing (issuer only) and verification (every service).

Tokens are ES256 JWTs. Verification pins the algorithm, checks signature against the issuer's JWKS,
expiry, issuer and audience, and requires the claims the jurisdiction rule needs.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jose import jwk, jwt
from jose.exceptions import JOSEError

ALGORITHM = "ES256"
logger = logging.getLogger("cwm.tokens")


class InvalidToken(Exception):
    """The token failed verification; the message says why (never shown to clients verbatim)."""


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_pem: str

    @classmethod
    def generate(cls) -> "SigningKey":
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        return cls(kid=uuid.uuid4().hex[:16], private_pem=pem)

    @classmethod
    def from_pem(cls, pem: str, kid: str | None = None) -> "SigningKey":
        private = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(private, ec.EllipticCurvePrivateKey):
            raise ValueError("signing key must be an EC P-256 private key")
        public_der = private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        import hashlib

        return cls(kid=kid or hashlib.sha256(public_der).hexdigest()[:16], private_pem=pem)

    def public_jwk(self) -> dict[str, Any]:
        private = serialization.load_pem_private_key(self.private_pem.encode(), password=None)
        public_pem = private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        data = jwk.construct(public_pem, ALGORITHM).to_dict()
        data.update({"kid": self.kid, "use": "sig", "alg": ALGORITHM})
        return data


def sign(
    key: SigningKey,
    *,
    subject: str,
    issuer: str,
    audience: str,
    ttl_seconds: int,
    claims: dict[str, Any] | None = None,
    token_type: str = "access",
) -> tuple[str, dict[str, Any]]:
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": subject,
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
        "typ": token_type,
        **(claims or {}),
    }
    token = jwt.encode(payload, key.private_pem, algorithm=ALGORITHM, headers={"kid": key.kid})
    return token, payload


def verify(token: str, jwks: dict[str, Any], *, issuer: str, audience: str, token_type: str = "access") -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
    except JOSEError as exc:
        raise InvalidToken(f"malformed token: {exc}") from exc
    if header.get("alg") != ALGORITHM:
        raise InvalidToken(f"algorithm {header.get('alg')!r} not accepted")
    keys = {k.get("kid"): k for k in jwks.get("keys", [])}
    key = keys.get(header.get("kid"))
    if key is None:
        raise InvalidToken("unknown key id")
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require_exp": True, "require_iat": True, "require_aud": True, "require_iss": True,
                     "require_sub": True, "require_jti": True},
        )
    except JOSEError as exc:
        raise InvalidToken(str(exc)) from exc
    if claims.get("typ") != token_type:
        raise InvalidToken(f"token type {claims.get('typ')!r} where {token_type!r} expected")
    return claims


class JwksCache:
    """Fetches the issuer's JWKS and refreshes it when an unknown key id shows up (rate-limited)."""

    def __init__(self, url: str, *, static: dict[str, Any] | None = None, min_refresh_seconds: float = 10.0):
        self.url = url
        self._jwks: dict[str, Any] | None = static
        self._static = static is not None
        self._fetched_at = 0.0
        self._min_refresh = min_refresh_seconds
        self._lock = asyncio.Lock()

    async def _fetch(self) -> None:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(self.url)
            response.raise_for_status()
            self._jwks = response.json()
            self._fetched_at = time.monotonic()

    @property
    def has_keys(self) -> bool:
        return self._jwks is not None

    async def warm(self, retry_seconds: float = 2.0) -> None:
        """Fetches the keys ahead of the first request, asking again every `retry_seconds` until it has them. A
        process that fetched them while the issuer was up verifies tokens while it is down; without this, the
        second process of a service that had not served a request yet answered 503 during a registry outage."""
        while self._jwks is None:
            try:
                async with self._lock:
                    if self._jwks is None:
                        await self._fetch()
            except (httpx.HTTPError, ValueError) as exc:  # not up yet, or not answering keys: later
                logger.info("signing keys not fetched yet (%s); asking again in %s s", exc, retry_seconds)
                await asyncio.sleep(retry_seconds)

    # Verified tokens, so that a client's next request with the same token costs a dict lookup, not an ECDSA
    # verification: the claims are kept until the token's own expiry (checked on every hit) and only for the
    # issuer and audience they were verified for. Revocation is checked separately on every request.
    VERIFIED_MAX = 20_000

    def _remembered(self, token: str, issuer: str, audience: str) -> dict[str, Any] | None:
        cache = self.__dict__.setdefault("_verified", {})
        hit = cache.get(token)
        if hit is None or hit[0] != (issuer, audience):
            return None
        claims = hit[1]
        if claims.get("exp", 0) <= time.time():
            cache.pop(token, None)
            return None
        return claims

    def _remember(self, token: str, issuer: str, audience: str, claims: dict[str, Any]) -> dict[str, Any]:
        cache = self.__dict__.setdefault("_verified", {})
        if len(cache) >= self.VERIFIED_MAX:
            cache.clear()  # bounded; a full cache is simply rebuilt from the next requests
        cache[token] = ((issuer, audience), claims)
        return claims

    async def verify(self, token: str, *, issuer: str, audience: str) -> dict[str, Any]:
        remembered = self._remembered(token, issuer, audience)
        if remembered is not None:
            return dict(remembered)
        return dict(self._remember(token, issuer, audience, await self._verify(token, issuer=issuer,
                                                                               audience=audience)))

    async def _verify(self, token: str, *, issuer: str, audience: str) -> dict[str, Any]:
        if self._jwks is None:
            async with self._lock:
                if self._jwks is None:
                    await self._fetch()
        assert self._jwks is not None
        try:
            return verify(token, self._jwks, issuer=issuer, audience=audience)
        except InvalidToken as exc:
            if str(exc) != "unknown key id" or self._static:
                raise
            if time.monotonic() - self._fetched_at < self._min_refresh:
                raise
            async with self._lock:
                await self._fetch()
            return verify(token, self._jwks, issuer=issuer, audience=audience)


class RevocationList:
    """Sessions (`sid` claims) the registry has revoked: logged out, deactivated, role or jurisdiction changed,
    password reset (ADR 0004). Every service fetches the list from the registry and keeps it at most `max_age`
    seconds, so a revoked session's access tokens stop working everywhere within that time.

    `fetch` replaces the HTTP call (the registry reads its own table); `add` marks a session revoked in this
    process at once (the registry, the moment it revokes). When the registry cannot answer, the last list is
    kept and asked again after `retry_seconds`: revocations are made at the registry, so an outage delays only
    the ones made just before it (see the ADR).

    While the registry answers, a session revoked just after a fetch is refused at the first request past
    `max_age`, once the next fetch returns: within `max_age` + FETCH_TIMEOUT_SECONDS (20 + 5 s by default)."""

    FETCH_TIMEOUT_SECONDS = 5.0

    def __init__(self, url: str = "", *, max_age: float = 20.0, retry_seconds: float = 5.0,
                 fetch: Any = None, transport: httpx.AsyncBaseTransport | None = None):
        self.url = url
        self.max_age = max_age
        self.retry_seconds = retry_seconds
        self._fetch_override = fetch
        self._transport = transport
        self._sids: frozenset[str] = frozenset()
        self._local: dict[str, float] = {}
        self._fetched_at: float | None = None
        self._next_try = 0.0
        self._fetching: asyncio.Task[None] | None = None

    def add(self, sid: str) -> None:
        self._local[sid] = time.monotonic()

    async def _fetch(self) -> frozenset[str]:
        if self._fetch_override is not None:
            return frozenset(await self._fetch_override())
        if not self.url:
            return frozenset()
        async with httpx.AsyncClient(timeout=self.FETCH_TIMEOUT_SECONDS, transport=self._transport) as client:
            response = await client.get(self.url)
            response.raise_for_status()
            return frozenset(str(s) for s in response.json()["sids"])

    async def refresh(self) -> None:
        """Fetch the list unless it is younger than `max_age` or a failed fetch is waiting out `retry_seconds`.
        One fetch at a time: a caller arriving while one runs waits for that same fetch, and all of them resume
        together when it ends. (Behind an asyncio.Lock they resumed one after another, one turn of the event loop
        each: under 64 concurrent requests that queue took up to 1.5 s every `max_age`.)"""
        fetching = self._fetching
        if fetching is None or fetching.done() or fetching.get_loop() is not asyncio.get_running_loop():
            now = time.monotonic()
            if (self._fetched_at is not None and now - self._fetched_at < self.max_age) or now < self._next_try:
                return
            fetching = self._fetching = asyncio.ensure_future(self._fetch_once(now))
        # Shielded: a caller that gives up (its client went away) does not cancel the fetch the others wait for.
        await asyncio.shield(fetching)

    async def _fetch_once(self, now: float) -> None:
        try:
            # A whole fetch, not each of its steps, is bounded: the refusal bound above holds.
            self._sids = await asyncio.wait_for(self._fetch(), self.FETCH_TIMEOUT_SECONDS)
        except Exception as exc:  # noqa: BLE001 — any failure keeps the last list (ADR 0004)
            self._next_try = now + self.retry_seconds
            logger.warning("revocation list unavailable (%s); keeping the last one", exc)
            return
        self._fetched_at = now
        # Local additions older than a fetch are in the fetched list (or expired): forget them.
        self._local = {sid: at for sid, at in self._local.items() if at > now - self.max_age * 2}

    async def is_revoked(self, sid: str) -> bool:
        if sid in self._local:
            return True
        if self._fetched_at is None or time.monotonic() - self._fetched_at >= self.max_age:
            await self.refresh()
        return sid in self._sids
