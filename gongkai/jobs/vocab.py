"""The vocabularies of a job run (作业运行): its status and what started it."""

from django.db import models


class Status(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "运行中"
    SUCCEEDED = "succeeded", "成功"
    FAILED = "failed", "失败"
    RETRYING = "retrying", "重试中"
    SKIPPED = "skipped", "已跳过"


# A run in one of these states will not change any more.
FINISHED = frozenset({Status.SUCCEEDED, Status.FAILED, Status.SKIPPED})


class Trigger(models.TextChoices):
    SCHEDULE = "schedule", "定时"
    MANUAL = "manual", "手动运行"
    ACTION = "action", "用户操作"
