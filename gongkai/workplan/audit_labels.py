"""The Chinese names of the task ledger's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "workplan.imported": "导入工作要点",
    "workplan.plan_changed": "修改分工方案",
    "workplan.task_changed": "修改任务",
    "workplan.task_split": "拆分任务",
    "workplan.task_merged": "合并任务",
    "workplan.task_units_changed": "调整责任单位",
    "workplan.unit_name_assigned": "确认单位名称对应",
    "workplan.published": "印发分工方案",
    "workplan.progress_reported": "报送进展",
    "workplan.task_done": "任务完成",
    "workplan.task_reopened": "任务重新打开",
    "workplan.carried_forward": "结转到下一年度",
    "workplan.archived": "归档分工方案",
}

# Before/after keys that are no field of the task or plan.
KEYS = {
    "items": "事项",
    "name": "名称",
    "report": "进展报告",
    "source": "来源文件",
    "tasks": "任务",
}

VALUES: dict[str, dict[str, str]] = {}
