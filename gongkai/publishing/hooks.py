"""Plug-ins: the portal's navigation, feeds and search, and the staff dashboard cards."""


def register() -> None:
    pass
