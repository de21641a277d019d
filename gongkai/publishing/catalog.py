"""The county-wide template of the disclosure catalogue (全县统一标准目录), built from ``gongkai.core.law``.

第二十条 applies to every body; 第二十一条's county list to county-level governments and departments; its township
list to 乡镇. A few categories come with the second-level items most county catalogues use. Plain data here; the
migration and ``services.ensure_template`` write it.
"""

from gongkai.core import law

from .vocab import DEFAULT_TIME_LIMIT

COUNTY_LEVEL_KINDS = ["government", "office", "department", "zone", "vertical", "institution", "other"]
TOWNSHIP_KINDS = ["township"]

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
    return rows


def create_template(node_model) -> int:
    """Create the template nodes that are missing (by code); returns how many were created."""
    existing = {n.code: n for n in node_model.objects.filter(unit__isnull=True).exclude(code="")}
    created = 0
    for row in template_rows():
        if row["code"] in existing:
            continue
        data = dict(row)
        parent_code = data.pop("parent_code")
        node = node_model.objects.create(unit=None, parent=existing.get(parent_code), **data)
        existing[node.code] = node
        created += 1
    return created
