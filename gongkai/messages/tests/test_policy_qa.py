"""A good answer becomes a policy Q&A pair in one step (from the masked published copy, never the writer's data);
only the handling unit's staff may, once; and the suggestion-adoption figure (采纳 / 部分采纳 / 未采纳)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.common import figures
from gongkai.messages import services
from gongkai.messages.errors import MessageError
from gongkai.policies.models import Question
from gongkai.policies.vocab import QuestionState

from .factories import message, replied

pytestmark = pytest.mark.django_db


def _published(w):
    msg = replied(
        w,
        body="请问幸福小区改造什么时候开工？我的电话13812345678。",
        reply="您好，幸福小区改造计划于2026年5月开工。\n届时将张贴公告。",
    )
    keys = [c.key for c in services.scan(msg) if c.text == "13812345678"]
    assert keys, "the scanner should offer the phone number"
    return services.publish(msg, actor=w.office, mask=keys)


def test_published_answer_becomes_a_draft_qa_of_the_unit(world, client):
    msg = _published(world)
    pair = services.make_policy_question(msg, actor=world.editor)
    pair = Question.objects.get(pk=pair.pk)
    assert pair.unit == world.town and pair.state == QuestionState.DRAFT
    assert pair.question == msg.public_subject
    assert "2026年5月开工" in pair.answer and "<p>届时将张贴公告。</p>" in pair.answer
    assert "13812345678" not in pair.answer and "张三" not in pair.answer
    assert services.made_question_id(msg) == pair.pk
    with pytest.raises(MessageError):
        services.make_policy_question(msg, actor=world.editor)
    assert Question.objects.count() == 1


def test_only_published_and_only_the_handling_unit(world):
    msg = replied(world)
    with pytest.raises(MessageError):
        services.make_policy_question(msg, actor=world.editor)  # not published yet
    msg = _published(world)
    with pytest.raises(MessageError) as err:
        services.make_policy_question(msg, actor=world.dept_editor)
    assert err.value.code == "forbidden"
    assert Question.objects.count() == 0


def test_the_button_and_the_view(world, client):
    msg = _published(world)
    client.force_login(world.editor)
    assert 'id="policy-question-form"' in client.get(f"/work/messages/{msg.pk}/").content.decode()
    client.post(f"/work/messages/{msg.pk}/policy-question/")
    assert Question.objects.filter(unit=world.town).count() == 1
    html = client.get(f"/work/messages/{msg.pk}/").content.decode()
    assert 'id="policy-question-form"' not in html and "已转为政策问答" in html
    client.force_login(world.dept_editor)
    assert client.post(f"/work/messages/{msg.pk}/policy-question/").status_code == 404


def test_adoption_figure(world):
    from gongkai.messages.models import Message

    for adoption in ("adopted", "adopted", "partly", "not_adopted"):
        msg = replied(world, channel=world.mayor)
        Message.objects.filter(pk=msg.pk).update(adoption=adoption)
    message(world)  # not replied: not counted
    start, end = date(2000, 1, 1), date(2100, 1, 1)
    fig = figures.compute("messages.suggestion_adoption", unit=None, start=start, end=end)
    assert fig.value == 75.0 and (fig.numerator, fig.denominator) == (3, 4)
    assert fig.extra == {"adopted": 2, "partly": 1, "not_adopted": 1}
    none = figures.compute("messages.suggestion_adoption", unit=world.dept, start=start, end=end)
    assert none.value is None and none.denominator == 0
