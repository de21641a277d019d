"""The one code scheme (gongkai.common.tracking): the forms of the codes, what a person may type, (foi and
messages check that their stored hashes are unchanged by the switch: their tests/test_codes_scheme.py)."""

from __future__ import annotations

from gongkai.common.tracking import ALPHABET, CodeScheme

SCHEME = CodeScheme("ZC", "test.salt")


def test_code_forms_and_normalising():
    code = SCHEME.new_tracking_code()
    assert code.startswith("ZC-") and len(code) == 15
    assert all(c in ALPHABET for c in code[3:].replace("-", ""))
    assert len(SCHEME.new_verification_code()) == 8
    assert SCHEME.normalize(" zc o1il－abcd—ef ") == "ZC-0111-ABCD-EF"
    assert SCHEME.normalize("ZC-0000-0000-0") == ""  # too short
    assert SCHEME.normalize("ZC-0000-0000-0*") == ""


def test_hash_checks_and_refuses():
    stored = SCHEME.hash_verification("abcd efgh")
    assert SCHEME.check_verification("ABCDEFGH", stored)
    assert not SCHEME.check_verification("ABCDEFGX", stored)
    assert not SCHEME.check_verification("ABCDEFGH", "")
    assert CodeScheme("ZC", "other.salt").hash_verification("ABCDEFGH") != stored
