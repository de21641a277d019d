"""The Chinese names of messages' audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "messages.channel_created": "创建留言渠道",
    "messages.channel_updated": "修改留言渠道",
    "messages.received": "收到留言",
    "messages.dispatched": "分办留言",
    "messages.transferred": "转办留言",
    "messages.merged": "合并重复留言",
    "messages.invalidated": "认定无效留言",
    "messages.extension_requested": "申请留言延期",
    "messages.extension_approved": "批准留言延期",
    "messages.extension_refused": "不批准留言延期",
    "messages.reply_drafted": "起草留言答复",
    "messages.reply_approved": "审核通过留言答复",
    "messages.reply_returned": "退回留言答复",
    "messages.published": "公开留言及答复",
    "messages.unpublished": "撤回公开留言",
    "messages.rated": "留言人评价答复",
    "messages.followed_up": "留言人追问",
    "messages.follow_up_answered": "答复追问",
    "messages.reminded": "留言到期提醒",
}
