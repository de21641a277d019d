def test_replacement_text_that_repeats_its_article_number_is_not_doubled():
    from gongkai.core.policy import apply_amendments, extract_amendments

    old = "第一条　目的。\n第二条　补贴标准为每亩100元。\n"
    ops = extract_amendments("将第二条修改为：“第二条　补贴标准为每亩120元。”")
    assert apply_amendments(old, ops) == "第一条　目的。\n第二条　补贴标准为每亩120元。\n"
