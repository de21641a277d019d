"""The unit-phrase resolver on the annotations of the four sample work-point documents, and its rules."""

import pytest

from gongkai.core.tests.fixtures import SAMPLES
from gongkai.core.unitphrase import (
    ALIAS,
    COOPERATE,
    EXACT,
    FUZZY,
    GROUP,
    LEAD,
    PREFIX,
    RESPONSIBLE,
    UNMATCHED,
    UnitDirectory,
    UnitEntry,
    find_annotations,
    normalize,
    standardize,
)
from gongkai.orgs.demo import DEMO_UNITS, PLACE_NAMES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))

# Every unit named in the samples' annotations → the demo unit (by key) it must resolve to.
EXPECTED = {
    # 000 兴国
    "县发改委": "fgw",
    "县工信局": "gxj",
    "县商务局": "swj",
    "县农业农村局": "nyj",
    "县文广旅局": "wgxl",
    "县住建局": "zjj",
    "县市场监管局": "scjg",
    "县人社局": "rsj",
    "县教科体局": "jkt",
    "县退役军人事务局": "tyjr",
    "县民政局": "mzj",
    "县自然资源局": "zrzy",
    "县财政局": "czj",
    "县卫健委": "wjw",
    "县生态环境局": "sthj",
    "县交通运输局": "jtj",
    "市医保局兴国分局": "ybj",
    "县政府办": "zfb",
    "县政数中心": "zss",
    "城市社区管委会": "sqgw",
    # 001 丰城 (a county-level city: 市 means its own bodies)
    "市大数据中心": "zss",
    "市发改委": "fgw",
    "市工信局": "gxj",
    "市商务局": "swj",
    "市乡村振兴局": "xczx",
    "市农业农村局": "nyj",
    "市行政审批局": "xzsp",
    "市人社局": "rsj",
    "市教体局": "jkt",
    "市卫健委": "wjw",
    "市市场监管局": "scjg",
    "市医保局": "ybj",
    "市民政局": "mzj",
    "市住建局": "zjj",
    "市生态环境局": "sthj",
    "市文广新旅局": "wgxl",
    "市财政局": "czj",
    "市审计局": "sjj",
    "市营商环境服务中心": "yshj",
    "市自然资源局": "zrzy",
    "市退役军人事务局": "tyjr",
    "市司法局": "sfj",
    "市政府办公室": "zfb",
    # 002 铅山
    "县发展改革委": "fgw",
    "县工业和信息化局": "gxj",
    "县教体局": "jkt",
    "县公安局": "gaj",
    "县人力资源和社会保障局": "rsj",
    "县住房城乡建设局": "zjj",
    "县卫生健康委": "wjw",
    "县应急局": "yjj",
    "县市场监督管理局": "scjg",
    "县扶贫办": "xczx",
    "县医保局": "ybj",
    "县税务局": "sw",
    "县水利局": "slj",
    "县文旅局": "wgxl",
    "县退役军人事务管理局": "tyjr",
}
# Group phrases of the samples → the kinds they expand to and whether the office must pick (有关/相关).
EXPECTED_GROUPS = {
    "县政府有关部门": ({"office", "department"}, True),
    "各乡镇区": ({"township", "subdistrict", "zone"}, False),
    "各乡镇人民政府": ({"township"}, False),
    "县政府各部门": ({"office", "department"}, False),
    "县直（驻县）各相关单位": ({"office", "department", "institution", "vertical"}, True),
    "各乡镇〔街道〕人民政府": ({"township", "subdistrict"}, False),
    "市政府各有关部门": ({"office", "department"}, True),
    "市直各有关单位": ({"office", "department", "institution", "vertical"}, True),
    "各乡镇（中心）": ({"township", "subdistrict", "zone"}, False),
    "县直各单位": ({"office", "department", "institution", "vertical"}, False),
}
KEY_OF_NAME = {u.name: u.key for u in DEMO_UNITS}


def _directory(local_prefixes=("县", "市", "区"), units=DEMO_UNITS):
    entries = [UnitEntry(i + 1, u.name, u.short_name, u.aliases, u.kind, None) for i, u in enumerate(units)]
    return UnitDirectory(entries, local_prefixes=local_prefixes, place_names=PLACE_NAMES)


@pytest.fixture(scope="module")
def directory():
    return _directory()


def _key(directory, unit_id):
    return KEY_OF_NAME[directory.units[unit_id].name]


def _all_annotations():
    found = []
    for path in SAMPLE_FILES:
        found.extend((path.name, text) for _, _, text in find_annotations(path.read_text(encoding="utf-8")))
    return found


def test_the_four_samples_are_there():
    assert len(SAMPLE_FILES) == 4


def test_annotations_are_found_in_the_three_annotated_samples():
    per_file = {}
    for name, _ in _all_annotations():
        per_file[name] = per_file.get(name, 0) + 1
    assert per_file == {
        "000_c388c9dfdc12dd8b.txt": 14,
        "001_f2fb83f86f19958b.txt": 12,
        "002_091f97d7362963d8.txt": 12,
    }


