from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "gongkai.calendar"
    label = "calendar"
    verbose_name = "法定工作日历"

    def ready(self):
        from gongkai.audit.presentation import register_actions

        from .audit_labels import KEYS, LABELS, VALUES

        register_actions(LABELS, KEYS, VALUES)
        from gongkai.workspace.registry import register

        from .cards import missing_calendar_cards

        register(missing_calendar_cards, order=90)
