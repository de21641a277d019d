"""The 政府信息公开 column (xxgk): its built-in pages and the statutory categories, from ``core.law``."""

from dataclasses import dataclass

from gongkai.core import law

from . import registry

XXGK = "xxgk"


def register_builtins() -> None:
    """The shell's own entries; capabilities add theirs with the same calls (see ``registry``)."""
    registry.register_nav("政府信息公开", "/xxgk/", order=10)
    registry.register_column_link(XXGK, "信息公开指南", "/xxgk/zhinan/", order=10)
    registry.register_column_link(XXGK, "机构职能", "/xxgk/jgzn/", order=12)
    registry.register_column_link(XXGK, "领导信息", "/xxgk/ldxx/", order=14)
    registry.register_column_link(XXGK, "信息公开制度", "/xxgk/zhidu/", order=20)
    registry.register_column_link(XXGK, "法定主动公开内容", "/xxgk/fdzdgk/", order=30)
    registry.register_column_link(XXGK, "信息公开年报", "/xxgk/nianbao/", order=40)
    # A unit's own 指南 and 机构职能 pages belong to that unit (找错 reports on them go there).
    registry.register_page_owner("portal:zhinan_unit", _unit_page_owner)
    registry.register_page_owner("portal:jgzn_unit", _unit_page_owner)


def _unit_page_owner(kwargs: dict, params: dict) -> registry.PageOwner | None:
    unit_id = kwargs.get("unit_id")
    return registry.PageOwner(unit_id, "单位信息页面") if isinstance(unit_id, int) else None


@dataclass(frozen=True)
class StatutoryCategory:
    """One 法定主动公开 category: ``code`` is stable (anchors, feed keys), ``number`` is the article's item."""

    code: str
    number: str
    title: str

    @property
    def feed_key(self) -> str:
        return f"xxgk:fdzdgk:{self.code}"


def statutory_categories() -> dict[str, list[StatutoryCategory]]:
    """条例第20条 (every body) and 第21条 (county level), in the order of the articles."""
    return {
        "art20": [
            StatutoryCategory(f"art20-{i:02d}", f"（{law.chinese_ordinal(i)}）", title)
            for i, title in enumerate(law.ACTIVE_CATEGORIES, start=1)
        ],
        "art21": [
            StatutoryCategory(f"art21-{i:02d}", f"（{law.chinese_ordinal(i)}）", title)
            for i, title in enumerate(law.COUNTY_CATEGORIES, start=1)
        ],
    }
