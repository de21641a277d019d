"""Background and scheduled jobs (后台作业): huey queue, job registry, schedule table, run records, pages."""
