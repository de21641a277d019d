"""``post_action``: the one way a POST-only action parses its form, calls the service and goes back."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from gongkai.common.errors import post_action, safe_next
from gongkai.core.errors import ServiceError


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由")


def _request(data):
    request = RequestFactory().post("/work/x/1/hide/", data)
    request._messages = CookieStorage(request)
    return request


def _said(request):
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_valid_form_calls_the_service_and_says_done():
    calls = []
    request = _request({"reason": "广告"})
    response = post_action(
        request,
        lambda data: calls.append(data),
        form=ReasonForm(request.POST),
        done="已屏蔽。",
        back="/work/x/1/",
    )
    assert response.status_code == 302 and response.url == "/work/x/1/"
    assert calls == [{"reason": "广告"}] and _said(request) == [("success", "已屏蔽。")]


def test_the_services_own_message_wins_over_done():
    request = _request({})
    post_action(request, lambda data: "已合并到 YJ-1。", done="已保存。", back="/work/x/1/")
    assert _said(request) == [("success", "已合并到 YJ-1。")]


def test_an_invalid_form_never_calls_the_service_and_names_the_field():
    calls = []
    request = _request({"reason": ""})
    post_action(request, calls.append, form=ReasonForm(request.POST), done="已屏蔽。", back="/work/x/1/")
    assert calls == []
    [(level, text)] = _said(request)
    assert level == "error" and text.startswith("理由：")


def test_a_refusal_becomes_an_error_message_and_nothing_else():
    def refuse(data):
        raise ServiceError("反馈已公布，意见处理结果不能再修改。")

    request = _request({})
    response = post_action(request, refuse, done="已屏蔽。", back="/work/x/1/")
    assert response.status_code == 302
    assert _said(request) == [("error", "反馈已公布，意见处理结果不能再修改。")]


def test_programming_errors_are_not_swallowed():
    request = _request({})
    try:
        post_action(request, lambda data: 1 / 0, back="/work/x/1/")
    except ZeroDivisionError:
        return
    raise AssertionError("a ZeroDivisionError must surface")


def test_next_only_on_this_site():
    factory = RequestFactory()
    for target, expected in (
        ("/work/x/1/?page=3", "/work/x/1/?page=3"),
        ("https://evil.example.com/", "/work/x/1/"),
        ("//evil.example.com/", "/work/x/1/"),
        ("", "/work/x/1/"),
    ):
        request = factory.post("/work/x/1/decide/", {"next": target})
        assert safe_next(request, "/work/x/1/") == expected
