"""Tracking and verification codes (查询码/验证码) of applications.

The tracking code is random (50 bits, Crockford base32: no I/L/O/U to misread) so codes cannot be guessed or
enumerated; the verification code (40 bits) is shown once to the applicant and stored only as a keyed hash.
The status page needs both, is POST-only and rate limited, so no code ever appears in a URL or a log line.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_tracking_code() -> str:
    """YSQ-XXXX-XXXX-XX (依申请 + 10 random characters)."""
    raw = _random(10)
    return f"YSQ-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_verification_code() -> str:
    return _random(8)


def normalize(code: str) -> str:
    """What the applicant typed → the stored form: upper case, no spaces, confusable letters mapped."""
    text = "".join((code or "").split()).upper().replace("－", "-").replace("—", "-")
    text = text.replace("-", "")
    if text.startswith("YSQ"):
        text = text[3:]
    text = text.translate(_CONFUSABLE)
    if len(text) != 10 or any(c not in ALPHABET for c in text):
        return ""
    return f"YSQ-{text[:4]}-{text[4:8]}-{text[8:]}"


def normalize_verification(code: str) -> str:
    return "".join((code or "").split()).upper().translate(_CONFUSABLE)


def _key() -> str:
    return settings.GONGKAI_FOI_CODE_KEY or settings.SECRET_KEY


def hash_verification(code: str) -> str:
    return salted_hmac("gongkai.foi.verification", normalize_verification(code), secret=_key()).hexdigest()


def check_verification(code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and constant_time_compare(hash_verification(code), stored_hash)


def applicant_key(id_type: str, id_number: str, name: str = "") -> str:
    """A keyed hash identifying the applicant across applications (duplicates, monthly item counts for fees)
    without putting the ID number in an index."""
    ident = "".join((id_number or "").split()).upper() or "".join((name or "").split())
    digest = hmac.new(_key().encode(), f"{id_type}:{ident}".encode(), hashlib.sha256)
    return digest.hexdigest()
