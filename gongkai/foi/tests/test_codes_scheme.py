"""foi's codes go through gongkai.common.tracking: a stored verification hash still matches (SHA-1, as before)."""

from django.utils.crypto import salted_hmac

from gongkai.foi import codes as foi_codes


def test_foi_hash_is_unchanged(settings):
    # Before the switch: salted_hmac("gongkai.foi.verification", code, secret=key) — SHA-1, the default.
    settings.GONGKAI_FOI_CODE_KEY = "foi-key-for-test"
    old = salted_hmac("gongkai.foi.verification", "K7M2Q9XA", secret="foi-key-for-test").hexdigest()
    assert foi_codes.hash_verification("k7m2 q9xa") == old
    assert foi_codes.normalize("ysq abcd efgh jk") == "YSQ-ABCD-EFGH-JK"
