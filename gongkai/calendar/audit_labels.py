"""The Chinese names of the holiday calendar's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "calendar.seed": "导入节假日数据",
    "calendar.import_notice": "导入国务院放假通知",
    "calendar.replace_notice": "替换放假安排",
    "calendar.notice_override": "越过通知检查保存（系统管理员）",
}

# Before/after keys of the calendar's events.
KEYS = {"off": "放假天数", "makeup": "调休上班天数", "year": "年份", "years": "年份"}

VALUES: dict[str, dict[str, str]] = {}
