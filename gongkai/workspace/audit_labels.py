"""The Chinese names of the workspace's own audit actions: backups (``gongkai backup`` / ``gongkai restore``)."""

LABELS = {
    "backup.created": "创建备份",
    "backup.restored": "从备份恢复",
}
KEYS = {"file": "文件", "created_at": "备份时间", "problems": "发现的问题数"}
VALUES: dict[str, dict[str, str]] = {}
