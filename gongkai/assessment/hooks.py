"""Plug-ins (called from ``ready``): audit labels, the dashboard card, stored evidence, the figure the annual
report's 监督保障 section reads."""

from __future__ import annotations


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.common import figures, storedfiles
    from gongkai.workspace.registry import register as register_cards

    from .audit_labels import LABELS
    from .cards import assessment_cards
    from .selectors import score_figure

    register_actions(LABELS)
    register_cards(assessment_cards, order=80)
    storedfiles.register(
        storedfiles.StoredFiles("考核佐证材料", "assessment.Entry", "evidence_file", "evidence_sha256")
    )
    figures.register(
        "assessment.score",
        label="政务公开考核得分",
        unit="分",
        compute=score_figure,
        kind="amount",
        description="本年度最近一个已结束（冻结）考核期的得分；全县为各单位平均分",
    )
