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
    "sitecheck.reminded": "网站检查提醒",
    "sitecheck.campaign_opened": "开展僵尸号清理行动",
    "sitecheck.zombie_decided": "僵尸号处置意见",
    "sitecheck.campaign_closed": "结束僵尸号清理行动",
}
