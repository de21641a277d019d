"""Public participation figures: a consultation with 5,000 opinions — the staff list with filters and duplicate
grouping (p50/p95), and the feedback report (.docx); the baseline is the same on a consultation with 50 opinions,
measured in the same run.

    .venv/bin/python bench/participation.py [--opinions 5000] [--requests 30]

Uses a throwaway SQLite database under a temporary directory (or DATABASE_URL if set: use a scratch database).
Opinions are bulk-inserted (this measures reads) with realistic spreads: a clause for two in three, one in five a
duplicate of an earlier text, 2% hidden, the rest decided or pending.
"""

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.participation import exports, services  # noqa: E402
from gongkai.participation.models import Consultation, Opinion  # noqa: E402
from gongkai.publishing import services as publishing  # noqa: E402

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
CLAUSES = [f"第{n}条" for n in "一二三四五六七八九十"]
TEXTS = [
    "建议提高补助标准",
    "建议延长过渡期",
    "请明确适用范围",
    "建议简化申请材料",
    "建议公开资金使用情况",
    "支持该办法",
    "建议增加监督条款",
    "建议听取基层意见",
]


def world():
    from gongkai.orgs.models import Membership, Unit, User
    from gongkai.roles import Role

    unit, _ = Unit.objects.get_or_create(name="压测县发展和改革委员会", defaults={"short_name": "压测发改委"})
    users = {}
    for role in (Role.EDITOR, Role.REVIEWER):
        user, created = User.objects.get_or_create(
            username=f"bench_{role}", defaults={"full_name": f"压测{role}"}
        )
        if created:
            Membership.objects.create(user=user, unit=unit, role=role)
        users[role] = user
    return unit, users[Role.EDITOR], users[Role.REVIEWER]


def consultation(unit, editor, reviewer, title: str, n: int) -> Consultation:
    found = Consultation.objects.filter(title=title).first()
    if found:
        return found
    body = "".join(
        f"<p>{label}　本条规定第{i}项内容，补助标准为每户{100 * i}元。</p>"
        for i, label in enumerate(CLAUSES, 1)
    )
    start = timezone.localdate() - timedelta(days=40)
    c = services.create_consultation(
        unit,
        actor=editor,
        body=body,
        title=title,
        starts_on=start,
        ends_on=start + timedelta(days=29),
        channels=["online"],
    )
    publishing.submit(c.publication, actor=editor)
    publishing.decide_review(c.publication, actor=reviewer, checks=ALL_PASS, verdict="approved")
    publishing.publish(c.publication, actor=reviewer)
    rng = random.Random(n)
    rows = []
    texts = []
    now = timezone.now()
    for i in range(n):
        if texts and rng.random() < 0.2:
            text = rng.choice(texts)
        else:
            text = f"{rng.choice(TEXTS)}（第{i}号意见），理由是{rng.choice(TEXTS)}。" * rng.randint(1, 4)
            texts.append(text)
        state = rng.choices(["decided", "pending", "hidden"], weights=[60, 38, 2])[0]
        rows.append(
            Opinion(
                consultation=c,
                tracking_code=f"YJ-B{n:05d}-{i:06d}",
                name=f"市民{i}",
                contact=f"138{i:08d}",
                clause=rng.choice(CLAUSES) if rng.random() < 0.67 else "",
                body=text,
                submitted_at=now - timedelta(minutes=i),
                state=state,
                adoption=rng.choice(["adopted", "partly", "rejected"]) if state == "decided" else "",
                reason="已研究。" if state == "decided" else "",
                hidden_reason="广告" if state == "hidden" else "",
                fingerprint=hashlib.sha256("".join(ch for ch in text if ch.isalnum()).encode()).hexdigest(),
            )
        )
    Opinion.objects.bulk_create(rows, batch_size=1000)
    services.set_final(c, actor=editor, final_text=c.publication.body_text.replace("每户300元", "每户350元"))
    return c


def timings(client, url: str, requests: int) -> list[float]:
    client.get(url)  # warm-up
    out = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opinions", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from gongkai.calendar import services as calendar

    calendar.seed_from_package(years=[timezone.localdate().year])
    unit, editor, reviewer = world()
    t0 = time.perf_counter()
    big = consultation(unit, editor, reviewer, f"压测征集{args.opinions}", args.opinions)
    small = consultation(unit, editor, reviewer, "压测征集50", 50)
    print(
        f"set-up: {args.opinions} + 50 opinions in {time.perf_counter() - t0:.1f} s; load average {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    client.force_login(editor)
    filters = {
        "default": "",
        "state=pending": "?state=pending",
        "clause=第三条": "?clause=%E7%AC%AC%E4%B8%89%E6%9D%A1",
        "duplicates": "?duplicates=on",
        "keyword": "?q=%E8%A1%A5%E5%8A%A9",
        "page 40": "?page=40",
    }
    print(f"staff list, {args.requests} requests each (ms):")
    worst = 0.0
    for label, query in filters.items():
        big_t = timings(client, f"/work/participation/consultations/{big.pk}/{query}", args.requests)
        base_t = timings(client, f"/work/participation/consultations/{small.pk}/{query}", args.requests)
        worst = max(worst, p(big_t, 95))
        print(
            f"  {label:14s} {args.opinions} opinions p50 {p(big_t, 50):6.1f} p95 {p(big_t, 95):6.1f}"
            f" | 50 opinions p95 {p(base_t, 95):6.1f} | ratio {p(big_t, 95) / p(base_t, 95):.2f}"
        )
    print(f"  worst p95: {worst:.1f} ms (target < 300 ms): {'OK' if worst < 300 else 'OVER'}")
    # The public feedback page (100 opinions a page): the feedback is published on both consultations (bench data:
    # every pending opinion decided by a bulk update, as the bench measures reads).
    now = timezone.now()
    for c in (big, small):
        c.opinions.filter(state="pending").update(state="decided", adoption="rejected", reason="已研究。")
        Consultation.objects.filter(pk=c.pk).update(feedback_published_at=now)
    public = client  # a visitor with a session: the portal page cache does not answer, every page is rendered
    print(f"public feedback page (rendered, not from the page cache), {args.requests} requests each (ms):")
    last_page = -(-args.opinions // 100)
    for label, query in (("page 1", ""), (f"page {last_page}", f"?page={last_page}")):
        big_t = timings(public, f"/hdjl/yjzj/{big.pk}/fankui/{query}", args.requests)
        base_t = timings(public, f"/hdjl/yjzj/{small.pk}/fankui/", args.requests)
        print(
            f"  {label:14s} {args.opinions} opinions p50 {p(big_t, 50):6.1f} p95 {p(big_t, 95):6.1f}"
            f" | 50 opinions p95 {p(base_t, 95):6.1f} | ratio {p(big_t, 95) / p(base_t, 95):.2f}"
        )
    # A server process has the clause diff's word segmenter (jieba) loaded after its first diff, as here after the
    # page requests above; the .docx times below do not include loading its dictionary (≈ 1–4 s, once per process).
    services.draft_diff(small)
    for label, c in ((str(args.opinions), big), ("50", small)):
        t0 = time.perf_counter()
        data = exports.feedback_docx(c)
        seconds = time.perf_counter() - t0
        if label == "50":
            base_s = seconds
        else:
            big_s, size = seconds, len(data)
    print(
        f"feedback .docx: {args.opinions} opinions {big_s:.2f} s ({size / 1024:.0f} KB; target < 5 s: "
        f"{'OK' if big_s < 5 else 'OVER'}) | 50 opinions {base_s:.3f} s | ratio {big_s / base_s:.0f}"
    )


if __name__ == "__main__":
    main()
