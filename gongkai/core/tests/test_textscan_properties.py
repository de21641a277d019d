"""Property tests: planted ID numbers are always found, and the masker never leaves a detectable one."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.tests.factories.textscan import id_check
from gongkai.core.textscan import KINDS, PERSONAL_KINDS, mask_text, scan_text

REGIONS = ["360732", "360781", "110105", "440305", "652801", "810000"]


@st.composite
def valid_ids(draw):
    region = draw(st.sampled_from(REGIONS))
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()))
    seq = draw(st.integers(0, 999))
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check(first17)


# Noise that may hold digits, stars and Han text; an ID is always fenced by a separator that is neither.
NOISE = st.text(alphabet="0123456789*Xx-@.abc 张三李住址镇村路号栋室组机密★\n", max_size=30)
FENCE = st.sampled_from(["，", "：", " ", "\n", "。身份证号", "、", "（", "）", "a", "张三"])


@st.composite
def texts_with_ids(draw):
    ids = draw(st.lists(valid_ids(), min_size=1, max_size=6))
    parts = []
    for number in ids:
        parts += [draw(NOISE), draw(FENCE), number, draw(FENCE)]
    parts.append(draw(NOISE))
    return "".join(parts), ids


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_ids())
def test_planted_ids_are_found_and_masked_away(sample):
    text, ids = sample
    found = scan_text(text)
    found_ids = [f.text for f in found if f.kind == "id_number"]
    for number in ids:
        assert number in found_ids
    masked = mask_text(text, found)
    assert not [f for f in scan_text(masked) if f.kind == "id_number"]
    for number in ids:
        assert number not in masked


VALUES = st.sampled_from(
    [
        "13812345678",
        "139-8765-4321",
        "+86 150 1234 5678",
        "0797-6321234",
        "（010）62345678",
        "6222021234567890128",
        "zhang.san@example.com",
        "兴国县潋江镇红旗大道88号3栋2单元501室",
        "塘石村三组",
        "护照号码：E12345678",
        "11010519491231002X",
    ]
)
SOUP = st.text(
    alphabet="0123456789 -+()（）*@.xXab张三王住址镇乡村路号栋单元室组秘密机★内部资料\n：:", max_size=12
)


@settings(max_examples=300)
@given(st.lists(st.one_of(VALUES, SOUP), max_size=10).map("".join))
def test_findings_are_exact_and_masking_is_complete(text):
    found = scan_text(text)
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.kind in KINDS and f.severity in ("high", "medium", "low")
    masked = mask_text(text, found)
    assert [f for f in scan_text(masked) if f.kind in PERSONAL_KINDS] == []
