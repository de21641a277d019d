"""The law as data (法定依据): statutory time limits and lists, each with the article it comes from.

One place for every figure the law fixes, so the portal's 信息公开指南, the application deadlines and the
annual report quote the same numbers. Framework-free: no Django imports.

Source unless stated otherwise: 《中华人民共和国政府信息公开条例》(2019年修订, 国务院令第711号), "条例" below.
Stricter local limits (one county demanding 15 working days for replies) are settings, not edits here.
"""

from dataclasses import dataclass

REGULATION = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class Limit:
    """A statutory time limit (法定时限): a number, its unit and the article that sets it."""

    value: int
    unit: str  # "个工作日" (working days), "日" (calendar days) or "个月" (months)
    basis: str

    @property
    def working_days(self) -> bool:
        return self.unit == "个工作日"

    @property
    def short_basis(self) -> str:
        """The basis with the regulation abbreviated to 《条例》, for texts that introduced the short name."""
        return self.basis.replace(REGULATION, "《条例》")

    def __str__(self) -> str:
        return f"{self.value}{self.unit}"


# --- Active disclosure (主动公开) ---
# 第26条: published within 20 working days of being formed or changed (unless a law says otherwise).
ACTIVE_DISCLOSURE = Limit(20, "个工作日", f"{REGULATION}第二十六条")

# --- Applications (依申请公开) ---
# 第30条: ask once for a correction (补正) within 7 working days of receipt; the reply period restarts.
CORRECTION_NOTICE = Limit(7, "个工作日", f"{REGULATION}第三十条")
# 第32条: a third party asked for its opinion has 15 working days to answer.
THIRD_PARTY_OPINION = Limit(15, "个工作日", f"{REGULATION}第三十二条")
# 第33条: reply within 20 working days of receipt; extension (approved by the head of the openness office,
# the applicant told) at most 20 more; time spent consulting third parties or other bodies is not counted.
REPLY = Limit(20, "个工作日", f"{REGULATION}第三十三条")
# 第36条: the reply's forms, item by item (the outcome → item mapping is ``core.foi_rules``: each outcome cites the
# item that fits it — information that can be disclosed is （二）, already actively published is （一）).
ARTICLE_36_ITEMS = {
    1: "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径",
    2: "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间",
    3: "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由",
    4: "经检索没有所申请公开信息的，告知申请人该政府信息不存在",
    5: "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，"
    "告知申请人该行政机关的名称、联系方式",
    6: "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理",
    7: "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，"
    "告知申请人依照有关法律、行政法规的规定办理",
}


def article_36(item: int) -> str:
    """《条例》第三十六条第（二）项 — the citation of one item of 第36条."""
    if item not in ARTICLE_36_ITEMS:
        raise ValueError(f"第三十六条没有第{item}项")
    return f"{REGULATION}第三十六条第（{chinese_ordinal(item)}）项"


REPLY_EXTENSION = Limit(20, "个工作日", f"{REGULATION}第三十三条")
# 第42条 and the fee rules of 国办函〔2020〕109号: the applicant pays within 20 working days of the notice,
# otherwise the application is treated as abandoned.
FEE_BASIS = f"{REGULATION}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
FEE_PAYMENT = Limit(20, "个工作日", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")
FEE_RULES = (
    "行政机关依申请提供政府信息，不收取费用。",
    "申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。",
    "按件计收：同一申请人一个自然月内累计申请10件以下（含10件）不收费；11—30件的部分每件100元；"
    "31件以上的部分以10件为一档，每增加一档，收费标准提高100元/件。",
    "按量计收：同一申请中30页以下（含30页）不收费；31—100页的部分每页10元；101—200页的部分每页20元；"
    "201页以上的部分每页40元。",
    "按件计收和按量计收不得同时适用。",
)

# --- Remedies (监督和救济) ---
# 第51条: complaint to the next higher body or the openness authority, reconsideration or litigation.
COMPLAINT_BASIS = f"{REGULATION}第五十一条"
RECONSIDERATION = Limit(60, "日", "《中华人民共和国行政复议法》第二十条")
LITIGATION = Limit(6, "个月", "《中华人民共和国行政诉讼法》第四十六条")

# --- Annual report (政府信息公开工作年度报告), 第49条: (month, day) of the yearly due date ---
ANNUAL_REPORT_BASIS = f"{REGULATION}第四十九条"
ANNUAL_REPORT_DEPARTMENT_DUE = (1, 31)  # departments, for the previous year
ANNUAL_REPORT_GOVERNMENT_DUE = (3, 31)  # the county government's own report

# --- What must be published (法定主动公开内容) ---
ACTIVE_CATEGORIES_BASIS = f"{REGULATION}第二十条"
# 第20条: every administrative body, in the order of the article (（一）…（十五）).
ACTIVE_CATEGORIES = (
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
)
# 第21条: in addition, for city- and county-level governments and their departments…
COUNTY_CATEGORIES_BASIS = f"{REGULATION}第二十一条"
COUNTY_CATEGORIES = ("市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助")
# …and for township (乡镇) governments.
TOWNSHIP_CATEGORIES = (
    "贯彻落实农业农村政策",
    "农田水利工程建设运营",
    "农村土地承包经营权流转",
    "宅基地使用情况审核",
    "土地征收",
    "房屋征收",
    "筹资筹劳",
    "社会救助",
)

_CN_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十: the numbering of a regulation's items (1–99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"序号须在 1–99 之间：{n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")
