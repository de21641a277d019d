"""Demo data of messages: the six channels and 80 messages across channels and states — waiting for dispatch, in
hand (on time, due soon, overdue), one valid message unanswered for more than three months (the red card), extended
(approved and pending), replies awaiting the leader, replied (rated, followed up), published with the personal data
masked, private, suggestions with their adoption, merged duplicates, invalid. Through the services; the reply dates
of the older messages are then set back to when they would have been answered (history). Deterministic and
idempotent: a message found by its subject is left alone. Names and phone numbers are made up."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

# (subject, body, unit key, category): the citizens' questions. Numbers are invented.
TOPICS = [
    (
        "老旧小区改造开工时间",
        "城关镇幸福小区列入老旧小区改造名单，请问什么时候开工？联系电话13800002001。",
        "cgz",
        "咨询",
    ),
    (
        "东山镇自来水水压不足",
        "东山镇东山街一带每天早晚自来水水压很低，三楼以上基本没水，请协调解决。",
        "dsz",
        "求助",
    ),
    (
        "学校周边交通拥堵",
        "县实验小学放学时段校门口车辆乱停，学生过马路危险，建议设置临时停车区。",
        "jkt",
        "建议",
    ),
    (
        "宅基地审批进度",
        "我于今年3月提交的宅基地申请至今没有结果，住址城关镇建设路18号，请问办理进度。",
        "zrzy",
        "咨询",
    ),
    ("法律援助申请条件", "请问低保户申请法律援助需要准备哪些材料？在哪里办理？", "sfj", "咨询"),
    (
        "项目审批时限过长",
        "企业投资项目备案在县发改委等了二十天，请问法定时限是多少？电话13800002006。",
        "fgw",
        "投诉",
    ),
    ("农村道路路灯损坏", "东山镇石桥村村道路灯坏了半年没人修，夜间出行不安全。", "dsz", "求助"),
    ("建议增设公共充电桩", "县城新能源汽车越来越多，建议在人民广场停车场增设公共充电桩。", "fgw", "建议"),
    (
        "校外培训收费投诉",
        "某培训机构一次性收取一年学费，现在关门了不退费，邮箱parent2026@example.com。",
        "jkt",
        "投诉",
    ),
    ("不动产登记预约难", "不动产登记中心网上预约总是约满，能否增加号源或开通周末办理？", "zrzy", "建议"),
]
CHANNELS = ["mayor", "department", "consult", "complaint", "proposal", "hotline"]
REPLIES = {
    "cgz": "您好！幸福小区已列入本年度老旧小区改造计划，预计下月开工，施工前将在小区公告栏公示改造内容。感谢您的关注。",
    "dsz": "您好！经现场查看，问题属实，我镇已协调供水和市政部门制定整改方案，将在两周内处理完毕。",
    "jkt": "您好！县教科体局已会同交警部门研究，将在学校周边设置临时停车区并安排人员疏导交通。",
    "zrzy": "您好！经核查，您的申请材料已齐全，正在进行现场踏勘，预计十个工作日内办结，届时将电话通知您。",
    "sfj": "您好！低保户申请法律援助免予经济困难审查，携带身份证和低保证到县法律援助中心窗口申请即可。",
    "fgw": "您好！企业投资项目备案材料齐全的应当场或在规定时限内办结，我委已核查并完成备案，并将改进办理流程。",
}
UNIT_KEYS = ("cgz", "dsz", "jkt", "zrzy", "sfj", "fgw")
WRITERS = ["王建军", "李秀芳", "张国华", "刘丽", "陈志明", "杨敏", "黄海", "赵丽华", "周强", "吴娟"]

# (count, kind): the 80 messages by what happens to them, in this order.
PLAN = [
    (1, "stale"),  # valid, unanswered for more than three months
    (6, "received"),
    (10, "in_hand"),
    (3, "due_soon"),
    (6, "overdue"),
    (4, "extended"),
    (2, "extension_pending"),
    (6, "drafted"),
    (16, "published"),
    (6, "replied"),
    (4, "private"),
    (4, "suggestion"),
    (3, "follow_up"),
    (5, "merged"),
    (4, "invalid"),
]


def specs():
    """The 80 messages: (index, kind, topic, channel code, days ago received)."""
    out = []
    i = 0
    for count, kind in PLAN:
        for _ in range(count):
            topic = TOPICS[i % len(TOPICS)]
            channel = "proposal" if kind == "suggestion" else CHANNELS[i % len(CHANNELS)]
            ago = {
                "stale": 110,
                "received": i % 3,
                "in_hand": 1 + i % 3,
                "due_soon": 4,
                "overdue": 20 + i,
                "extended": 9,
                "extension_pending": 6,
                "drafted": 3,
                "merged": 2,
                "invalid": 5,
            }.get(kind, 10 + i)
            out.append((i, kind, topic, channel, ago))
            i += 1
    return out


def load(out) -> None:
    from gongkai.orgs.demo import DEMO_UNITS
    from gongkai.orgs.models import Unit, User

    from . import services
    from .models import Channel, Message

    services.ensure_channels()
    names = {u.name: u.key for u in DEMO_UNITS}
    units = {names[u.name]: u for u in Unit.objects.filter(name__in=names)}
    wanted = ["office"] + [f"{k}_{r}" for k in UNIT_KEYS for r in ("editor", "leader")]
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    if len(users) < len(wanted) or any(k not in units for k in UNIT_KEYS):
        out.write("留言办理：缺少演示单位或人员（请先加载 gongkai.orgs.demo），跳过。\n")
        return
    office = users["office"]
    channels = {c.code: c for c in Channel.objects.all()}
    today = timezone.localdate()
    made = 0
    first_by_topic: dict[str, Message] = {}
    for i, kind, (subject, body, unit_key, category), channel_code, ago in specs():
        title = f"{subject}（{i + 1:02d}）"
        found = Message.objects.filter(subject=title).first()
        if found is not None:
            first_by_topic.setdefault(subject, found)
            continue
        channel = channels[channel_code]
        unit = units[unit_key]
        editor, leader = users[f"{unit_key}_editor"], users[f"{unit_key}_leader"]
        msg = services.submit(
            channel,
            subject=title,
            body=body,
            writer_name=WRITERS[i % len(WRITERS)],
            writer_contact=f"1380000{3000 + i}",
            category=category if category in channel.categories else "",
            wants_private=kind == "private",
            received_on=today - timedelta(days=ago),
        ).message
        made += 1
        first_by_topic.setdefault(subject, msg)
        if kind == "received":
            continue
        if kind == "merged":
            services.merge(msg, actor=office, into=first_by_topic[subject])
            continue
        if kind == "invalid":
            services.declare_invalid(msg, actor=office, reason="内容与政务无关（广告信息）")
            continue
        msg = services.dispatch(msg, actor=office, unit=unit)
        if kind in ("stale", "in_hand", "due_soon", "overdue"):
            continue
        if kind in ("extended", "extension_pending"):
            ext = services.request_extension(msg, actor=editor, days=3, reason="需会同相关部门现场核实")
            if kind == "extended":
                services.decide_extension(ext, actor=leader, approve=True, note="同意延期")
            continue
        adoption = ("adopted", "partly", "not_adopted", "adopted")[i % 4] if kind == "suggestion" else ""
        msg = services.draft_reply(
            msg,
            actor=editor,
            reply=REPLIES[unit_key],
            adoption=adoption,
            adoption_reason="" if adoption == "adopted" else "受场地和资金限制，已纳入明年计划统筹研究。",
        )
        if kind == "drafted":
            continue
        msg = services.approve_reply(msg, actor=leader)
        if kind != "follow_up":  # the follow-up is open only within days of the reply
            _backdate(msg, today, ago, channel.reply_days, late=i % 7 == 0)
            msg.refresh_from_db()
        if kind in ("published", "suggestion"):
            services.publish(msg, actor=office, mask=[c.key for c in services.scan(msg)])
        if kind in ("published", "replied", "private", "suggestion") and i % 3 != 0:
            services.rate(msg, rating=("satisfied", "fairly", "unsatisfied")[i % 5 % 3])
        if kind == "follow_up":
            services.follow_up(msg, text="请问具体什么时候能完成？")
    out.write(f"留言办理：新建留言 {made} 条（共 {Message.objects.count()} 条）。\n")
    load_hotline(out, office, today)


# The 12345 export of the demo: the handling units as the hotline writes them (short names, full names, an alias,
# and one unit the county does not have, which the office leaves for dispatch).
HOTLINE_UNITS = (
    "城关镇",
    "示范县东山镇人民政府",
    "县教体局",
    "县自然资源局",
    "县司法局",
    "发改委",
    "县城市管理局",
)
HOTLINE_FILE = "示范县12345工单（演示）.xlsx"
HOTLINE_REIMPORT = "示范县12345工单（演示，回访后）.xlsx"


def load_hotline(out, office, today) -> None:
    """A 12345 import of 200 work orders (the file made here from fixed data, imported through the services), then
    the same file after the hotline's return visits: 20 work orders carry a result and rating now — the re-import
    updates those 20 and leaves the 180 others unchanged. Skipped when both are done."""
    from . import hotline_samples as samples
    from . import services
    from .models import HotlineImport

    done = set(
        HotlineImport.objects.filter(status=HotlineImport.Status.DONE).values_list("filename", flat=True)
    )
    if HOTLINE_REIMPORT in done:
        return
    rows = samples.rows(
        200,
        units=HOTLINE_UNITS,
        start=today - timedelta(days=31),
        days=30,
        seed=2026,
        prefix="SF",
        replied_share=0.6,
    )
    for name, data in ((HOTLINE_FILE, rows), (HOTLINE_REIMPORT, _after_visits(rows))):
        if name in done:
            continue
        imp = services.upload(samples.to_xlsx(samples.HEADER, data), actor=office, name=name)
        imp = services.check_now(imp, actor=office)
        choices = {p["text"]: None for p in imp.check_result.get("unresolved", [])}
        imp = services.import_now(imp, actor=office, unit_choices=choices)
        out.write(
            f"12345工单：{name} 新建 {imp.created} 条、更新 {imp.updated} 条、无变化 {imp.unchanged} 条、"
            f"拒绝 {imp.refused} 行。\n"
        )


def _after_visits(rows):
    """The export a few days later: 20 open work orders now have the hotline's result and return-visit rating."""
    later = [list(r) for r in rows]
    open_rows = [r for r in later if not r[6]][:20]
    for i, row in enumerate(open_rows):
        row[6] = "经核实已处理完毕，并已电话回复来电人。"
        row[7] = ("满意", "基本满意", "不满意", "满意")[i % 4]
    return later


def _backdate(msg, today, ago, days, late=False) -> None:
    """History: the reply of an older message went out within its limit (a few late ones after it)."""
    from .models import Message

    span = min(ago, days + (4 if late else -1)) if ago > 1 else 0
    replied_on = msg.received_on + timedelta(days=max(span, 0))
    if replied_on > today:
        replied_on = today
    Message.objects.filter(pk=msg.pk).update(
        replied_on=replied_on,
        replied_at=timezone.make_aware(datetime.combine(replied_on, time(15, 0))),
    )
