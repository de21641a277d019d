"""Clause-aligned diff (新旧政策差异) of two ~30,000-character versions of a real-looking county regulation.

    .venv/bin/python bench/policy_diff.py [--articles 380] [--runs 5]

Generates a regulation of ~380 articles in chapters with varied clause text (applications, time limits, standards,
duties, penalties), and a revision with a few articles added, removed and reworded plus changed figures, so that
everything after the first insertion is renumbered. Prints the jieba first-load time, the first diff (cold) and the
median of ``--runs`` diffs after a warm-up for ``core.policy.diff_documents``, and the baseline
``difflib.SequenceMatcher`` over the two texts' lines (which knows nothing of clauses, numbering or words).
No database, no Django.
"""

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ACTORS = [
    "县农业农村局",
    "县财政局",
    "县民政局",
    "县自然资源局",
    "县住房和城乡建设局",
    "县市场监管局",
    "县行政审批局",
    "县人力资源和社会保障局",
    "乡镇人民政府（街道办事处）",
    "村（居）民委员会",
]
ITEMS = [
    ("耕地地力保护补贴", "亩", 105),
    ("农机购置补贴", "台", 3000),
    ("高龄津贴", "人每月", 60),
    ("城乡低保", "人每月", 750),
    ("创业补贴", "户", 5000),
    ("危房改造补助", "户", 15000),
    ("学生生活补助", "生每年", 1000),
    ("养老服务补贴", "人每月", 100),
    ("公益性岗位补贴", "人每月", 1200),
    ("人居环境整治奖补", "村", 20000),
]
MATERIALS = [
    "申请表、身份证明和户口簿",
    "土地承包经营权证或者确权登记证明",
    "营业执照、场地租赁合同和纳税证明",
    "家庭收入和财产状况申报表",
    "银行账户信息和承诺书",
    "设计方案、施工合同和验收报告",
]
TEMPLATES = [
    "申请{item}的，应当向户籍所在地{actor}提出书面申请，并提交{materials}。",
    "{actor}应当自受理申请之日起{days}个工作日内完成审核；情况复杂的，经批准可以延长{extra}个工作日，并告知申请人。",
    "{item}的标准为每{unit}{amount}元，由{actor}会同{actor2}根据上级资金和本县实际每{period}年调整一次，并向社会公布。",
    "{actor}应当将{item}的审核结果在村（社区）公示，公示期不少于{notice}日；对公示有异议的，应当在{days}个工作日内复核。",
    "{item}资金实行专账管理、专款专用，任何单位和个人不得截留、挤占、挪用；{actor}每年对资金使用情况开展一次绩效评价。",
    "违反本办法规定，以虚报、冒领等手段骗取{item}的，由{actor}责令退回，并依法依规追究责任。",
    "{actor}应当建立{item}工作台账，对申请、审核、发放各环节留痕管理，台账保存期限不少于{period}年。",
    "对符合条件的申请人，{actor}应当通过惠民惠农财政补贴资金“一卡通”按{cycle}发放{item}，不得以现金形式发放。",
    "{actor}应当公开{item}的政策依据、申请条件、办理流程和监督电话，主动接受社会监督。",
    "已享受其他同类补助的，不重复享受{item}；{actor}应当通过数据共享进行比对核查。",
    "{actor}工作人员在{item}工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
    "申请人对{actor}作出的{item}审核决定不服的，可以依法申请行政复议或者提起行政诉讼。",
]
CHAPTERS = [
    "总则",
    "申请条件",
    "标准与资金",
    "申请与审核",
    "发放管理",
    "公开公示",
    "监督检查",
    "绩效评价",
    "法律责任",
    "附则",
]
CN = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numeral as in 第一百二十三条."""
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    rest = n % 100
    head = CN[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + CN[rest]
    if rest < 20:
        return head + "一十" + (CN[rest % 10] if rest % 10 else "")
    return head + cn_number(rest)


def clause(rng: random.Random) -> str:
    item, unit, amount = rng.choice(ITEMS)
    a1, a2 = rng.sample(ACTORS, 2)
    text = rng.choice(TEMPLATES).format(
        item=item,
        unit=unit,
        amount=amount * rng.choice([1, 1, 2, 3]),
        actor=a1,
        actor2=a2,
        materials=rng.choice(MATERIALS),
        days=rng.choice([5, 7, 10, 15, 20, 30]),
        extra=rng.choice([5, 10, 15]),
        period=rng.choice([1, 2, 3, 5]),
        notice=rng.choice([5, 7, 10]),
        cycle=rng.choice(["月", "季度", "年度"]),
    )
    if rng.random() < 0.36:  # a second sentence makes the clauses less alike
        text += rng.choice(TEMPLATES).format(
            item=rng.choice(ITEMS)[0],
            unit="人",
            amount=rng.randint(50, 900),
            actor=rng.choice(ACTORS),
            actor2=rng.choice(ACTORS),
            materials=rng.choice(MATERIALS),
            days=rng.choice([5, 10, 20]),
            extra=10,
            period=rng.choice([1, 3]),
            notice=7,
            cycle="季度",
        )
    return text


def render(chapters: list[tuple[str, list[str]]]) -> str:
    lines, n = ["示范县惠民惠农财政补贴资金管理办法"], 0
    for i, (name, articles) in enumerate(chapters, 1):
        lines.append(f"第{cn_number(i)}章　{name}")
        for body in articles:
            n += 1
            lines.append(f"第{cn_number(n)}条　{body}")
    return "\n".join(lines)


def versions(articles: int, seed: int = 5) -> tuple[str, str, dict]:
    rng = random.Random(seed)
    per = articles // len(CHAPTERS)
    old = [
        (name, [clause(rng) for _ in range(per + (1 if i < articles % len(CHAPTERS) else 0))])
        for i, name in enumerate(CHAPTERS)
    ]
    new = [(name, list(bodies)) for name, bodies in old]
    edits = {"added": 0, "removed": 0, "changed": 0}
    # Two articles added early (everything after them is renumbered), two more later.
    for chapter, at in ((1, 3), (2, 0), (6, 5), (8, 2)):
        new[chapter][1].insert(at, clause(rng) + "本条为新增规定。")
        edits["added"] += 1
    for chapter, at in ((3, 4), (5, 1), (7, 6)):
        del new[chapter][1][at]
        edits["removed"] += 1
    # Figures and words changed in place in ~8% of the articles.
    for _chapter, bodies in new:
        for k, body in enumerate(bodies):
            if rng.random() < 0.08:
                changed = body.replace("个工作日", "个工作日（不含公示时间）", 1)
                for a, b in (("每1年", "每2年"), ("公示期不少于5日", "公示期不少于7日"), ("按月", "按季度")):
                    changed = changed.replace(a, b, 1)
                if changed == body:
                    changed = body.rstrip("。") + "，具体办法由县财政局另行制定。"
                bodies[k] = changed
                edits["changed"] += 1
    return render(old), render(new), edits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=380)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    old, new, edits = versions(args.articles)

    t = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba_load = time.perf_counter() - t

    from gongkai.core.policy import diff_documents, parse_clauses

    t = time.perf_counter()
    result = diff_documents(old, new)
    cold = time.perf_counter() - t
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        result = diff_documents(old, new)
        times.append(time.perf_counter() - t)

    base = []
    for _ in range(args.runs):
        t = time.perf_counter()
        matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
        opcodes = matcher.get_opcodes()
        base.append(time.perf_counter() - t)
    line_changes = sum(1 for op in opcodes if op[0] != "equal")

    median, base_median = statistics.median(times), statistics.median(base)
    print(
        f"versions: {len(old)} / {len(new)} characters, "
        f"{len(parse_clauses(old).articles())} / {len(parse_clauses(new).articles())} articles; "
        f"edits made: {edits}"
    )
    print(f"jieba first load (dictionary)          {jieba_load * 1000:8.0f} ms")
    print(f"diff_documents, first call             {cold * 1000:8.0f} ms")
    print(
        f"diff_documents, median of {args.runs} (warm)      {median * 1000:8.0f} ms   counts {result.counts()}"
    )
    print(
        f"difflib.SequenceMatcher over lines     {base_median * 1000:8.1f} ms   ({line_changes} non-equal blocks)"
    )
    print(f"ratio diff_documents / difflib lines   {median / base_median:8.1f}×")
    print(f"summary lines: {len(result.summary())}, e.g. {result.summary()[:3]}")


if __name__ == "__main__":
    main()
