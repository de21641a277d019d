"""Tracking and verification codes of messages (查询码/验证码), the same scheme as applications (foi): a random
tracking code, a verification code shown once to the writer and stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I/L/O/U to misread
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
PREFIX = "LY"


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_tracking_code() -> str:
    """LY-XXXX-XXXX-XX (留言 + 10 random characters, 50 bits: one draw of 50 random bits, 5 per character)."""
    bits = secrets.randbits(50)
    raw = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(10))
    return f"{PREFIX}-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_verification_code() -> str:
    return _random(8)


def normalize(code: str) -> str:
    text = "".join((code or "").split()).upper().replace("－", "-").replace("-", "")
    if text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    text = text.translate(_CONFUSABLE)
    if len(text) != 10 or any(c not in ALPHABET for c in text):
        return ""
    return f"{PREFIX}-{text[:4]}-{text[4:8]}-{text[8:]}"


def normalize_verification(code: str) -> str:
    return "".join((code or "").split()).upper().translate(_CONFUSABLE)


def hash_verification(code: str) -> str:
    return salted_hmac(
        "gongkai.messages.verification",
        normalize_verification(code),
        secret=settings.SECRET_KEY,
        algorithm="sha256",
    ).hexdigest()


def check_verification(code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and constant_time_compare(hash_verification(code), stored_hash)


def contact_key(contact: str) -> str:
    """A keyed hash of the writer's contact, for the per-contact rate limit without indexing the contact itself."""
    norm = "".join((contact or "").split()).lower()
    return hmac.new(settings.SECRET_KEY.encode(), f"messages:{norm}".encode(), hashlib.sha256).hexdigest()
