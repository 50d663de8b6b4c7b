"""Pre-minted client JWTs for the HTTP benchmarks: ES384, a unique ``jti`` on every token.

wrk cannot sign, so the tokens are minted before a run, enough for the fastest rate the run
can reach (the no-op's, measured first), and sent at most once each (see the Lua scripts).
Minting is spread over processes when there are many: an ES384 signature costs ~0.4 ms.
Every token is valid for ``TOKEN_LIFETIME`` seconds from minting; ``check_lifetime`` refuses
a run that could outlive its tokens (they would then fail as expired, not measure).
"""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization

from cds_service.web.auth import MAX_LIFETIME_SECONDS

TOKEN_LIFETIME = min(3000, MAX_LIFETIME_SECONDS)  # seconds: exp - iat, within what is accepted
CHUNK = 2000  # tokens per minting task


def _mint(args: tuple[bytes, str, str, str, str, int, str, int, int]) -> list[str]:
    pem, kid, jku, iss, aud, iat, prefix, start, count = args
    key = serialization.load_pem_private_key(pem, password=None)
    header = {"kid": kid, "jku": jku, "typ": "JWT"}
    return [jwt.encode({"iss": iss, "aud": aud, "iat": iat, "exp": iat + TOKEN_LIFETIME,
                        "jti": f"{prefix}-{start + i:09d}"}, key, algorithm="ES384",
                       headers=header)
            for i in range(count)]


def mint_tokens(private_key: Any, kid: str, jku: str, iss: str, aud: str, count: int, *,
                processes: int | None = None) -> tuple[list[str], int]:
    """``count`` ES384 tokens for ``aud``, each with its own ``jti`` (a random prefix for this
    pool, then the token's number); returns them and their ``iat`` (epoch seconds)."""
    pem = private_key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    iat = int(time.time())
    prefix = uuid.uuid4().hex
    tasks = [(pem, kid, jku, iss, aud, iat, prefix, start, min(CHUNK, count - start))
             for start in range(0, count, CHUNK)]
    workers = min(processes or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        chunks = [_mint(t) for t in tasks]
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            chunks = list(pool.map(_mint, tasks))
    return [t for chunk in chunks for t in chunk], iat


def check_lifetime(iat: int, seconds_needed: float) -> None:
    """Raise if tokens issued at ``iat`` could expire before ``seconds_needed`` from now."""
    left = iat + TOKEN_LIFETIME - time.time()
    if left < seconds_needed + 60:
        raise RuntimeError(f"the token pool expires in {left:.0f} s, the run needs "
                           f"{seconds_needed:.0f} s: mint it again")
