"""Colour contrast of site.css (WCAG 2.x, as GB/T 37668 asks): text ≥ 4.5:1, focus rings and field borders ≥ 3:1.

The colours are read from the custom properties in site.css itself, for the normal and the elderly mode, so a
changed colour is checked the moment it is changed.
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"

# (foreground, background, where it is used): every text colour on every background it is drawn on.
TEXT_PAIRS = [
    ("fg", "bg", "body text"),
    ("muted", "bg", "secondary text, dates"),
    ("link", "bg", "links"),
    ("fg", "soft", "footer, column-nav current item, table headers"),
    ("muted", "soft", "empty states (暂无内容)"),
    ("link", "soft", "tiles, footer links"),
    ("accent-fg", "accent", "portal header, column title"),
    ("accent-fg", "accent-dark", "main navigation"),
    ("accent-fg", "accent-darker", "current nav item, header search button"),
    ("accent", "bg", "elderly-mode toggle button"),
    ("primary-fg", "primary", "primary buttons"),
    ("primary-fg", "danger", "danger buttons"),
    ("ok", "bg", "ok badge"),
    ("warn", "bg", "warning badge"),
    ("danger", "bg", "danger badge"),
    ("danger", "error-bg", "form errors"),
    ("fg", "info-bg", "info messages"),
    ("fg", "error-bg", "error messages"),
    ("fg", "success-bg", "success messages"),
    ("accent-fg", "ws-header", "workspace header"),
    ("accent-fg", "ws-nav", "workspace navigation"),
    ("accent-fg", "ws-nav-current", "workspace current nav item"),
    ("skip-fg", "skip-bg", "skip link"),
]
# Non-text contrast (WCAG 1.4.11): the focus ring pair and the border of form fields.
UI_PAIRS = [
    ("focus-ring", "bg", "focus ring on pages"),
    ("focus", "accent", "focus ring in the portal header"),
    ("focus", "accent-dark", "focus ring in the main navigation"),
    ("focus", "ws-header", "focus ring in the workspace header"),
    ("line-strong", "bg", "input and button borders"),
]


def parse_block(css: str, selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, f"{selector} block missing from site.css"
    return dict(re.findall(r"--([\w-]+)\s*:\s*([^;]+);", match.group(1)))


def palettes() -> dict[str, dict[str, str]]:
    css = CSS.read_text()
    root = parse_block(css, ":root")
    return {"normal": root, "elderly": {**root, **parse_block(css, "html.elderly")}}


def rgb(value: str) -> tuple[float, float, float]:
    value = value.strip().lower()
    assert re.fullmatch(r"#[0-9a-f]{6}", value), f"colour custom properties must be #rrggbb, got {value!r}"
    return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))


def luminance(value: str) -> float:
    def channel(component: float) -> float:
        return component / 12.92 if component <= 0.04045 else ((component + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(component) for component in rgb(value))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA threshold grey
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("mode", ["normal", "elderly"])
@pytest.mark.parametrize("fg, bg, use", TEXT_PAIRS)
def test_text_contrast_at_least_4_5(mode, fg, bg, use):
    palette = palettes()[mode]
    ratio = contrast(palette[fg], palette[bg])
    assert ratio >= 4.5, f"{mode}: {use} --{fg} on --{bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("mode", ["normal", "elderly"])
@pytest.mark.parametrize("fg, bg, use", UI_PAIRS)
def test_focus_and_field_borders_at_least_3(mode, fg, bg, use):
    palette = palettes()[mode]
    ratio = contrast(palette[fg], palette[bg])
    assert ratio >= 3, f"{mode}: {use} --{fg} on --{bg} is {ratio:.2f}:1"


def test_elderly_mode_has_bigger_type_and_higher_contrast():
    normal, elderly = palettes()["normal"], palettes()["elderly"]
    assert int(elderly["base"].removesuffix("px")) >= 20 > int(normal["base"].removesuffix("px"))
    for fg in ("fg", "muted", "link"):
        assert contrast(elderly[fg], elderly["bg"]) > contrast(normal[fg], normal["bg"]), fg
        assert contrast(elderly[fg], elderly["bg"]) >= 7, f"elderly --{fg} should reach AAA (7:1)"


def test_every_variable_used_is_defined():
    css = CSS.read_text()
    defined = set(palettes()["normal"])
    used = set(re.findall(r"var\(--([\w-]+)\)", css))
    assert used <= defined, f"undefined custom properties: {sorted(used - defined)}"
