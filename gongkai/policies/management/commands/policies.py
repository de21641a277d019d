"""``gongkai policies refresh|alerts|rates`` (政策文件库的日常任务).

refresh: recompute every document's derived validity columns and 有效性 (run daily from cron, see docs/policies.md).
alerts:  the published documents inside their evaluation window without a decision, per issuing unit.
rates:   the year's 解读率、重大政策解读率、多元化解读比例、三同步率 and late interpretations, county and units.
"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.audit.context import audit_context
from gongkai.common import cliargs
from gongkai.policies import selectors, services


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(f"日期“{value}”格式不正确，请按 2026-03-01 的格式填写。") from None


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal where a CJK character takes two columns."""
    used = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(1, width - used)


class Command(BaseCommand):
    help = "政策文件库：refresh 重新计算有效性；alerts 列出到期待评估文件；rates 打印年度解读比率。"
    # Run by the job system (gongkai/jobs/schedule.py), no crontab needed.
    periodic_jobs = {"policies refresh": "policies.refresh", "policies alerts": "policies.alerts"}

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        r = sub.add_parser("refresh", help="按当天日期更新全部文件的有效性（建议每日运行）")
        r.add_argument("--date", help="按指定日期计算（默认今天），格式 2026-03-01")
        r.add_argument("--full", action="store_true", help="同时按现行规则重新计算每份文件的有效期（较慢）")
        a = sub.add_parser("alerts", help="按单位列出进入到期评估期、尚未作出评估结论的文件")
        a.add_argument("--date", help="按指定日期计算（默认今天）")
        t = sub.add_parser("rates", help="打印全县和各单位的年度解读率、多元化解读比例、三同步率")
        t.add_argument("--year", type=cliargs.year, default=None, help="年度（默认今年）")

    def handle(self, *args, subcommand, **options):
        with audit_context(channel="cli"):
            getattr(self, f"do_{subcommand}")(**options)

    def do_refresh(self, date=None, full=False, **_):
        today = _day(date)
        day = today or timezone.localdate()
        if full:
            n = services.refresh_all(today=today)
            self.stdout.write(f"已重新计算 {n} 份政策文件的有效期和状态（{day}）。")
            return
        n = services.sync_validity(today=today)
        self.stdout.write(f"已按{day}更新政策文件的有效性：{n} 份发生变化。")

    def do_alerts(self, date=None, **_):
        today = _day(date) or timezone.localdate()
        docs = selectors.expiring(today)
        if not docs:
            self.stdout.write(f"{today}：没有待评估的文件。")
            return
        self.stdout.write(
            f"{today}：{len(docs)} 份文件已进入到期评估期，尚未作出评估结论（延续、重新制发或到期失效）。"
        )
        by_unit: dict[str, list] = {}
        for doc in docs:
            by_unit.setdefault(doc.publication.unit.display_name, []).append(doc)
        for unit, items in by_unit.items():
            self.stdout.write(f"\n{unit}（{len(items)} 份）")
            for doc in items:
                left = (doc.expires_on - today).days
                self.stdout.write(
                    f"  {doc.doc_number or '（无文号）'}　《{doc.publication.title}》"
                    f"　有效期至 {doc.expires_on}（还有 {left} 天），评估期自 {doc.evaluation_due} 起"
                )

    def do_rates(self, year=None, **_):
        year = year or timezone.localdate().year
        result = selectors.year_rates(year)
        local = selectors.rules()
        self.stdout.write(
            f"{year}年政策解读情况（三同步期限：{local.sync_working_days} 个工作日；目标：解读率 "
            f"{local.interpretation_target}%，重大政策 {local.major_target}%，多元化 {local.diverse_target}%，"
            f"三同步 {local.sync_target}%）"
        )
        header = [
            "单位",
            "发布文件",
            "需解读",
            "已解读",
            "解读率",
            "重大政策解读率",
            "多元化解读比例",
            "三同步率",
            "逾期解读",
        ]
        widths = [26, 10, 8, 8, 9, 16, 16, 10, 8]
        self.stdout.write("".join(_pad(h, w) for h, w in zip(header, widths, strict=True)))
        rows = [("全县", result.county)] + [(r.unit, r) for r in result.units]
        for name, r in rows:
            cells = [
                name,
                str(r.documents),
                str(r.needing),
                str(r.interpreted),
                _pct(r.interpretation_rate),
                _pct(r.major_rate) + (f"（{r.major_interpreted}/{r.major}）" if r.major else ""),
                _pct(r.diverse_rate) + (f"（{r.diverse}/{r.interpretations}）" if r.interpretations else ""),
                _pct(r.sync_rate),
                str(r.late),
            ]
            self.stdout.write("".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)))
        late = result.county.late_items
        if late:
            self.stdout.write("\n逾期或缺少解读的文件：")
            for item in late:
                state = "已解读" if item.interpreted else "尚无解读"
                self.stdout.write(
                    f"  {item.doc.unit}《{item.doc.title}》：{state}，晚 {item.late_days} 个工作日；{item.explain()}"
                )
