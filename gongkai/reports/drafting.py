"""Sections 一–六 drafted from the data (起草正文): plain paragraphs the unit then edits.

Every figure the checker reads in the prose (共收到申请N件, 上年结转, 办结, 结转下年度, 制发/废止/现行有效, 行政复议 /
行政诉讼) is written from the same tables the report prints, in phrasings the checker recognises, so a fresh draft
always agrees with its tables. What the platform cannot know (trainings, 人大建议政协提案) is a placeholder
``〔请填写…〕`` that blocks the leader's approval until replaced.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.core.annualreport import spec

from .vocab import FEES_BASIS

PLACEHOLDER = "〔请填写"


def _n(value) -> int:
    return int(value or 0)


def draft_sections(
    *, unit_name: str, year: int, tables: dict, figures: dict, problems: list[dict], government: bool
) -> dict[str, str]:
    """``{"一": text, …, "六": text}``; paragraphs separated by blank lines."""
    t2, t3, t4 = tables["table2"], tables["table3"], tables["table4"]
    total = spec.TOTAL
    new, carried_in = _n(t3["new"][total]), _n(t3["carried_in"][total])
    done, carried_over = _n(t3[total][total]), _n(t3["carried_over"][total])
    grant, partial = _n(t3["grant"][total]), _n(t3["partial"][total])
    normative = t2["normative"]
    published = figures.get("published", {})
    interp = figures.get("interpretations", {})
    by_node = published.get("by_node") or {}
    node_text = "、".join(f"{name}{n}条" for name, n in list(by_node.items())[:6])
    scope_word = "全县各级行政机关" if government else "本机关"

    one = [
        f"{year}年，{unit_name}深入贯彻《中华人民共和国政府信息公开条例》，按照全县政务公开工作要点部署，"
        "扎实推进政府信息公开工作。",
        f"（一）主动公开。{scope_word}全年在政府信息公开平台主动公开政府信息{_n(published.get('value'))}条"
        + (f"，其中{node_text}" if node_text else "")
        + f"。本年制发行政规范性文件{_n(normative['issued'])}件，废止{_n(normative['repealed'])}件，"
        f"现行有效{_n(normative['in_force'])}件。"
        + (
            f"发布政策解读{_n(interp.get('value'))}篇"
            + (f"，解读率{interp['rate']}%" if interp.get("rate") is not None else "")
            + "。"
            if interp
            else ""
        ),
        (
            f"（二）依申请公开。本年度共收到政府信息公开申请{new}件，上年结转{carried_in}件；"
            f"本年度办结{done}件，其中予以公开{grant}件，部分公开{partial}件；"
            f"结转下年度继续办理{carried_over}件。"
            if new or carried_in or done or carried_over
            else "本年度未收到政府信息公开申请。"
        ),
        "（三）政府信息管理。严格落实公开前保密审查，规范公文公开属性认定，动态调整政府信息公开目录。",
        "（四）平台建设。依托县政府门户网站政府信息公开专栏集中发布政府信息，做好政府信息公开平台日常维护。",
        "（五）监督保障。" + f"{PLACEHOLDER}本年度政务公开培训次数、参训人数，考核、社会评议和责任追究情况〕",
    ]
    participation = figures.get("participation")
    if participation:
        one.insert(5, f"开展公众参与活动{_n(participation.get('value'))}次。")

    recon = t4["reconsideration"]
    lit_total = _n(t4["litigation_direct"][total]) + _n(t4["litigation_after"][total])
    four = (
        f"本年度因政府信息公开被申请行政复议{_n(recon[total])}件，被提起行政诉讼{lit_total}件。"
        if _n(recon[total]) or lit_total
        else "本年度未发生政府信息公开行政复议和行政诉讼。"
    )

    five = []
    if problems:
        five.append(f"（一）{year - 1}年度报告所列问题的改进情况。")
        for index, item in enumerate(problems, start=1):
            improvement = item.get("improvement") or f"{PLACEHOLDER}改进情况〕"
            five.append(f"{index}．{item.get('problem', '')}改进情况：{improvement}")
    five.append(f"（{'二' if problems else '一'}）存在的主要问题。{PLACEHOLDER}本年度存在的主要问题〕")
    five.append(f"（{'三' if problems else '二'}）改进措施。{PLACEHOLDER}下一步改进措施〕")

    fee = figures.get("fees", {})
    fee_yuan = _n(fee.get("value"))
    tasks = figures.get("tasks")
    six = [
        f"（一）信息处理费。按照{FEES_BASIS}，本年度"
        + (
            f"收取信息处理费{fee_yuan}元（{_n(fee.get('notices'))}份收费通知）。"
            if fee_yuan
            else "未收取信息处理费。"
        ),
        f"（二）人大代表建议和政协提案办理情况。{PLACEHOLDER}承办件数及办理结果〕",
    ]
    if tasks and tasks.get("denominator"):
        six.append(
            f"（三）政务公开工作要点落实情况。{year}年政务公开工作要点分解的{_n(tasks['denominator'])}项任务中，"
            f"已完成{_n(tasks['numerator'])}项。"
        )
    return {
        "一": "\n\n".join(one),
        "二": "",
        "三": "",
        "四": four,
        "五": "\n\n".join(five),
        "六": "\n\n".join(six),
    }


def has_placeholder(sections: dict[str, str]) -> list[str]:
    """The sections still holding a 〔请填写…〕 placeholder."""
    return [number for number, text in sections.items() if PLACEHOLDER in (text or "")]


def money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))
