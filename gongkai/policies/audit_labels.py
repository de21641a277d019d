"""The Chinese names of the policy library's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "policies.create": "新建政策文件",
    "policies.update": "修改政策文件",
    "policies.admin_basis": "登记合法性审核/备案信息",
    "policies.relation_add": "登记文件关系（修改、废止、宣布失效等）",
    "policies.relation_remove": "删除文件关系",
    "policies.rules": "修改有效期规则",
    "policies.evaluate": "到期评估",
    "policies.extension_request": "申请延长有效期",
    "policies.extension_approve": "批准延长有效期",
    "policies.extension_reject": "不同意延长有效期",
    "policies.extension_notice": "延期公告",
    "policies.extension_effective": "延长有效期生效",
    "policies.campaign_start": "启动规范性文件清理",
    "policies.campaign_close": "结束清理",
    "policies.cleanup_decide": "清理结论",
    "policies.interpretation_create": "新建政策解读",
    "policies.interpretation_update": "修改政策解读",
    "policies.interpretation_signoff": "解读审定",
    "policies.question_save": "保存政策问答",
    "policies.question_state": "政策问答发布状态",
    "policies.unanswered_handle": "处理未解答的搜索",
    "policies.service_save": "保存关联办事事项",
    "policies.package_save": "保存政策包",
}

# Before/after keys that are no field of the document.
KEYS = {
    "answer_sha": "解答内容指纹",
    "applied": "已执行",
    "clauses": "条款",
    "decision": "结论",
    "effective": "生效日期",
    "extended_until": "延长至",
    "items": "事项",
    "note": "说明",
    "notice": "公告",
    "pending": "未确认",
    "pending_documents": "未确认的文件",
    "relation": "文件关系",
    "scope": "范围",
    "source": "来源文件",
    "state": "状态",
    "status": "有效性",
    "title": "标题",
}

VALUES: dict[str, dict[str, str]] = {}
