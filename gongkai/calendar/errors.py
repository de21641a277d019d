"""Refusals of the calendar services (法定工作日历), as ``gongkai.core.errors.ServiceError`` subclasses."""

from gongkai.core.errors import ServiceError


class CalendarImportError(ServiceError):
    """Nothing was saved; the message says why and what to do (``field="text"`` when the notice text is at fault)."""


class YearAlreadyCovered(CalendarImportError):
    """The year is in the table already and the import did not ask to replace it; ``changes`` is the diff
    (``services.DayChange`` items)."""

    def __init__(self, year: int, source: str, changes: list):
        self.year, self.changes = year, changes
        what = f"与导入内容相比有{len(changes)}处不同" if changes else "与导入内容一致"
        super().__init__(
            f"{year}年节假日安排已存在（来源：{source}），{what}。未作修改；如确需以本通知替换，请勾选“替换已有安排”后再次确认。"
        )
