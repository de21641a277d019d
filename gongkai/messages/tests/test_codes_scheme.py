"""messages' codes go through gongkai.common.tracking: a stored verification hash still matches (SHA-256)."""

from django.utils.crypto import salted_hmac

from gongkai.messages import codes as message_codes


def test_messages_hash_is_unchanged(settings):
    old = salted_hmac(
        "gongkai.messages.verification", "K7M2Q9XA", secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()
    assert message_codes.hash_verification("k7m2q9xa") == old
    assert message_codes.normalize("ly-abcd-efgh-jk") == "LY-ABCD-EFGH-JK"
