"""The Chinese names of publishing's audit actions (registered in ``AppConfig.ready``); the item's 处理记录 uses
them too (``vocab.ACTION_LABELS``)."""

from .vocab import ACTION_LABELS

LABELS = {
    **ACTION_LABELS,
    "publishing.catalog_import": "导入公开目录",
    "publishing.catalog_node_create": "新增公开目录事项",
    "publishing.catalog_node_update": "修改公开目录事项",
    "publishing.catalog_template": "载入公开目录模板",
    "publishing.rescan_published": "复查已发布信息",
    "publishing.term_save": "保存敏感词",
    "publishing.timeliness_recomputed": "重算公开时限",
}

# Before/after keys that are no field of the publication, and the codes they hold.
KEYS = {
    "attachment": "附件",
    "checks": "审查项",
    "deadline_provisional": "公开时限暂定",
    "finding": "扫描发现",
    "findings": "扫描发现数",
    "flagged_files": "有发现的文件",
    "location": "位置",
    "masked_values": "脱敏数",
    "files": "文件",
    "pending": "新版本（待审查）",
    "replaced": "被替换的文件",
    "revision": "新版本",
    "round": "审查轮次",
    "size": "大小（字节）",
    "status": "处理状态",
    "trigger": "扫描时机",
    "verdict": "审查结论",
}


def _values() -> dict[str, dict[str, str]]:
    from .vocab import FindingStatus, Revision, ScanTrigger, Verdict

    return {
        "revision": dict(Revision.choices),
        "verdict": dict(Verdict.choices),
        "trigger": dict(ScanTrigger.choices),
        "status": dict(FindingStatus.choices),
    }


VALUES = _values()
