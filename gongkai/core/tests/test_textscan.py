"""The text detectors, severities and masking of gongkai.core.textscan (no files, no database)."""

import datetime
import random

import pytest

from gongkai.core.tests.factories.textscan import corrupt, id_check, luhn_complete, random_card, random_id
from gongkai.core.textscan import DEFAULT_TERMS, KINDS, PERSONAL_KINDS, Location, Term, mask_text, scan_text
from gongkai.core.textscan.idnumber import is_valid_id18

RNG_SEEDS = range(8)


def kinds(text, **kw):
    return [f.kind for f in scan_text(text, **kw)]


def only(text, kind, **kw):
    found = [f for f in scan_text(text, **kw) if f.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


# ------------------------------------------------------------------ ID numbers


def test_published_example_id_is_valid():
    # The example in GB 11643-1999 itself.
    assert is_valid_id18("11010519491231002X")
    f = only("身份证号：11010519491231002X。", "id_number")
    assert (f.text, f.mask, f.severity) == ("11010519491231002X", "11*************02X", "high")


@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_generated_ids_are_found_and_corrupted_ones_are_not(seed):
    rng = random.Random(seed)
    number = random_id(rng)
    f = only(f"申请人身份证号码{number}，请核实。", "id_number")
    assert f.text == number
    assert f.mask == number[:2] + "*" * 13 + number[-3:]
    bad = corrupt(number, rng)
    assert "id_number" not in kinds(f"申请人身份证号码{bad}，请核实。")


def test_lowercase_x_and_fullwidth_digits():
    rng = random.Random(5)
    while True:
        number = random_id(rng)
        if number.endswith("X"):
            break
    assert only(f"号码{number[:-1]}x", "id_number").text == number[:-1] + "x"
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)
    f = only(f"身份证：{wide}", "id_number")
    assert f.text == wide and f.mask.count("*") == 13


@pytest.mark.parametrize(
    ("region", "born"),
    [("990101", datetime.date(1990, 1, 1)), ("110000", datetime.date(1990, 1, 1)), ("360732", None)],
)
def test_check_character_alone_is_not_enough(region, born):
    # born None: a birth date that does not exist (30 February), with a correct check character
    first17 = f"{region}19900230123" if born is None else f"{region}{born:%Y%m%d}123"
    number = first17 + id_check(first17)
    assert "id_number" not in kinds(f"身份证号{number}")


def test_future_birth_date_is_not_an_id():
    tomorrow = datetime.date.today() + datetime.timedelta(days=400)
    first17 = f"360732{tomorrow:%Y%m%d}123"
    assert "id_number" not in kinds(f"身份证号{first17 + id_check(first17)}")


def test_residence_permit_region():
    first17 = "82000019900101123"
    assert only(f"居住证号码{first17 + id_check(first17)}", "id_number")


def test_old_15_digit_ids():
    assert only("旧证号 360732900101123 已换发", "id_number").note
    assert "id_number" not in kinds("旧证号 360732901301123 已换发")  # month 13


def test_digits_inside_longer_strings_are_not_ids():
    number = random_id(random.Random(3))
    assert kinds(f"订单号{number}12") == []  # 20 digits
    assert kinds(f"流水9{number}") == []  # 19 digits: not an ID; not Luhn-checked as card unless valid
    assert "id_number" not in kinds(f"编号{number}5")


def test_credit_code_is_not_an_id():
    number = random_id(random.Random(4))
    assert "id_number" not in kinds(f"统一社会信用代码：{number}")


# ------------------------------------------------------------------ phones


@pytest.mark.parametrize(
    ("text", "value", "mask"),
    [
        ("电话13812345678。", "13812345678", "138****5678"),
        ("电话138-1234-5678。", "138-1234-5678", "138-****-5678"),
        ("电话138 1234 5678。", "138 1234 5678", "138 **** 5678"),
        ("电话+86 138 1234 5678。", "+86 138 1234 5678", "+86 138 **** 5678"),
        ("电话8613812345678。", "8613812345678", "86138****5678"),
        ("电话（+86）19912345678。", "（+86）19912345678", "（+86）199****5678"),
    ],
)
def test_mobile_forms(text, value, mask):
    f = only(text, "mobile")
    assert (f.text, f.mask, f.severity) == (value, mask, "medium")


@pytest.mark.parametrize(
    "text", ["12812345678", "213812345678", "1381234567890", "138****5678", "1381234567"]
)
def test_not_mobiles(text):
    assert "mobile" not in kinds(f"号码{text}号")


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        ("0797-6321234", "0797-***1234"),
        ("(0797)6321234", "(0797)***1234"),
        ("（0797）6321234", "（0797）***1234"),
        ("010-62345678", "010-****5678"),
        ("0797 63212345", "0797 ****2345"),
    ],
)
def test_landlines(text, mask):
    f = only(f"咨询电话：{text}。", "landline")
    assert (f.text, f.mask, f.severity) == (text, mask, "low")


