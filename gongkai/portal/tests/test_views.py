"""The public site's shell: pages, empty states, the 信息公开指南, search, the elderly mode and the plug-in points."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from gongkai.core import law
from gongkai.orgs.models import Unit, UnitKind
from gongkai.portal import registry
from gongkai.portal.columns import statutory_categories
from gongkai.portal.context_processors import ELDERLY_COOKIE
from gongkai.portal.registry import Hit, Link
from gongkai.portal.search import normalize_query, search

PAGES = [
    "/",
    "/xxgk/",
    "/xxgk/zhinan/",
    "/xxgk/jgzn/",
    "/xxgk/ldxx/",
    "/xxgk/zhidu/",
    "/xxgk/fdzdgk/",
    "/xxgk/nianbao/",
    "/search/",
    "/search/?q=补贴",
]


@pytest.fixture
def clean_registry():
    """The portal shell as it is before any module plugs in (other apps register providers at start-up);
    a test may register its own providers without leaking them into other tests."""
    from gongkai.portal.columns import register_builtins

    state = registry.snapshot()
    registry.restore(({}, {}, []))
    register_builtins()
    yield registry
    registry.restore(state)


@pytest.fixture
def county(db):
    gov = Unit.objects.create(
        name="测试县人民政府",
        short_name="县政府",
        kind=UnitKind.GOVERNMENT,
        address="测试县城关镇人民路1号",
        postcode="330100",
        office_hours="工作日 8:30—12:00，14:30—17:30",
        phone="0570-1234567",
        fax="0570-1234568",
        email="zwgk@example.gov.cn",
        index_prefix="11330100TEST0001",
        credit_code="",
        sort_order=1,
    )
    dept = Unit.objects.create(
        name="测试县教育体育局", short_name="县教体局", kind=UnitKind.DEPARTMENT, sort_order=2
    )
    town = Unit.objects.create(name="城关镇人民政府", kind=UnitKind.TOWNSHIP, sort_order=3)
    gone = Unit.objects.create(name="测试县已撤销局", kind=UnitKind.DEPARTMENT, is_active=False, sort_order=4)
    return {"gov": gov, "dept": dept, "town": town, "gone": gone}


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "lxml")


# --- every page: structure and accessibility basics ---


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_landmarks_one_h1_and_a_skip_link_first(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "zh-CN"
    assert len(soup.find_all("h1")) == 1
    assert soup.find("header") and soup.find("main", id="main") and soup.find("footer")
    navs = soup.find_all("nav")
    assert navs and all(nav.get("aria-label") for nav in navs)
    assert len({nav["aria-label"] for nav in navs}) == len(navs), "navigation landmarks need distinct labels"
    first_focusable = soup.body.find(["a", "button", "input", "select", "textarea"])
    assert "skip-link" in first_focusable.get("class", []) and first_focusable["href"] == "#main"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES + ["/xxgk/zhinan/{gov}/"])
def test_every_form_control_has_a_label(client, county, url):
    soup = soup_of(client.get(url.format(gov=county["gov"].pk)))
    controls = [
        c
        for c in soup.find_all(["input", "select", "textarea"])
        if c.get("type") not in {"hidden", "submit", "button"}
    ]
    assert controls
    for control in controls:
        labelled = control.get("aria-label") or (
            control.get("id") and soup.find("label", attrs={"for": control["id"]})
        )
        assert labelled, f"unlabelled control {control}"
    for button in soup.find_all("button"):
        assert button.get_text(strip=True), "a button needs visible text"


# --- home page ---


@pytest.mark.django_db
def test_home_shows_the_openness_column_and_honest_empty_blocks(client, clean_registry):
    soup = soup_of(client.get("/"))
    tiles = {a.get_text(strip=True): a["href"] for a in soup.select(".tiles a")}
    assert tiles == {
        "信息公开指南": "/xxgk/zhinan/",
        "机构职能": "/xxgk/jgzn/",
        "领导信息": "/xxgk/ldxx/",
        "信息公开制度": "/xxgk/zhidu/",
        "法定主动公开内容": "/xxgk/fdzdgk/",
        "信息公开年报": "/xxgk/nianbao/",
    }
    headings = [h.get_text(strip=True) for h in soup.select(".home-grid h2")]
    assert headings == ["最新公开", "政策文件", "政策解读", "依申请公开", "互动交流"]
    for block in soup.select(".home-grid section"):
        assert block.select_one(".empty").get_text(strip=True) == "暂无内容"
        assert not block.select(".feed li")
    assert soup.find("form", attrs={"role": "search"})["action"] == "/search/"
    nav = soup.find("nav", attrs={"aria-label": "主导航"})
    assert [a.get_text(strip=True) for a in nav.find_all("a")][:2] == ["首页", "政府信息公开"]
    assert nav.find("a", string="首页")["aria-current"] == "page"


@pytest.mark.django_db
def test_a_module_fills_a_home_block_and_the_nav(client, clean_registry):
    def latest(request):
        return [
            Link("关于2026年春耕生产的通知", "/p/1/", date(2026, 3, 2)),
            Link("示范县2025年财政决算", "/p/2/", date(2026, 3, 5)),
        ]

    clean_registry.register_feed("home:latest", latest, more_url="/zxgk/")
    clean_registry.register_nav("政策文件", "/zcwj/", order=20)
    soup = soup_of(client.get("/"))
    block = soup.select_one(".block-latest")
    items = [a.get_text(strip=True) for a in block.select(".feed li a")]
    assert items == ["关于2026年春耕生产的通知", "示范县2025年财政决算"]
    assert block.select_one(".feed time")["datetime"] == "2026-03-02"
    assert block.find("a", href="/zxgk/") is not None
    assert not block.select(".empty")
    assert len(soup.select(".home-grid .empty")) == 4  # the other blocks stay empty
    nav = soup.find("nav", attrs={"aria-label": "主导航"})
    assert [a.get_text(strip=True) for a in nav.find_all("a")] == ["首页", "政府信息公开", "政策文件"]


def test_feeds_from_several_providers_are_merged_newest_first(clean_registry):
    clean_registry.register_feed("home:latest", lambda request: [Link("旧", "/a/", date(2025, 1, 1))])
    clean_registry.register_feed(
        "home:latest", lambda request: [Link("新", "/b/", date(2026, 1, 1)), Link("无日期", "/c/")]
    )
    feed = clean_registry.feed("home:latest", None, limit=2)
    assert [link.label for link in feed.items] == ["新", "旧"]


def test_registering_twice_adds_nothing(clean_registry):
    before = len(clean_registry.nav_items("xxgk"))
    clean_registry.register_column_link("xxgk", "信息公开指南", "/xxgk/zhinan/", order=10)
    assert len(clean_registry.nav_items("xxgk")) == before


# --- 政府信息公开 column ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, current",
    [
        ("/xxgk/zhinan/", "信息公开指南"),
        ("/xxgk/zhidu/", "信息公开制度"),
        ("/xxgk/fdzdgk/", "法定主动公开内容"),
        ("/xxgk/nianbao/", "信息公开年报"),
    ],
)
def test_column_pages_mark_their_place_in_the_column_nav(client, url, current):
    soup = soup_of(client.get(url))
    column = soup.find("nav", attrs={"aria-label": "政府信息公开栏目"})
    marked = [a.get_text(strip=True) for a in column.find_all("a", attrs={"aria-current": True})]
    assert marked == [current]
    assert soup.h1.get_text(strip=True) == current
    main_nav = soup.find("nav", attrs={"aria-label": "主导航"})
    assert main_nav.find("a", string="政府信息公开")["aria-current"] == "true"
    assert soup.title.get_text().startswith(current)


@pytest.mark.django_db
def test_column_index_lists_the_builtin_sections(client, clean_registry):
    soup = soup_of(client.get("/xxgk/"))
    assert soup.h1.get_text(strip=True) == "政府信息公开"
    labels = [a.get_text(strip=True) for a in soup.select(".column-body .tiles a")]
    assert labels == [
        "信息公开指南",
        "机构职能",
        "领导信息",
        "信息公开制度",
        "法定主动公开内容",
        "信息公开年报",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/xxgk/zhidu/", "/xxgk/nianbao/"])
def test_lists_without_content_say_so(client, url):
    soup = soup_of(client.get(url))
    assert soup.select_one(".column-body .empty").get_text(strip=True) == "暂无内容"


@pytest.mark.django_db
def test_nianbao_states_the_statutory_due_dates(client):
    body = client.get("/xxgk/nianbao/").content.decode()
    month, day = law.ANNUAL_REPORT_DEPARTMENT_DUE
    assert f"每年{month}月{day}日前" in body
    month, day = law.ANNUAL_REPORT_GOVERNMENT_DUE
    assert f"每年{month}月{day}日前" in body
    assert "第四十九条" in body


@pytest.mark.django_db
def test_fdzdgk_lists_every_statutory_category_with_its_own_empty_state(client):
    soup = soup_of(client.get("/xxgk/fdzdgk/"))
    categories = soup.select("section.category")
    assert len(categories) == len(law.ACTIVE_CATEGORIES) + len(law.COUNTY_CATEGORIES) == 22
    titles = [c.h3.get_text("", strip=True) for c in categories]
    assert titles[0] == "（一）" + law.ACTIVE_CATEGORIES[0]
    assert titles[14] == "（十五）" + law.ACTIVE_CATEGORIES[14]
    assert titles[15:] == [f"（{law.chinese_ordinal(i)}）{t}" for i, t in enumerate(law.COUNTY_CATEGORIES, 1)]
    assert all(c.select_one(".empty").get_text(strip=True) == "暂无内容" for c in categories)
    assert str(law.ACTIVE_DISCLOSURE) in soup.select_one(".column-body > p").get_text()


@pytest.mark.django_db
def test_fdzdgk_category_is_fed_by_its_stable_key(client, clean_registry):
    budget = statutory_categories()["art20"][6]
    assert budget.title == "财政预算、决算信息" and budget.code == "art20-07"
    clean_registry.register_feed(budget.feed_key, lambda request: [Link("2026年部门预算", "/p/9/")])
    soup = soup_of(client.get("/xxgk/fdzdgk/"))
    section = soup.find("section", attrs={"aria-labelledby": "art20-07"})
    assert section.select_one(".feed a").get_text(strip=True) == "2026年部门预算"
    assert len(soup.select("section.category .empty")) == 21


# --- 信息公开指南 ---


@pytest.mark.django_db
def test_guide_index_lists_active_units_grouped_by_kind(client, county):
    soup = soup_of(client.get("/xxgk/zhinan/"))
    groups = {
        g.h2.get_text(strip=True): [a.get_text(strip=True) for a in g.select("a")]
        for g in soup.select(".unit-group")
    }
    assert groups == {
        "县人民政府": ["测试县人民政府"],
        "政府工作部门": ["测试县教育体育局"],
        "乡镇人民政府": ["城关镇人民政府"],
    }
    assert soup.find("a", string="测试县人民政府")["href"] == reverse(
        "portal:zhinan_unit", args=[county["gov"].pk]
    )


@pytest.mark.django_db
def test_guide_index_without_units_is_an_empty_state(client):
    soup = soup_of(client.get("/xxgk/zhinan/"))
    assert soup.select_one(".column-body .empty").get_text(strip=True) == "暂无内容"


@pytest.mark.django_db
def test_unit_guide_is_generated_from_the_unit_record_and_the_law(client, county):
    gov = county["gov"]
    response = client.get(f"/xxgk/zhinan/{gov.pk}/")
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "测试县人民政府政府信息公开指南"
    contact = dict(
        zip(
            [dt.get_text(strip=True) for dt in soup.select(".contact dt")],
            [dd.get_text(strip=True) for dd in soup.select(".contact dd")],
            strict=True,
        )
    )
    assert contact["办公地址"] == gov.address
    assert contact["邮政编码"] == gov.postcode
    assert contact["办公时间"].startswith(gov.office_hours)
    assert contact["咨询电话"] == gov.phone
    assert contact["传真"] == gov.fax
    assert contact["电子邮箱"] == gov.email
    sections = [h.get_text(strip=True) for h in soup.select(".guide h2")]
    assert sections == ["一、政府信息公开工作机构", "二、主动公开", "三、依申请公开", "四、监督和救济"]
    text = soup.select_one(".guide").get_text("", strip=True)
    # The figures come from core.law, with their articles.
    assert f"自该政府信息形成或者变更之日起{law.ACTIVE_DISCLOSURE}内" in text and "《条例》第二十六条" in text
    assert f"自收到申请之日起{law.REPLY}内予以答复" in text
    assert f"最长不超过{law.REPLY_EXTENSION}" in text and "《条例》第三十三条" in text
    assert f"{law.CORRECTION_NOTICE}内一次性告知" in text
    assert f"{law.RECONSIDERATION}内依法申请行政复议" in text and "行政复议法》第二十条" in text
    assert f"{law.LITIGATION}内依法提起行政诉讼" in text and "行政诉讼法》第四十六条" in text
    assert "第四十二条" in text and law.FEE_RULES[0] in text
    assert gov.index_prefix in text
    assert f"传真申请：{gov.fax}" in text and f"电子邮件申请：{gov.email}" in text


@pytest.mark.django_db
def test_unit_guide_says_what_is_missing_instead_of_inventing_it(client, county):
    soup = soup_of(client.get(f"/xxgk/zhinan/{county['town'].pk}/"))
    assert [dd.get_text(strip=True) for dd in soup.select(".contact dd")][1:3] == ["暂未公布", "暂未公布"]
    # No office hours recorded: the general rule, never "暂未公布（法定节假日除外）".
    hours = [dd.get_text(strip=True) for dd in soup.select(".contact dd")][3]
    assert hours.startswith("法定工作日办公时间（法定节假日除外）") and "暂未公布" not in hours
    text = soup.select_one(".guide").get_text()
    assert "传真申请" not in text and "电子邮件申请" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hours",
    ["工作日上午8:00—12:00，下午14:30—17:30（法定节假日除外）", "周一至周五 8:30—17:30，节假日除外。"],
)
def test_unit_guide_says_holidays_are_excluded_once(client, county, hours):
    gov = county["gov"]
    Unit.objects.filter(pk=gov.pk).update(office_hours=hours)
    text = soup_of(client.get(f"/xxgk/zhinan/{gov.pk}/")).select_one(".guide").get_text()
    assert "除外）（法定节假日除外）" not in text and "除外（法定节假日除外）" not in text
    assert text.count("节假日除外") == 2  # the contact list and 当面提交, once each


@pytest.mark.django_db
def test_unit_guide_404_for_inactive_and_unknown_units(client, county):
    assert client.get(f"/xxgk/zhinan/{county['gone'].pk}/").status_code == 404
    assert client.get("/xxgk/zhinan/999999/").status_code == 404
    assert client.get("/xxgk/zhinan/abc/").status_code == 404


@pytest.mark.django_db
def test_unit_guide_shows_no_internal_data(client, county):
    from gongkai.orgs.models import Membership, User
    from gongkai.roles import Role

    staff = User.objects.create_user(
        "secret_staff", password="Secret2026pw", full_name="王秘密", phone="13800001111"
    )
    Membership.objects.create(user=staff, unit=county["gov"], role=Role.FOI_OFFICER)
    for url in (f"/xxgk/zhinan/{county['gov'].pk}/", "/xxgk/zhinan/"):
        body = client.get(url).content.decode()
        assert "王秘密" not in body and "13800001111" not in body and "secret_staff" not in body
    assert "测试县已撤销局" not in client.get("/xxgk/zhinan/").content.decode()


# --- search ---


def test_normalize_query():
    assert normalize_query("  农机\u3000 补贴  ") == "农机 补贴"
    assert normalize_query(None) == ""
    assert len(normalize_query("字" * 500)) == 100


def test_search_without_sources_returns_an_empty_list(clean_registry):
    assert search("补贴") == []
    assert search("   ") == []


def test_search_asks_every_source_and_orders_by_score(clean_registry):
    seen = []

    def publications(query, limit):
        seen.append((query, limit))
        return [Hit("农机购置补贴公示", "/p/1/", score=0.4)]

    clean_registry.register_search(publications)
    clean_registry.register_search(lambda query, limit: [Hit("农机补贴政策解读", "/i/1/", score=0.9)])
    hits = search(" 农机 ", limit=10)
    assert [h.title for h in hits] == ["农机补贴政策解读", "农机购置补贴公示"]
    assert seen == [("农机", 10)]


@pytest.mark.django_db
def test_search_page_echoes_the_query_escaped_with_an_honest_empty_result(client):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body
    assert "未找到与“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”相关的信息" in body
    assert "上线" not in body  # no "coming soon" wording
    soup = soup_of(response)
    assert soup.find("input", id="search-q")["value"] == '<script>alert("x")</script>'
    assert soup.select(".no-results li")  # tips


@pytest.mark.django_db
def test_search_page_without_query_asks_for_one(client):
    soup = soup_of(client.get("/search/"))
    assert soup.h1.get_text(strip=True) == "全站搜索"
    assert "请输入要查找的关键词" in soup.select_one("main").get_text()
    assert not soup.select(".no-results")


@pytest.mark.django_db
def test_search_page_lists_results_from_a_source(client, clean_registry):
    clean_registry.register_search(
        lambda query, limit: [
            Hit(
                f"{query}资金发放公示",
                "/p/7/",
                snippet="2026年第一批",
                date=date(2026, 4, 1),
                source="政府信息",
            )
        ]
    )
    soup = soup_of(client.get("/search/", {"q": "补贴"}))
    assert [a.get_text(strip=True) for a in soup.select(".results h2 a")] == ["补贴资金发放公示"]
    assert "共找到 1 条" in soup.select_one("main").get_text()
    assert not soup.select(".no-results")


# --- elderly mode (适老化模式) ---


@pytest.mark.django_db
def test_elderly_toggle_sets_and_clears_the_cookie_and_the_html_class(client):
    assert "elderly" not in (soup_of(client.get("/xxgk/")).html.get("class") or [])
    response = client.post(reverse("portal:toggle_elderly"), {"next": "/xxgk/zhidu/"})
    assert response.status_code == 302 and response["Location"] == "/xxgk/zhidu/"
    cookie = response.cookies[ELDERLY_COOKIE]
    assert cookie.value == "1" and cookie["max-age"] and cookie["samesite"] == "Lax"
    for url in ("/", "/xxgk/", "/xxgk/fdzdgk/", "/search/?q=x"):
        soup = soup_of(client.get(url))
        assert soup.html["class"] == ["elderly"], url
        assert soup.select_one(".a11y-toggle button")["aria-pressed"] == "true"
    response = client.post(reverse("portal:toggle_elderly"), {"next": "/"})
    assert response.cookies[ELDERLY_COOKIE].value == ""
    assert "elderly" not in (soup_of(client.get("/")).html.get("class") or [])


@pytest.mark.django_db
def test_elderly_toggle_refuses_get_foreign_redirects_and_missing_csrf(client):
    assert client.get(reverse("portal:toggle_elderly")).status_code == 405
    response = client.post(reverse("portal:toggle_elderly"), {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    response = client.post(reverse("portal:toggle_elderly"), {"next": "//evil.example/x"})
    assert response["Location"] == "/"
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("portal:toggle_elderly"), {"next": "/"}).status_code == 403


@pytest.mark.django_db
def test_unknown_methods_are_refused_on_pages(client):
    assert client.post("/").status_code == 405
    assert client.post("/search/", {"q": "x"}).status_code == 405
