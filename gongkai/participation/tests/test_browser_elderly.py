"""Browser: the 互动交流 pages in elderly-friendly mode (适老化, the ``gk_elderly`` cookie) at desktop and phone width —
large type everywhere, nothing wider than the screen, no text cut off by its box. Screenshots in var/screenshots/."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
ROOT_FONT = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
# Every text element of the content at ≥ 18px (the elderly mode's root is ≥ 20px; small print may be 0.9em).
SMALLEST_TEXT = """(() => {
  let least = 1000, where = '';
  for (const el of document.querySelectorAll('main *')) {
    if (!el.offsetParent || el.closest('.visually-hidden')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < least) { least = size; where = el.tagName + ' ' + el.textContent.trim().slice(0, 30); }
  }
  return [least, where];
})()"""
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# An element whose content is wider than its box, or reaching past the screen, outside a horizontal scroll
# container (a wide table scrolls inside its own box by design): its text is cut off or spills over its neighbours.
OVERFLOWING = """(() => {
  const out = [];
  const scrolls = el => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const offscreen = el => {  // hidden for the eye, kept for screen readers (1px boxes far to the left)
    for (let up = el; up; up = up.parentElement) {
      if (getComputedStyle(up).position === 'absolute' && up.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('main *')) {
    if (!el.offsetParent || el.closest('.visually-hidden, .hp') || offscreen(el)) continue;
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) || scrolls(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.display !== 'inline') {
      out.push(el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 30));
    }
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1) out.push('past the screen: ' + el.tagName + '.' + el.className);
  }
  return out.slice(0, 10);
})()"""


def _world():
    from gongkai.calendar import services as calendar
    from gongkai.participation import services
    from gongkai.participation.models import Opinion
    from gongkai.publishing.tests.conftest import build_world

    from .factories import catalog, closed, consultation, decision

    calendar.seed_from_package(years=[2026])
    w = build_world()
    today = timezone.localdate()
    open_one = consultation(w, title="示范县农村生活垃圾分类管理办法（关于分类投放、收集、运输和处置的规定）")
    done = closed(w, title="示范县城区停车场收费管理办法")
    Opinion.objects.bulk_create(
        Opinion(
            consultation=done,
            tracking_code=f"YJ-EL{i:04d}-00",
            name="欧阳明珠",
            clause="第三条" if i % 2 else "",
            body="建议对老旧小区周边的临时停车位实行前两小时免费，并在医院、学校周边设置即停即走车位。"
            + "https://example.com/a-very-long-link-without-spaces-" * (i % 3),
            submitted_at=timezone.now() - timedelta(days=5, minutes=i),
            state="decided",
            adoption=("adopted", "partly", "rejected")[i % 3],
            reason="部分采纳：在第三条增加医院、学校周边即停即走车位的规定。",
            fingerprint=hashlib.sha256(str(i).encode()).hexdigest(),
        )
        for i in range(12)
    )
    services.set_final(
        done,
        actor=w.editor,
        final_text=done.publication.body_text.replace("每户补助800元", "每户补助1000元"),
        summary="共收到意见12条，经研究采纳了大部分合理建议。",
    )
    services.publish_feedback(done, actor=w.editor)
    cat = catalog(w)
    decision(w, cat, title="示范县城区供水管网改造及水价调整（涉及重大公共利益的事项）")
    services.publish_catalog(cat, actor=w.office, approved_on=today, approval_document="示委〔2026〕12号")
    plan = services.save_plan(
        w.town, actor=w.editor, year=2026, months="4月、8月", themes=["走进政务服务中心"]
    )
    now = timezone.now()
    session = services.add_session(
        plan,
        actor=w.editor,
        title="走进政务服务中心：体验“一网通办”",
        starts_at=now + timedelta(days=10),
        place="县政务服务中心三楼多功能厅",
        capacity=20,
        signup_deadline=now + timedelta(days=5),
    )
    meeting = services.create_meeting(
        w.town,
        actor=w.editor,
        title="镇政府第12次常务会议",
        held_on=today + timedelta(days=10),
        topics=["停车难"],
    )
    return [
        ("/hdjl/", "index"),
        ("/hdjl/yjzj/", "consultations"),
        (f"/hdjl/yjzj/{open_one.pk}/", "consultation-open"),
        (f"/hdjl/yjzj/{done.pk}/", "consultation-closed"),
        (f"/hdjl/yjzj/{done.pk}/fankui/", "feedback"),
        ("/hdjl/yjzj/chaxun/", "track"),
        ("/hdjl/jcml/", "catalogs"),
        (f"/hdjl/jcml/{cat.pk}/", "catalog"),
        ("/hdjl/kfr/", "open-days"),
        (f"/hdjl/kfr/{session.pk}/", "session"),
        ("/hdjl/lxhy/", "meetings"),
        (f"/hdjl/lxhy/{meeting.pk}/", "meeting"),
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_participation_pages_in_elderly_mode(page, live_server, width):
    pages = _world()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/hdjl/")
    normal_root = page.evaluate(ROOT_FONT)
    page.context.add_cookies([{"name": "gk_elderly", "value": "1", "url": live_server.url}])
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for path, name in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.className") == "elderly", path
        root = page.evaluate(ROOT_FONT)
        least, where = page.evaluate(SMALLEST_TEXT)
        if not (root >= 20 > normal_root):
            problems.append(f"{path}: root font {root}px")
        if least < 18:
            problems.append(f"{path}: text at {least}px ({where})")
        if not page.evaluate(NO_SIDEWAYS_SCROLL):
            problems.append(f"{path}: the page scrolls sideways at {width}px")
        for item in page.evaluate(OVERFLOWING):
            problems.append(f"{path}: overflow {item}")
        if (
            name == "feedback"
        ):  # the opinions' table is read row by row, not scrolled sideways, even on a phone
            table = "document.querySelector('#feedback-table')"
            if page.evaluate(f"{table}.scrollWidth > {table}.clientWidth + 1"):
                problems.append(f"{path}: the opinions' table scrolls sideways at {width}px")
            if width < 600:  # each value with its column's name before it
                label = page.evaluate(
                    "getComputedStyle(document.querySelector('#feedback-table td[data-label=意见内容]'),"
                    " '::before').content"
                )
                assert "意见内容" in label
        page.screenshot(path=str(SHOTS / f"participation-{name}-{width}-elderly.png"), full_page=True)
    assert not problems, "\n".join(problems)