def test_every_unit_named_in_every_sample_annotation_resolves_to_the_right_demo_unit(directory):
    named = set()
    for source, annotation in _all_annotations():
        for match in directory.resolve(annotation):
            assert match.kind in (EXACT, ALIAS, PREFIX, GROUP), (source, annotation, match)
            if match.kind == GROUP:
                kinds, pick = EXPECTED_GROUPS[match.text]
                assert set(match.group_kinds) == kinds, match
                assert match.pick_required is pick, match
                assert match.member_ids
                continue
            named.add(match.text)
            assert _key(directory, match.unit_id) == EXPECTED[match.text], (source, match)
    assert named == set(EXPECTED)  # every expected name really occurs in the samples


def test_sample_004_has_no_annotations_but_its_addressee_groups_resolve(directory):
    text = (SAMPLES / "004_5816410d9c7f22c5.txt").read_text(encoding="utf-8")
    assert find_annotations(text) == []
    addressees = next(line.strip() for line in text.splitlines() if line.startswith("各镇政府"))
    matches = directory.resolve(addressees)
    assert [(m.text, m.kind, m.pick_required) for m in matches] == [
        ("各镇政府", GROUP, False),
        ("街道办事处", GROUP, False),
        ("县政府有关部门", GROUP, True),
        ("有关垂直管理部门", GROUP, True),
        ("有关企事业单位", GROUP, True),
    ]
    assert set(matches[3].group_kinds) == {"vertical"}
    assert "各镇街、县政府有关部门" in text
    both = directory.resolve("各镇街、县政府有关部门")
    assert set(both[0].group_kinds) == {"township", "subdistrict"}


def test_roles_from_labels_and_trailing_words(directory):
    matches = directory.resolve(
        "（责任单位：市司法局牵头负责，市政府各有关部门、市直各有关单位，各乡镇〔街道〕人民政府落实）"
    )
    assert [m.role for m in matches] == [LEAD, RESPONSIBLE, RESPONSIBLE, RESPONSIBLE]
    matches = directory.resolve("〔牵头单位：县政府办、县政数中心；责任单位：各乡镇区、县政府有关部门〕")
    assert [m.role for m in matches] == [LEAD, LEAD, RESPONSIBLE, RESPONSIBLE]
    matches = directory.resolve("（县教体局、县公安局、县民政局分别牵头落实）")
    assert [m.role for m in matches] == [LEAD] * 3
    matches = directory.resolve("县政府办牵头，县发改委、县财政局配合")
    assert [(_key(directory, m.unit_id), m.role) for m in matches] == [
        ("zfb", LEAD),
        ("fgw", COOPERATE),
        ("czj", COOPERATE),
    ]


def test_text_is_kept_as_written(directory):
    matches = directory.resolve("**（责任单位：市政府办公室牵头负责，各乡镇〔街道〕人民政府落实）**")
    assert [m.text for m in matches] == ["市政府办公室", "各乡镇〔街道〕人民政府"]


def test_the_four_names_of_the_development_commission(directory):
    for phrase in ["县发改委", "县发展和改革委员会", "发改委", "县发展改革委", "示范县发展和改革委员会"]:
        (match,) = directory.resolve(phrase)
        assert _key(directory, match.unit_id) == "fgw", phrase
    assert directory.resolve("示范县发展和改革委员会")[0].kind == EXACT
    assert directory.resolve("县发展和改革委员会")[0].kind == ALIAS


def test_local_prefixes_are_a_parameter():
    county_only = _directory(local_prefixes=("县",))
    (match,) = county_only.resolve("市司法局")
    assert match.kind != PREFIX and match.confidence < 0.8  # at most a fuzzy guess to be confirmed
    (match,) = _directory().resolve("市司法局")
    assert (match.kind, match.confidence) == (PREFIX, 0.85)
    (match,) = _directory().resolve("区投促局")
    assert match.kind == PREFIX


def test_bare_names_and_branch_offices(directory):
    (match,) = directory.resolve("司法局")
    assert match.kind == PREFIX and match.unit_name == "示范县司法局"
    (match,) = directory.resolve("市生态环境局某某分局")
    assert match.kind == PREFIX and match.unit_name == "示范县生态环境局"


def test_lists_split_on_all_separators_and_conjunctions(directory):
    phrase = "县发改委、县财政局，县民政局；县水利局和县商务局及县审计局"
    keys = [_key(directory, m.unit_id) for m in directory.resolve(phrase)]
    assert keys == ["fgw", "czj", "mzj", "slj", "swj", "sjj"]
    # 和 inside a name is not a separator.
    (match,) = directory.resolve("县人力资源和社会保障局")
    assert _key(directory, match.unit_id) == "rsj"
    assert [m.kind for m in directory.resolve("县直各单位和各乡镇")] == [GROUP, GROUP]


