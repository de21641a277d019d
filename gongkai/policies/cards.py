"""Dashboard cards (我的待办) of the policy library."""


def policy_cards(user, today=None) -> list:
    return []
