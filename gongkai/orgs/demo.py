def load(out):
    """Create the demo county's units and staff (filled in by the units work)."""


def print_logins(out):
    out.write("演示账号：（待补充）")