@pytest.mark.parametrize(
    "phrase, kinds, pick",
    [
        ("各乡镇", {"township"}, False),
        ("各乡镇（街道）", {"township", "subdistrict"}, False),
        ("各乡镇〔街道〕人民政府", {"township", "subdistrict"}, False),
        ("县直各单位", {"office", "department", "institution", "vertical"}, False),
        ("县政府各部门", {"office", "department"}, False),
        ("县政府有关部门", {"office", "department"}, True),
        ("全区各部门(单位)", {"office", "department", "institution", "vertical"}, False),
        ("县直（驻县）各相关单位", {"office", "department", "institution", "vertical"}, True),
        (
            "各有关单位",
            {
                "office",
                "department",
                "township",
                "subdistrict",
                "zone",
                "institution",
                "vertical",
                "enterprise",
            },
            True,
        ),
        ("有关企事业单位", {"institution", "enterprise"}, True),
    ],
)
def test_group_phrases(directory, phrase, kinds, pick):
    (match,) = directory.resolve(phrase)
    assert match.kind == GROUP
    assert set(match.group_kinds) == kinds
    assert match.pick_required is pick
    expected_members = {uid for uid, u in directory.units.items() if u.kind in kinds}
    assert set(match.member_ids) == expected_members
    assert match.group.startswith("有关" if pick else "各")


def test_group_members_count_townships_and_subdistricts(directory):
    (match,) = directory.resolve("各乡镇（街道）")
    names = sorted(directory.units[i].short_name for i in match.member_ids)
    assert len(names) == 10 and "城东街道" in names and "城关镇" in names


def test_unmatched_fragment_comes_back_with_close_candidates(directory):
    (match,) = directory.resolve("县外事侨务办")
    assert match.kind == UNMATCHED and match.unit_id is None
    (match,) = directory.resolve("县自然资原局")  # a typo
    assert match.kind == FUZZY and match.unit_name == "示范县自然资源局"
    assert match.confidence < 0.8
    (match,) = directory.resolve("县农业农业局")
    assert match.candidates and match.candidates[0].name == "示范县农业农村局"


def test_candidates_rank_by_character_overlap(directory):
    cands = directory.candidates("县人力资源局")
    assert cands[0].name == "示范县人力资源和社会保障局"
    assert all(a.score >= b.score for a, b in zip(cands, cands[1:], strict=False))


def test_a_name_shared_by_two_units_is_not_guessed():
    entries = [
        UnitEntry(1, "甲县城市管理局", "县城管局", ("城管局",), "department"),
        UnitEntry(2, "甲县城市管理综合执法大队", "县执法大队", ("城管局",), "institution"),
    ]
    directory = UnitDirectory(entries, place_names=("甲县",))
    (match,) = directory.resolve("城管局")
    assert match.kind == UNMATCHED
    assert {c.unit_id for c in match.candidates} == {1, 2}
    assert "选择" in match.note


def test_resolve_ids_expands_groups_once(directory):
    ids = directory.resolve_ids("城关镇、各乡镇")
    assert len(ids) == len(set(ids)) == 8


@pytest.mark.parametrize(
    "name, short",
    [
        ("县发展和改革委员会", "县发改委"),
        ("县发展改革委", "县发改委"),
        ("县政府办公室", "县政府办"),
        ("县人民政府", "县政府"),
        ("县市场监督管理局", "县市场监管局"),
        ("经济开发区管理委员会", "经济开发区管委会"),
        ("县卫生健康委员会", "县卫健委"),
        ("县应急管理局", "县应急局"),
        ("县人力资源和社会保障局", "县人社局"),
        ("城东街道办事处", "城东街道"),
    ],
)
def test_standardize_abbreviations(name, short):
    assert standardize(name) == short


def test_normalize_brackets_width_and_spaces():
    assert normalize("各乡镇〔街道〕 人民政府") == "各乡镇(街道)人民政府"
    assert normalize("全区各部门（单位）") == "全区各部门(单位)"
    assert normalize("[bookmark: _GoBack]县发改委") == "县发改委"


def test_find_annotations_keeps_nested_brackets_whole():
    text = "做好工作。（各乡镇（中心），县直各单位按职责分别负责落实）\n另见〔牵头单位：县政府办；责任单位：县直（驻县）各相关单位〕"
    found = [t for _, _, t in find_annotations(text)]
    assert found == [
        "（各乡镇（中心），县直各单位按职责分别负责落实）",
        "〔牵头单位：县政府办；责任单位：县直（驻县）各相关单位〕",
    ]
    assert find_annotations("（此件主动公开）") == []


def test_match_serialises_to_plain_data(directory):
    (match,) = directory.resolve("各乡镇")
    data = match.to_dict()
    assert data["kind"] == GROUP and isinstance(data["member_ids"], list)
