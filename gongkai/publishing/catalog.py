"""The county-wide template of the disclosure catalogue (全县统一标准目录), built from ``gongkai.core.law``.

第二十条 applies to every body; 第二十一条's county list to county-level governments and departments; its township
list to 乡镇. A few categories come with the second-level items most county catalogues use. Plain data here; the
migration and ``services.ensure_template`` write it.
"""

from gongkai.core import law

from .vocab import DEFAULT_TIME_LIMIT

COUNTY_LEVEL_KINDS = ["government", "office", "department", "zone", "vertical", "institution", "other"]
# 第二十一条第二款 names 乡（镇）人民政府; the county applies the same list to 街道办事处 (乡镇（街道）, 国办发〔2019〕54号).
TOWNSHIP_KINDS = ["township", "subdistrict"]

# The 政府信息公开 column's parts that are fed by catalogue items (code → name, basis, 公开时限, sort order, elements).
ZHIDU_CODE = "xxgk-zhidu"
NIANBAO_CODE = "xxgk-nianbao"
COLUMN_ITEMS = (
    (
        ZHIDU_CODE,
        "政府信息公开制度",
        "《中华人民共和国政府信息公开条例》第三条、第十条；政府信息公开专栏“信息公开制度”（国办公开办函〔2019〕61号）",
        "制度印发或修订之日起20个工作日内",
        890,
        "主动公开、依申请公开、保密审查、政策解读、考核评议等工作制度",
    ),
    (
        NIANBAO_CODE,
        "政府信息公开工作年度报告",
        f"{law.ANNUAL_REPORT_BASIS}、第五十条",
        "部门次年1月31日前，本级政府次年3月31日前",
        900,
        "年度报告全文（含表二、表三、表四），更正说明",
    ),
)

# Second-level items (二级事项) under some 第二十条 categories: code suffix → names.
CHILDREN = {
    "art20-01": ("规范性文件", "政策解读"),
    "art20-02": ("机构职能", "机构设置", "办公地址、办公时间、联系方式", "领导信息"),
    "art20-03": ("发展规划", "专项规划"),
    "art20-05": ("行政许可事项", "行政许可结果"),
    "art20-07": ("财政预算", "财政决算", "“三公”经费"),
    "art20-09": ("采购目录与标准", "采购实施情况"),
    "art20-11": ("扶贫与乡村振兴", "教育", "医疗卫生", "社会保障", "促进就业"),
    "art20-12": ("应急预案", "预警信息", "应对情况"),
    "art20-14": ("招考职位与条件", "录用结果"),
}


def _row(code, name, basis, level, applies_to, order, parent=None):
    return {
        "code": code,
        "name": name,
        "parent_code": parent,
        "basis": basis,
        "time_limit": DEFAULT_TIME_LIMIT,
        "subject": "本机关",
        "channels": "政府网站、政务新媒体",
        "audience": "全社会",
        "mode": "主动",
        "level": level,
        "applies_to": applies_to,
        "sort_order": order,
        "elements": "",
    }


def template_rows() -> list[dict]:
    """Every template node, parents before children."""
    rows = []
    for i, title in enumerate(law.ACTIVE_CATEGORIES, start=1):
        code = f"art20-{i:02d}"
        basis = f"{law.ACTIVE_CATEGORIES_BASIS}第（{law.chinese_ordinal(i)}）项"
        rows.append(_row(code, title, basis, "县级、乡级", [], i * 10))
        for j, child in enumerate(CHILDREN.get(code, ()), start=1):
            rows.append(_row(f"{code}-{j:02d}", child, basis, "县级、乡级", [], j * 10, parent=code))
    for i, title in enumerate(law.COUNTY_CATEGORIES, start=1):
        rows.append(
            _row(
                f"art21-{i:02d}",
                title,
                f"{law.COUNTY_CATEGORIES_BASIS}第一款",
                "县级",
                COUNTY_LEVEL_KINDS,
                200 + i * 10,
            )
        )
    for i, title in enumerate(law.TOWNSHIP_CATEGORIES, start=1):
        rows.append(
            _row(
                f"art21t-{i:02d}",
                title,
                f"{law.COUNTY_CATEGORIES_BASIS}第二款",
                "乡级",
                TOWNSHIP_KINDS,
                300 + i * 10,
            )
        )
    for code, name, basis, time_limit, order, elements in COLUMN_ITEMS:
        row = _row(code, name, basis, "县级、乡级", [], order)
        row.update(time_limit=time_limit, channels="政府网站", elements=elements)
        rows.append(row)
    return rows


def create_template(node_model) -> int:
    """Create the template nodes that are missing (by code); returns how many were created. A template node of the
    same name without a code (the 年报 item the reports app used to create on first use) is given the code instead
    of a twin."""
    existing = {n.code: n for n in node_model.objects.filter(unit__isnull=True).exclude(code="")}
    created = 0
    for row in template_rows():
        if row["code"] in existing:
            continue
        unnamed = node_model.objects.filter(unit__isnull=True, code="", name=row["name"]).first()
        if unnamed is not None:
            unnamed.code = row["code"]
            unnamed.save(update_fields=["code"])
            existing[unnamed.code] = unnamed
            continue
        data = dict(row)
        parent_code = data.pop("parent_code")
        node = node_model.objects.create(unit=None, parent=existing.get(parent_code), **data)
        existing[node.code] = node
        created += 1
    return created
