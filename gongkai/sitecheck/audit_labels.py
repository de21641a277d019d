"""Chinese names of site inspection's audit actions."""

LABELS = {
    "sitecheck.rule_set": "设置公开时限规则",
    "sitecheck.event_recorded": "登记公开事件",
    "sitecheck.account_applied": "政务新媒体开设申请",
    "sitecheck.account_moved": "政务新媒体备案状态变更",
    "sitecheck.account_updated": "登记政务新媒体更新情况",
    "sitecheck.updates_imported": "导入政务新媒体更新日期",
    "sitecheck.site_added": "添加外部网站",
    "sitecheck.inspection_started": "发起网站巡检",
    "sitecheck.inspection_done": "完成网站巡检",
}
