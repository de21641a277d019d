"""统一社会信用代码 (unified social credit code, GB 32100-2015) validation.

18 characters: registration authority (1), organisation type (1), region code (6 digits), organisation code
(9 characters, GB 11714, with its own check character) and a check character over the first 17.
The alphabet leaves out I, O, Z, S and V.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: letters count 10..35 in the Latin alphabet.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def check_character(first17: str) -> str:
    """The 18th character for a 17-character prefix."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def _org_code_check(first8: str) -> str:
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    remainder = 11 - sum(value(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def credit_code_error(code: str) -> str | None:
    """None when ``code`` is a valid 统一社会信用代码 (or empty), else a message in Chinese saying what is wrong."""
    if not code:
        return None
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位。"
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、Z、S、V）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3–8位应为行政区划代码（数字）。"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：末位应为 {expected}，请核对是否抄错。"
    if _org_code_check(code[8:16]) != code[16]:
        return "统一社会信用代码第9–17位（组织机构代码）的校验位不正确，请核对。"
    return None


def is_valid_credit_code(code: str) -> bool:
    return bool(code) and credit_code_error(code) is None
