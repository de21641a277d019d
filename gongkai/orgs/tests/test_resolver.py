"""The database-backed resolver: demo units, sample phrases, cache invalidation on unit changes."""

import pytest
from django.test.utils import override_settings

from gongkai.core.tests.fixtures import SAMPLES
from gongkai.core.unitphrase import find_annotations
from gongkai.orgs import resolver, services


def test_resolve_returns_unit_ids_of_demo_units(demo):
    ids = resolver.resolve_ids("〔责任单位：县发改委、市司法局、县教体局〕")
    assert ids == [demo["fgw"].pk, demo["sfj"].pk, demo["jkt"].pk]
    units = resolver.resolve_units("县政府办")
    assert units == [demo["zfb"]]


def test_every_annotation_of_the_samples_resolves_against_the_database(demo):
    total = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        for _, _, annotation in find_annotations(path.read_text(encoding="utf-8")):
            for match in resolver.resolve(annotation):
                assert match.matched and match.kind != "fuzzy", (path.name, match)
                assert match.unit_ids
                total += 1
    assert total > 100


def test_groups_expand_to_active_units_of_the_kinds(demo):
    (match,) = resolver.resolve("各乡镇（街道）")
    expected = {demo[k].pk for k in ("cgz", "dsz", "xhz", "nlz", "sqz", "qxx", "byx", "flx", "cdjd", "cxjd")}
    assert set(match.member_ids) == expected


def test_place_names_come_from_the_government_unit(demo):
    assert resolver.place_names() == ("示范县", "示范")
    (match,) = resolver.resolve("示范县发改委")
    assert match.unit_id == demo["fgw"].pk


def test_directory_follows_unit_changes(demo, django_capture_on_commit_callbacks):
    (match,) = resolver.resolve("县物价局")
    assert not match.matched or match.kind == "fuzzy"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_aliases(demo["fgw"], actor=None, aliases=["发改委", "县发展改革委", "县物价局"])
    (match,) = resolver.resolve("县物价局")
    assert (match.kind, match.unit_id) == ("alias", demo["fgw"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.deactivate_unit(demo["tjj"], actor=None)
    (match,) = resolver.resolve("县统计局")
    assert match.unit_id != demo["tjj"].pk
    (group,) = resolver.resolve("县政府各部门")
    assert demo["tjj"].pk not in group.member_ids


def test_directory_is_rebuilt_even_without_the_invalidation_hook(demo):
    resolver.directory()
    from gongkai.orgs.models import Unit

    Unit.objects.filter(pk=demo["slj"].pk).update(short_name="县水务局")  # bypasses services and signals
    Unit.objects.get(pk=demo["slj"].pk).save()  # any save moves the version key
    (match,) = resolver.resolve("县水务局")
    assert match.unit_id == demo["slj"].pk


@pytest.mark.parametrize("prefixes, kind", [(("县", "市", "区"), "prefix"), (("县",), "fuzzy")])
def test_local_prefixes_setting(demo, prefixes, kind):
    with override_settings(GONGKAI_UNIT_LOCAL_PREFIXES=prefixes):
        resolver.invalidate()
        (match,) = resolver.resolve("市司法局")
        assert match.kind == kind
