"""The append-only audit log (审计日志) with a hash chain."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One state change: who did what to which object, from what to what, when and from where.

    ``hash`` covers this event's content and the previous event's hash, so altering or deleting any event breaks
    every later link; ``gongkai audit verify`` walks the chain.
    """

    time = models.DateTimeField("时间", db_index=True)
    # The ids are part of the hashed content: deleting a user or unit must not touch the event (SET_NULL would
    # rewrite it and break the chain, and the database triggers refuse the UPDATE), so no cascade and no constraint.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    unit_name = models.CharField("单位", max_length=100, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    reason = models.TextField("说明", blank=True)
    client_ip = models.GenericIPAddressField("客户端地址", null=True, blank=True)
    channel = models.CharField("渠道", max_length=20, default="web")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "审计事件"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("审计事件只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计事件只能追加，不能删除。")


class AuditChainHead(models.Model):
    """A single row locked while an event is appended, so concurrent writers extend the chain one at a time."""

    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} events, head {self.last_hash[:12]}"
