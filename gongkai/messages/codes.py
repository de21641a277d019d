"""Tracking and verification codes of messages (查询码/验证码), the same scheme as applications (foi): a random
tracking code, a verification code shown once to the writer and stored only as a keyed hash
(``gongkai.common.tracking``)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from gongkai.common.tracking import CodeScheme

PREFIX = "LY"
SCHEME = CodeScheme(PREFIX, "gongkai.messages.verification", algorithm="sha256")


def new_tracking_code() -> str:
    """LY-XXXX-XXXX-XX (留言 + 10 random characters, 50 bits)."""
    return SCHEME.new_tracking_code()


def new_verification_code() -> str:
    return SCHEME.new_verification_code()


def normalize(code: str) -> str:
    return SCHEME.normalize(code)


def normalize_verification(code: str) -> str:
    return SCHEME.normalize_verification(code)


def hash_verification(code: str) -> str:
    return SCHEME.hash_verification(code)


def check_verification(code: str, stored_hash: str) -> bool:
    return SCHEME.check_verification(code, stored_hash)


def contact_key(contact: str) -> str:
    """A keyed hash of the writer's contact, for the per-contact rate limit without indexing the contact itself."""
    norm = "".join((contact or "").split()).lower()
    return hmac.new(settings.SECRET_KEY.encode(), f"messages:{norm}".encode(), hashlib.sha256).hexdigest()
