"""Plug-ins (called from ``ready``): audit labels, stored files, figures, dashboard cards, the calendar hook."""

from __future__ import annotations


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.calendar import recompute
    from gongkai.common import storedfiles
    from gongkai.workspace.registry import register as register_cards

    from . import figures
    from .actions.supervision import recompute_due
    from .audit_labels import LABELS
    from .cards import register_cards as cards

    register_actions(LABELS)
    storedfiles.register(storedfiles.StoredFiles("培训材料", "registers.TrainingMaterial", "file", "sha256"))
    storedfiles.register(
        storedfiles.StoredFiles(
            "听取汇报会议纪要",
            "registers.Hearing",
            "minutes_file",
            "minutes_sha256",
        )
    )
    figures.register()
    recompute.register("registers", "督查整改期限", recompute_due)
    register_cards(cards, order=80)
