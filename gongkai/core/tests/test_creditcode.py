"""统一社会信用代码 (GB 32100-2015) checksum."""

import pytest

from gongkai.core.creditcode import ALPHABET, check_character, credit_code_error, is_valid_credit_code

# Real codes, published by the organisations themselves.
REAL_CODES = ["91110108551385082Q", "91440300708461136T", "91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert credit_code_error(code) is None
    assert is_valid_credit_code(code)
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_single_character_corruption_is_rejected(code):
    # Every position, every other character of the code alphabet and the letters GB 32100 leaves out.
    replacements = set(ALPHABET) | set("IOZSV") | {"-", "*", " ", "甲"}
    tried = 0
    for position in range(18):
        for ch in sorted(replacements - {code[position]}):
            corrupted = code[:position] + ch + code[position + 1 :]
            assert credit_code_error(corrupted) is not None, corrupted
            assert not is_valid_credit_code(corrupted)
            tried += 1
    assert tried == 18 * (len(replacements) - 1)


@pytest.mark.parametrize("code", REAL_CODES)
def test_swapping_two_adjacent_different_characters_is_rejected(code):
    for i in range(17):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            assert credit_code_error(swapped) is not None, swapped


def test_messages_name_the_problem_and_the_fix():
    assert "18位" in credit_code_error("91110108551385082")
    assert "不允许的字符" in credit_code_error("9111010855138508IQ")
    wrong_check = "91110108551385082R"
    message = credit_code_error(wrong_check)
    assert "校验位错误" in message and "末位应为 Q" in message


def test_lower_case_and_surrounding_spaces_are_read_as_the_same_code():
    assert credit_code_error(" 91350100m000100y43 ") is None


def test_empty_means_not_given():
    assert credit_code_error("") is None
    assert not is_valid_credit_code("")
