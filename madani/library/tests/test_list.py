"""The library list (issue 5): Arabic search that forgives hamza forms, filters, pages and an export."""

import pytest
from django.urls import reverse

from madani.activities.models import Topic
from madani.core.exports import XLSX_CONTENT_TYPE

from .conftest import MP3


def _titles(client, **params):
    return [str(r) for r in client.get(reverse("library:list"), params).context["page"]]


def test_searching_without_hamza_finds_titles_written_with_it(anonymous, add_resource):
    add_resource("دليل أحمد للمناصرة")
    add_resource("قانون الجمعيات")
    assert _titles(anonymous, q="احمد") == ["دليل أحمد للمناصرة"]


def test_search_forgives_ta_marbuta_alef_maqsura_and_diacritics(anonymous, add_resource):
    add_resource("التربيةُ المدنيّة في القرى")
    assert _titles(anonymous, q="تربيه مدنية القري") == ["التربيةُ المدنيّة في القرى"]


def test_search_covers_arabic_authors_and_english_titles(anonymous, add_resource):
    add_resource("دليل الرصد", authors="إيمان الحسن", title_en="M&E Manual")
    assert _titles(anonymous, q="ايمان") == ["دليل الرصد"]
    assert _titles(anonymous, q="manual") == ["دليل الرصد"]


def test_the_list_filters_by_kind_topic_year_and_language(anonymous, add_resource):
    elections = Topic.objects.get(code="local-elections")
    add_resource("دليل الانتخابات", topics=[elections], year=2022)
    add_resource("حلقة إذاعية", kind="audio", name="episode.mp3", content=MP3, year=2023)
    add_resource("Advocacy toolkit", language="en", year=2020)
    assert _titles(anonymous, kind="audio") == ["حلقة إذاعية"]
    assert _titles(anonymous, topic=elections.pk) == ["دليل الانتخابات"]
    assert _titles(anonymous, year=2020) == ["Advocacy toolkit"]
    assert _titles(anonymous, language="en") == ["Advocacy toolkit"]


def test_the_list_is_paginated(anonymous, add_resource):
    for number in range(27):
        add_resource(f"دليل رقم {number}", kind="link")
    first = anonymous.get(reverse("library:list"))
    assert len(first.context["page"]) == 25 and first.context["page"].paginator.count == 27
    assert len(anonymous.get(reverse("library:list"), {"page": 2}).context["page"]) == 2


def test_htmx_gets_only_the_results(anonymous, add_resource):
    add_resource("دليل")
    response = anonymous.get(reverse("library:list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode() and "دليل" in response.content.decode()


@pytest.mark.parametrize("params, content_type", [({}, "text/csv; charset=utf-8"),
                                                  ({"format": "xlsx"}, XLSX_CONTENT_TYPE)])
def test_the_list_exports_what_it_shows(anonymous, add_resource, params, content_type):
    add_resource("دليل الانتخابات المحلية", authors="شبكة وصل")
    add_resource("قانون الجمعيات")
    response = anonymous.get(reverse("library:export"), {"q": "انتخابات", **params})
    assert response["Content-Type"] == content_type
    if not params:
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "دليل الانتخابات المحلية" in content and "شبكة وصل" in content and "قانون" not in content


def test_the_table_escapes_typed_text_and_the_export_neutralizes_formulas(anonymous, add_resource):
    """One table definition for the page and the file: a title is text on the page, never markup, and a
    formula in the file is never run."""
    add_resource('<script>alert("x")</script>', authors='=HYPERLINK("http://evil.example","x")')
    page = anonymous.get(reverse("library:list")).content.decode()
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page
    csv = b"".join(anonymous.get(reverse("library:export")).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv and ',=HYPERLINK(' not in csv
    # htmx refreshes the results and, out of band, the export links, which follow the new filters.
    results = anonymous.get(reverse("library:list"), {"q": "script"}, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-swap-oob="true"' in results and reverse("library:export") + "?q=script" in results
