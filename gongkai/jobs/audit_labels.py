"""The Chinese names of the jobs app's audit actions (registered in ``AppConfig.ready``)."""

LABELS = {
    "jobs.started": "启动后台作业",
}
