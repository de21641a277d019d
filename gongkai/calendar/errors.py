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


class NoticeHasProblems(CalendarImportError):
    """The notice breaks 《全国年节及纪念日放假办法》 or has invalid dates; ``problems`` lists each one. Only a
    system administrator's override with a reason saves it anyway."""

    def __init__(self, year: int, problems: list[str]):
        self.year, self.problems = year, problems
        listed = "；".join(f"{i}. {problem}" for i, problem in enumerate(problems, 1))
        super().__init__(
            f"{year}年通知有{len(problems)}处问题，未保存：{listed}。请粘贴完整、正确的通知全文后重新预览。",
            field="text",
            code="problems",
        )
