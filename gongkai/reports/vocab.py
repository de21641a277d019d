"""The annual report's vocabulary and its law as data (年报: 期限、状态、范围), each rule with its source.

- 《中华人民共和国政府信息公开条例》第四十九条: 县级以上人民政府部门 publish the previous year's report **by 31
  January** (and send it to the competent department); 县级以上地方人民政府的政府信息公开工作主管部门 publish the
  government's report **by 31 March**.
- 第五十条: what the report contains (主动公开; 收到和处理申请; 复议诉讼; 问题及改进; 其他); the format is
  国办公开办函〔2021〕30号 (``gongkai.core.annualreport.spec``).
- 乡镇、街道 are not named in 第四十九条; the county's own rule (and common practice) holds them to 31 January like
  the departments — a local choice, stated here so it can be changed in one place.
- 信息处理费 in section 六: 国办函〔2020〕109号 (``gongkai.core.foi_rules`` computes the fees).
"""

from __future__ import annotations

from datetime import date

from django.db import models

ARTICLE_DEADLINE = "《中华人民共和国政府信息公开条例》第四十九条"
ARTICLE_CONTENT = "《中华人民共和国政府信息公开条例》第五十条"
FEES_BASIS = "国办函〔2020〕109号"

# (month, day) of the year after the report year, by scope.
DEPARTMENT_DUE = (1, 31)  # 第四十九条第一款: 县级以上人民政府部门
GOVERNMENT_DUE = (3, 31)  # 第四十九条第二款: 本级政府年报
REMIND_DAYS = 10  # reminders start this many days before the due date


class Scope(models.TextChoices):
    UNIT = "unit", "部门（单位）年报"
    GOVERNMENT = "government", "本级政府年报"


class ReportState(models.TextChoices):
    DRAFT = "draft", "起草中"
    APPROVED = "approved", "已审定"
    PUBLISHING = "publishing", "发布审查中"
    PUBLISHED = "published", "已发布"


# The office board's columns (办公室看板): computed, never stored.
BOARD_NOT_STARTED = "未起草"
BOARD_STATES = ("未起草", "起草中", "已审定", "已发布", "逾期")


class CarriedIn(models.TextChoices):
    PREVIOUS = "previous", "取自上年已发布年报的结转下年度"
    COMPUTED = "computed", "按申请记录推算（无上年已发布年报）"


def due_date(year: int, scope: str) -> date:
    """The statutory publication date of ``year``'s report (第四十九条)."""
    month, day = GOVERNMENT_DUE if scope == Scope.GOVERNMENT else DEPARTMENT_DUE
    return date(year + 1, month, day)


def due_basis(scope: str) -> str:
    month, day = GOVERNMENT_DUE if scope == Scope.GOVERNMENT else DEPARTMENT_DUE
    return f"{ARTICLE_DEADLINE}：次年{month}月{day}日前公布"


# Manual inputs of table 二 (entered by the unit or imported from .xlsx, with the source noted).
MANUAL_ROWS = (
    ("licensing", "decisions", "行政许可 本年处理决定数量"),
    ("penalty", "decisions", "行政处罚 本年处理决定数量"),
    ("coercion", "decisions", "行政强制 本年处理决定数量"),
    ("fees", "amount", "行政事业性收费 本年收费金额（万元）"),
)
