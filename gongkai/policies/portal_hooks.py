"""Portal plug-ins of the policy library: navigation, home feed and site search (registered from ``hooks``)."""


def register() -> None:
    pass
