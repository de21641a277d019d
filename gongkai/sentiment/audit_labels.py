"""The Chinese names of the sentiment ledger's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "sentiment.registered": "登记舆情",
    "sentiment.screenshots_added": "上传舆情截图",
    "sentiment.assessed": "舆情研判",
    "sentiment.units_changed": "调整舆情主管/属地单位",
    "sentiment.responded": "登记舆情回应",
    "sentiment.committed": "登记回应承诺事项",
    "sentiment.response_finished": "确认舆情回应完毕",
    "sentiment.closed": "舆情办结",
    "sentiment.fulfilled": "报送承诺兑现情况",
    "sentiment.result_linked": "关联承诺落实公开信息",
    "sentiment.round_started": "开始承诺事项核查",
    "sentiment.checked": "核查承诺事项",
    "sentiment.round_closed": "结束承诺事项核查",
    "sentiment.reminded": "舆情回应提醒",
    "sentiment.recalendared": "节假日调整后重算舆情回应期限",
    "sentiment.ledger_exported": "导出舆情回应台账",
}
