"""The 复议诉讼情况通报 (.docx): a year's reconsideration and litigation cases against applications' answers, the
纠错率 and 败诉率, and the applications by subject and unit — what the office circulates to the units."""

from __future__ import annotations

import io

from gongkai.core import foi_rules as fr


def _rate(value: float | None) -> str:
    return f"{value}%" if value is not None else "—（无已审结案件）"


def appeals_notice(
    *,
    title: str,
    scope: str,
    rates: fr.AppealRates,
    table: list[tuple[str, list[int], int]],
    appeals: list,
    subjects: list,
) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(20)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")

    def para(text: str, bold: bool = False) -> None:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(28)
        paragraph.add_run(text).bold = bold

    def grid(header: list[str], rows: list[list[str]]) -> None:
        table_ = doc.add_table(rows=1, cols=len(header))
        table_.style = "Table Grid"
        for cell, text in zip(table_.rows[0].cells, header, strict=True):
            cell.text = text
        for row in rows:
            cells = table_.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)

    para(f"范围：{scope}。")
    para("一、总体情况", bold=True)
    para(
        f"行政复议{rates.reconsiderations}件，已审结{rates.reconsiderations_decided}件，其中结果纠正"
        f"{rates.reconsiderations_corrected}件，纠错率{_rate(rates.correction_rate)}；行政诉讼{rates.litigations}件，"
        f"已审结{rates.litigations_decided}件，其中结果纠正（败诉）{rates.litigations_lost}件，"
        f"败诉率{_rate(rates.loss_rate)}。"
    )
    para(
        "纠错率＝结果纠正的行政复议案件数÷已审结的行政复议案件数；败诉率＝结果纠正的行政诉讼案件数（含未经复议直接起诉"
        "和复议后起诉）÷已审结的行政诉讼案件数。尚未审结的案件不计入分母。"
    )
    grid(
        ["类型", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        [[label, *cells, total] for label, cells, total in table],
    )
    para("二、案件清单", bold=True)
    if appeals:
        grid(
            ["受理编号", "办理单位", "事项领域", "类型", "提起日期", "复议机关/法院", "结果"],
            [
                [
                    appeal.request.serial,
                    appeal.request.unit.short_name or appeal.request.unit.name,
                    appeal.request.subject.name if appeal.request.subject_id else "未分类",
                    appeal.get_kind_display(),
                    appeal.filed_on.isoformat(),
                    f"{appeal.authority} {appeal.case_number}".strip(),
                    appeal.get_result_display(),
                ]
                for appeal in appeals
            ],
        )
    else:
        para("本期没有复议、诉讼案件。")
    para("三、申请事项领域分布", bold=True)
    grid(
        ["事项领域", "申请数", "未办结", "超期未答复", "主要办理单位"],
        [
            [
                row.name,
                row.total,
                row.open,
                row.overdue,
                "、".join(f"{name}{n}件" for name, n in row.units[:3]),
            ]
            for row in subjects
        ],
    )
    para("请各单位对申请集中、复议诉讼纠错较多的领域加强主动公开和答复质量审核。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
