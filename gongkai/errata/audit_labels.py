"""The Chinese names of errata's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "errata.received": "收到找错报告",
    "errata.taken_up": "受理找错报告",
    "errata.answered": "答复找错报告",
    "errata.rerouted": "改派找错报告",
    "errata.closed": "复核通过并办结找错报告",
    "errata.returned": "复核退回找错报告",
    "errata.reminded": "找错报告到期提醒",
    "errata.deadline_recomputed": "重算找错报告答复期限",
    "errata.exported": "导出找错报告办理清单（脱敏）",
}
