"""Chinese names of the annual report's audit actions."""

LABELS = {
    "reports.generated": "生成年报草稿",
    "reports.regenerated": "重新生成年报数据",
    "reports.inputs": "填报年报人工数据",
    "reports.edited": "修改年报正文",
    "reports.approved": "审定年报",
    "reports.returned": "退回年报",
    "reports.sent": "年报送保密审查发布",
    "reports.published": "年报已发布",
    "reports.publication_returned": "年报发布被退回",
    "reports.correction": "更正年报",
    "reports.reminded": "年报公布期限提醒",
    "reports.batch_checked": "批量核对年报",
}
