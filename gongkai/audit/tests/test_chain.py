"""The hash chain: what services record verifies, and every kind of tampering is named by ``gongkai audit verify``."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.audit import chain, services
from gongkai.audit.context import audit_context
from gongkai.audit.models import AuditChainHead, AuditEvent

from .conftest import attack, make_events


def run_verify(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_recorded_events_verify_and_link(people, units):
    events = make_events(5, actor=people["editor_a"], unit=units[0])
    assert events[0].prev_hash == chain.GENESIS
    for earlier, later in zip(events, events[1:], strict=False):
        assert later.prev_hash == earlier.hash
    head = AuditChainHead.objects.get(pk=1)
    assert (head.count, head.last_hash) == (5, events[-1].hash)
    result = services.verify()
    assert result.ok and result.checked == 5
    code, out, _ = run_verify()
    assert code == 0
    assert "审计日志完整：共 5 条事件，哈希链校验通过。" in out
    assert events[-1].hash in out


def test_an_empty_log_verifies(db):
    code, out, _ = run_verify()
    assert code == 0
    assert "共 0 条事件" in out


def test_stored_values_hash_the_same_when_read_back(db):
    """Values a backend could store differently (jsonb numbers, IPv6 forms, nesting) still verify."""
    odd = {
        "big": 1e16,
        "huge": 1.5e300,
        "neg_zero": -0.0,
        "small": 1e-7,
        "third": 1 / 3,
        "int": 2**62,
        "nested": {"z": [1, "二", None, True], "a": {"b": 0.1}},
        "text": '引号"与\\反斜杠\n换行 emoji 🙂',
        "date": "2026-03-01",
    }
    for ip in ["2001:0DB8:0:0:1:0:0:1", "::ffff:10.1.2.3", "fe80::1%eth0", "10.0.0.7", "unknown", ""]:
        with audit_context(client_ip=ip):
            services.record(actor=None, action="test.odd", object_type="t", after=odd, before={"k": [odd]})
    stored = list(AuditEvent.objects.order_by("id").values_list("client_ip", flat=True))
    assert stored == ["2001:db8::1:0:0:1", "10.1.2.3", "fe80::1", "10.0.0.7", None, None]
    assert services.verify().ok


def test_non_finite_numbers_are_refused_with_a_message(db):
    with pytest.raises(ValueError, match="不是有限数"):
        services.record(actor=None, action="test.nan", object_type="t", after={"x": float("nan")})
    assert not AuditEvent.objects.exists()


def test_altered_event_is_named(people, units):
    events = make_events(6, actor=people["editor_a"], unit=units[0])
    target = events[2]
    attack("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"title": "篡改后的标题"}', target.pk])
    result = services.verify()
    assert not result.ok
    assert result.first_broken_id == target.pk
    assert result.checked == 2
    code, _, err = run_verify()
    assert code == 1
    assert f"事件编号：{target.pk}" in err
    assert "内容被改动" in err
    assert "文件2" in err  # the object of the broken event


def test_altered_actor_name_is_detected(people, units):
    events = make_events(3, actor=people["editor_a"], unit=units[0])
    attack("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["别人", events[0].pk])
    assert services.verify().first_broken_id == events[0].pk


def test_rehashed_event_breaks_the_next_link(people, units):
    """An attacker who also recomputes the altered event's hash is caught at the next event."""
    events = make_events(4, actor=people["editor_a"], unit=units[0])
    target = events[1]
    forged = AuditEvent.objects.get(pk=target.pk)
    forged.object_repr = "伪造对象"
    new_hash = chain.link_hash(forged.prev_hash, chain.event_fields(forged))
    attack(
        "UPDATE audit_auditevent SET object_repr = %s, hash = %s WHERE id = %s",
        ["伪造对象", new_hash, target.pk],
    )
    result = services.verify()
    assert not result.ok
    assert result.first_broken_id == events[2].pk
    assert "链接不符" in result.problem


def test_deleted_middle_event_is_detected(people, units):
    events = make_events(5, actor=people["editor_a"], unit=units[0])
    attack("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    result = services.verify()
    assert not result.ok
    assert result.first_broken_id == events[3].pk
    code, _, err = run_verify()
    assert code == 1
    assert f"事件编号：{events[3].pk}" in err
    assert "删除" in err


def test_deleted_newest_event_is_detected_by_the_head(people, units):
    events = make_events(5, actor=people["editor_a"], unit=units[0])
    attack("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    result = services.verify()
    assert not result.ok
    assert result.first_broken_id is None
    assert "最新的事件被删除" in result.problem
    code, _, err = run_verify()
    assert code == 1
    assert events[-1].hash in err  # the head still names the missing event's hash
    assert f"#{events[-2].pk}" in err


def test_deleted_head_is_detected(people, units):
    make_events(3, actor=people["editor_a"], unit=units[0])
    attack("DELETE FROM audit_auditchainhead")
    result = services.verify()
    assert not result.ok
    assert "链头记录缺失" in result.problem


def test_anchor_catches_a_rewritten_tail(people, units):
    """Deleting the newest event and rewinding the head passes the chain check; the off-box anchor does not."""
    events = make_events(4, actor=people["editor_a"], unit=units[0])
    anchor = events[-1].hash
    assert run_verify("--anchor", anchor)[0] == 0
    attack("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditchainhead SET last_hash = %s, count = count - 1 WHERE id = 1",
            [events[-2].hash],
        )
    assert services.verify().ok
    code, out, err = run_verify("--anchor", anchor)
    assert code == 2
    assert "共 3 条事件" in out
    assert anchor in err and "整体改写" in err


def test_missing_triggers_fail_verify_even_with_an_intact_chain(people, units):
    make_events(2, actor=people["editor_a"], unit=units[0])
    attack("SELECT 1")
    code, out, err = run_verify()
    assert code == 2
    assert "哈希链校验通过" in out
    assert "触发器缺失" in err


def test_deleting_a_user_or_unit_leaves_their_events_intact(people, units):
    from gongkai.orgs.models import Unit, User

    unit = Unit.objects.create(name="测试县临时机构")
    user = User.objects.create_user("temp", password="Temp2026account", full_name="临时工")
    make_events(2, actor=user, unit=unit)
    user_id = user.pk
    user.delete()
    unit.delete()
    event = AuditEvent.objects.order_by("id").last()
    assert (event.actor_id, event.actor_name, event.unit_name) == (user_id, "临时工", "测试县临时机构")
    assert services.verify().ok
