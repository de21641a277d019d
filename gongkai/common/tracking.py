"""Tracking and verification codes (查询码/验证码) of what the public sends in: applications (foi), messages,
找错 reports (errata).

The tracking code is random (10 Crockford base32 characters, 50 bits: no I/L/O/U to misread), so codes cannot be
guessed or enumerated; the verification code (8 characters, 40 bits) is shown once and stored only as a keyed hash.
Each app has its ``CodeScheme``: its prefix (``YSQ``, ``LY``, ``ZC``), the salt and key of its hash.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_DASHES = ("－", "—")


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def _secret_key() -> str:
    return settings.SECRET_KEY


@dataclass(frozen=True)
class CodeScheme:
    """One app's codes: ``PREFIX-XXXX-XXXX-XX`` and a verification code hashed with ``salt`` under ``key()``."""

    prefix: str
    salt: str
    key: Callable[[], str] = _secret_key
    algorithm: str = "sha256"

    def new_tracking_code(self) -> str:
        raw = _random(10)
        return f"{self.prefix}-{raw[:4]}-{raw[4:8]}-{raw[8:]}"

    def new_verification_code(self) -> str:
        return _random(8)

    def normalize(self, code: str) -> str:
        """What the person typed → the stored form (upper case, no spaces, confusable letters mapped); "" when it
        cannot be a code of this scheme."""
        text = "".join((code or "").split()).upper()
        for dash in _DASHES:
            text = text.replace(dash, "-")
        text = text.replace("-", "")
        if text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        text = text.translate(_CONFUSABLE)
        if len(text) != 10 or any(c not in ALPHABET for c in text):
            return ""
        return f"{self.prefix}-{text[:4]}-{text[4:8]}-{text[8:]}"

    @staticmethod
    def normalize_verification(code: str) -> str:
        return "".join((code or "").split()).upper().translate(_CONFUSABLE)

    def hash_verification(self, code: str) -> str:
        return salted_hmac(
            self.salt, self.normalize_verification(code), secret=self.key(), algorithm=self.algorithm
        ).hexdigest()

    def check_verification(self, code: str, stored_hash: str) -> bool:
        return bool(stored_hash) and constant_time_compare(self.hash_verification(code), stored_hash)
