"""Tracking and verification codes (查询码/验证码) of applications.

The tracking code is random (50 bits, Crockford base32: no I/L/O/U to misread) so codes cannot be guessed or
enumerated; the verification code (40 bits) is shown once to the applicant and stored only as a keyed hash.
The status page needs both, is POST-only and rate limited, so no code ever appears in a URL or a log line.
"""

import hashlib
import hmac

from django.conf import settings

from gongkai.common.tracking import CodeScheme


def _key() -> str:
    return settings.GONGKAI_FOI_CODE_KEY or settings.SECRET_KEY


# The hash of applications has always been salted_hmac's default SHA-1: kept, so stored codes still match.
SCHEME = CodeScheme("YSQ", "gongkai.foi.verification", key=_key, algorithm="sha1")


def new_tracking_code() -> str:
    """YSQ-XXXX-XXXX-XX (依申请 + 10 random characters)."""
    return SCHEME.new_tracking_code()


def new_verification_code() -> str:
    return SCHEME.new_verification_code()


def normalize(code: str) -> str:
    """What the applicant typed → the stored form: upper case, no spaces, confusable letters mapped."""
    return SCHEME.normalize(code)


def normalize_verification(code: str) -> str:
    return SCHEME.normalize_verification(code)


def hash_verification(code: str) -> str:
    return SCHEME.hash_verification(code)


def check_verification(code: str, stored_hash: str) -> bool:
    return SCHEME.check_verification(code, stored_hash)


def applicant_key(id_type: str, id_number: str, name: str = "") -> str:
    """A keyed hash identifying the applicant across applications (duplicates, monthly item counts for fees)
    without putting the ID number in an index."""
    ident = "".join((id_number or "").split()).upper() or "".join((name or "").split())
    digest = hmac.new(_key().encode(), f"{id_type}:{ident}".encode(), hashlib.sha256)
    return digest.hexdigest()
