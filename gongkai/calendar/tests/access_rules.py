from tests.access import Rule

RULES = {
    "calendar:index": Rule("any_staff"),
    "calendar:year": Rule("any_staff", lambda ctx: {"year": 2026}),
    "calendar:calculator": Rule("any_staff"),
    "calendar:import": Rule("office_only"),
}
