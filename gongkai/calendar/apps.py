from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "gongkai.calendar"
    label = "calendar"
    verbose_name = "法定工作日历"
