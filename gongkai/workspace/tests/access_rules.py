from tests.access import Rule

RULES = {
    "workspace:dashboard": Rule("any_staff"),
}
