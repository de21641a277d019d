def test_replacement_text_that_repeats_its_article_number_is_not_doubled():
    from gongkai.core.policy import apply_amendments, extract_amendments

    old = "第一条　目的。\n第二条　补贴标准为每亩100元。\n"
    ops = extract_amendments("将第二条修改为：“第二条　补贴标准为每亩120元。”")
    assert apply_amendments(old, ops) == "第一条　目的。\n第二条　补贴标准为每亩120元。\n"


OLD = "第一条　目的。\n第二条　补贴标准为每亩100元。\n第三条　补贴通过一卡通发放。\n第四条　自发布之日起施行。\n"


def test_consolidate_applies_amendments_in_order_on_the_amended_text():
    from gongkai.core.policy import consolidate

    first = "一、将第二条中的“100元”修改为“120元”。\n二、删除第三条。"
    # Numbered against the text after the first decision: its 第三条 is the old 第四条.
    second = "将第三条修改为：“本办法自2026年1月1日起施行。”"
    result = consolidate(OLD, [("a", first), ("b", second)])
    assert (
        result.text == "第一条　目的。\n第二条　补贴标准为每亩120元。\n第三条　本办法自2026年1月1日起施行。\n"
    )
    assert [(s.key, s.applied, s.operations) for s in result.steps] == [("a", True, 2), ("b", True, 1)]
    assert result.not_applied == []


def test_consolidate_applies_a_decision_whole_or_not_at_all_and_stops_there():
    from gongkai.core.policy import consolidate

    words_missing = "一、将第二条中的“100元”修改为“120元”。\n二、将第三条中的“社保卡”修改为“一卡通”。"
    later = "将第二条中的“100元”修改为“150元”。"
    result = consolidate(OLD, [("a", words_missing), ("b", later)])
    assert result.text == OLD  # the first operation of "a" is not half-applied
    assert [s.key for s in result.not_applied] == ["a", "b"]
    assert result.steps[0].reason == "第三条中没有“社保卡”"
    assert "此前的修改未能自动并入" in result.steps[1].reason


def test_consolidate_names_what_it_cannot_apply():
    from gongkai.core.policy import consolidate

    ok = "将第二条中的“100元”修改为“120元”。"
    paragraph = "第三条增加一款，作为第二款：“补贴资金专款专用。”"
    prose = "对本办法作全面修订，修订后的办法另行印发。"
    missing = "删除第九条。"
    result = consolidate(OLD, [("ok", ok), ("paragraph", paragraph)])
    assert [s.applied for s in result.steps] == [True, False]
    assert "120元" in result.text and result.steps[1].reason.startswith("第三条增加一款")
    assert consolidate(OLD, [("prose", prose)]).steps[0].reason.startswith("未识别出")
    assert consolidate(OLD, [("missing", missing)]).steps[0].reason == "原文件没有第九条"
    outline = consolidate("一、目的。\n二、标准。\n", [("ok", ok)])
    assert not outline.steps[0].applied and "第X条" in outline.steps[0].reason