def test_landline_inside_longer_number_is_not_found():
    assert "landline" not in kinds("编号1079763212345")


# ------------------------------------------------------------------ bank cards, e-mail, passports


@pytest.mark.parametrize("length", [16, 17, 19])
def test_bank_cards(length):
    card = random_card(random.Random(length), length)
    f = only(f"银行卡号{card}。", "bank_card")
    assert f.mask == card[:4] + "*" * (length - 8) + card[-4:]
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert "bank_card" not in kinds(f"银行卡号{broken}。")


def test_grouped_bank_card():
    card = random_card(random.Random(9), 19)
    grouped = " ".join([card[0:4], card[4:8], card[8:12], card[12:16], card[16:]])
    f = only(f"卡号：{grouped}", "bank_card")
    assert f.text == grouped
    digits = [i for i, c in enumerate(grouped) if c.isdigit()]
    expected = "".join("*" if i in digits[4:-4] else c for i, c in enumerate(grouped))
    assert f.mask == expected and f.mask.startswith(card[:4]) and f.mask.endswith(card[-2:])


def test_bank_card_needs_a_card_prefix():
    assert "bank_card" not in kinds(f"编号{luhn_complete('1234567890123456')}")


def test_an_id_that_passes_luhn_is_only_an_id():
    rng = random.Random(11)
    while True:
        number = random_id(rng, region="360732")
        if number.isdigit() and luhn_complete(number[:-1]) == number:
            break
    assert kinds(f"身份证{number}") == ["id_number"]


def test_email():
    f = only("邮箱：zhangsan.li@example.com，欢迎来信", "email")
    assert (f.text, f.mask, f.severity) == ("zhangsan.li@example.com", "z***@example.com", "medium")
    assert only("来信请寄 xxgk@xingguo.gov.cn", "email").severity == "low"
    assert kinds("z***@example.com") == []


def test_qq_mail_with_phone_number_is_one_finding():
    assert kinds("13812345678@qq.com") == ["email"]


def test_passport_needs_a_label():
    f = only("护照号码：E12345678", "passport")
    assert (f.text, f.mask, f.severity) == ("E12345678", "E*****678", "high")
    assert only("港澳通行证号C12345678", "passport").text == "C12345678"
    assert kinds("产品型号E12345678") == []


# ------------------------------------------------------------------ addresses


@pytest.mark.parametrize(
    ("text", "address", "mask"),
    [
        (
            "住址：兴国县潋江镇红旗大道88号3栋2单元501室。",
            "兴国县潋江镇红旗大道88号3栋2单元501室",
            "兴国县潋江镇***",
        ),
        (
            "家住江西省赣州市兴国县长冈乡塘石村三组",
            "江西省赣州市兴国县长冈乡塘石村三组",
            "江西省赣州市兴国县长冈乡***",
        ),
        ("现住潋江镇城西社区文昌小区5栋", "潋江镇城西社区文昌小区5栋", "潋江镇***"),
        ("户籍地：兴国县红旗大道88号", "兴国县红旗大道88号", "兴国县***"),
        ("地址：XX村第三村民小组", "XX村第三村民小组", "***"),
    ],
)
def test_detailed_addresses(text, address, mask):
    f = only(text, "address")
    assert (f.text, f.mask) == (address, mask)


def test_township_level_address_is_fine():
    assert kinds("住址：兴国县潋江镇") == []
    assert kinds("住址：兴国县长冈乡塘石村") == []
    assert kinds("根据国办发〔2023〕26号文件") == []


def test_house_number_only_is_low_room_is_medium():
    assert only("兴国县红旗大道88号", "address").severity == "low"
    assert only("兴国县红旗大道88号3栋", "address").severity == "medium"
    assert only("塘石村12号", "address").severity == "medium"


# ------------------------------------------------------------------ already masked


@pytest.mark.parametrize(
    "text",
    [
        "138****1234",
        "35*************123",
        "3601**********1234",
        "张*",
        "6222 **** **** 1234",
        "z***@qq.com",
        "E*****678",
    ],
)
def test_masked_values_are_not_findings(text):
    assert scan_text(f"姓名：张*，号码：{text}。") == []


# ------------------------------------------------------------------ secrecy markings


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("机密★1年\n关于……的通知", "机密★1年"),
        ("秘密★\n正文", "秘密★"),
        ("绝密★启用前", "绝密★启用前"),
        ("正文\n秘密\n", "秘密"),
        ("【机密】", "【机密】"),
        ("密级：秘密 保密期限：10年", "密级：秘密"),
        ("内部资料 注意保密", "内部资料 注意保密"),
        ("本材料（内部资料）请勿公开", "（内部资料）"),
        ("以上名单不得外传。", "不得外传"),
        ("本报告仅供内部使用。", "仅供内部使用"),
        ("关于兴国县XX管理办法（征求意见稿）", "（征求意见稿）"),
        ("（讨论稿）", "（讨论稿）"),
    ],
)
def test_secrecy_markings(text, marking):
    f = only(text, "secrecy_marking")
    assert (f.text, f.severity, f.mask, f.can_mask) == (marking, "high", None, False)


