"""The Chinese names of 依申请公开's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "foi.submit": "登记申请",
    "foi.assign": "分办/转办",
    "foi.reset_verification": "重置查询验证码",
    "foi.correction_requested": "发出补正通知",
    "foi.correction_received": "收到补正",
    "foi.correction_online": "网上补正",
    "foi.consultation_started": "征求第三方意见",
    "foi.consultation_ended": "第三方意见期满或收到",
    "foi.fee_notice": "发出收费通知",
    "foi.fee_paid": "缴费",
    "foi.extension_requested": "申请延期答复",
    "foi.extension_decided": "审批延期答复",
    "foi.extension_lapsed": "延期申请随结案终止",
    "foi.reply_drafted": "起草答复",
    "foi.countersign": "会签/法律审核",
    "foi.reply_sent": "送达答复",
    "foi.letter": "生成文书",
    "foi.close": "办结",
    "foi.reopen": "重新办理",
    "foi.note": "添加备注",
    "foi.appeal_recorded": "登记复议/诉讼",
    "foi.appeal_updated": "更新复议/诉讼结果",
    "foi.attachment_added": "上传材料",
    "foi.attachment_purged": "删除到期的申请人材料",
    "foi.applicant_download": "申请人下载答复书",
    "foi.personal_data_viewed": "查看申请人个人信息",
    "foi.keys_rewrapped": "更换材料加密密钥",
    "foi.export": "导出申请台账",
    "foi.deadline_recomputed": "按新日历重算期限",
    "foi.frequent_proposed": "提出转主动公开建议",
    "foi.frequent_status": "转主动公开建议状态",
    "foi.policy_updated": "修改办理规则",
    "foi.unit_profile_updated": "修改单位受理信息",
    "foi.template_saved": "保存文书模板",
    "foi.template_reset": "恢复默认文书模板",
    "foi.subject_saved": "保存申请主题分类",
    "foi.subject_set": "设置申请主题",
}

# Before/after keys that are no field of the case, and the codes they hold.
KEYS = {
    "amount": "金额（元）",
    "approve": "同意",
    "approved": "已同意",
    "days": "工作日数",
    "due": "答复期限",
    "due_on": "答复期限",
    "filed_on": "提起日期",
    "files": "材料",
    "kind": "类型",
    "late": "逾期",
    "method": "计收方式",
    "needs_countersign": "需要会签/法律审核",
    "on": "日期",
    "opinion": "意见",
    "party_kind": "征求对象",
    "quantity": "数量",
    "result": "结果",
}


def _values() -> dict[str, dict[str, str]]:
    from gongkai.core.foi_rules import FEE_METHODS

    from .models import Appeal, Consultation

    return {
        "kind": dict(Appeal.Kind.choices),
        "result": dict(Appeal.Result.choices),
        "method": dict(FEE_METHODS),
        "opinion": {k: v for k, v in Consultation.Opinion.choices if k},
        "party_kind": dict(Consultation.Party.choices),
    }


VALUES = _values()