@pytest.mark.parametrize(
    "text",
    [
        "根据《中华人民共和国保守国家秘密法》，加强保密管理。",
        "选举采用无记名秘密投票方式。",
        "依法保护商业秘密和个人隐私。",
        "工作人员要注意保密，不泄露个人信息。",
        "依据《内部资料性出版物管理办法》，规范内部资料。",
        "机密文件的管理，按照有关规定执行。",
        "现将《XX办法（征求意见稿）》全文公布，公开征求意见。",
    ],
)
def test_running_text_is_not_a_marking(text):
    assert "secrecy_marking" not in kinds(text)


def test_consultation_draft_is_fine_only_for_consultations():
    title = "兴国县城市管理办法（征求意见稿）"
    assert kinds(title) == ["secrecy_marking"]
    assert kinds(title, is_consultation=True) == []
    assert kinds("（送审稿）", is_consultation=True) == ["secrecy_marking"]


# ------------------------------------------------------------------ wording


def test_default_terms_offer_the_correct_form():
    f = only("截止目前，已完成全部任务。", "term", terms=DEFAULT_TERMS)
    assert (f.text, f.replacement, f.mask) == ("截止目前", "截至目前", "截至目前")
    assert only("台湾总统", "term", terms=DEFAULT_TERMS).severity == "high"
    assert kinds("截止目前") == []  # terms are opt-in


def test_custom_terms_and_right_form_containing_wrong_form():
    terms = [("十九大", "党的十九大", "全称"), Term("老百姓", "群众", "用语", "low")]
    found = scan_text("党的十九大以来，十九大精神深入老百姓心中。", terms=terms)
    assert [(f.text, f.replacement, f.severity) for f in found] == [
        ("十九大", "党的十九大", "medium"),
        ("老百姓", "群众", "low"),
    ]
    assert mask_text("十九大精神", scan_text("十九大精神", terms=terms), kinds={"term"}) == "党的十九大精神"


# ------------------------------------------------------------------ aggregation, severity, locations


def test_name_on_the_same_line_raises_severity():
    phone = "13812345678"
    assert only(f"咨询电话：{phone}", "mobile").severity == "medium"
    f = only(f"联系人：张三，电话：{phone}", "mobile")
    assert (f.severity, f.aggregated) == ("high", True)
    f = only(f"1  王小明  {phone}  兴国县", "mobile")
    assert f.aggregated
    assert not only(f"户主身份证号及电话{phone}", "mobile").aggregated
    assert only("联系人：李四 邮箱 lisi@example.com", "email").severity == "high"


def test_locations_and_kinds():
    text = "第一行\n电话13812345678\n\n机密★1年"
    found = scan_text(text)
    assert [(f.kind, f.location) for f in found] == [("mobile", "第2行"), ("secrecy_marking", "第4行")]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert {f.kind for f in found} <= set(KINDS)
    assert Location(source="docx", table=(1, 2), row=2, column=3).label() == "表格1-2 第2行第3列"
    assert Location(source="xlsx", sheet="Sheet1", cell="C5").label() == "Sheet1!C5"
    assert Location(source="pdf", page=2, line=4).label() == "第2页 第4行"


# ------------------------------------------------------------------ masking


def test_mask_text_round_trip():
    rng = random.Random(21)
    number, card = random_id(rng), random_card(rng)
    text = (
        f"户主：张三，身份证号{number}，手机138-1234-5678，座机0797-6321234，卡号{card}，"
        "邮箱zs@example.com，住址兴国县潋江镇红旗大道88号3栋2单元501室，护照号E12345678。机密★1年"
    )
    masked = mask_text(text, scan_text(text))
    assert number not in masked and card not in masked and "501室" not in masked
    assert "户主：张三" in masked and "兴国县潋江镇***" in masked and "机密★1年" in masked
    assert [f.kind for f in scan_text(masked) if f.kind in PERSONAL_KINDS] == []
    assert mask_text(text) == masked  # scans by itself when no findings are given


def test_mask_text_rejects_findings_of_another_text():
    findings = scan_text("电话13812345678")
    with pytest.raises(ValueError):
        mask_text("电话13912345678", findings)


def test_id_shaped_number_with_a_wrong_region_is_not_a_card():
    # 38 is no province; characters 7–14 still hold a real birth date; the last digit makes it pass Luhn.
    first17 = "38" + random_id(random.Random(13), region="360732")[2:17]
    number = luhn_complete(first17)
    assert kinds(f"号码{number}。") == []
