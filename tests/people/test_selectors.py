"""People search reads: accent-insensitive, scoped, and a page with its total in one query."""

from __future__ import annotations

import pytest

from tiepdan.people import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    names = [f"Nguyễn Văn Hùng {i:02d}" for i in range(7)] + ["Trần Thị Lan"]
    return [services.create_person(actor=world.reception, owner_unit=world.unit_a, full_name=n) for n in names]


def test_search_page_counts_alongside_the_rows_in_one_query(world, people, django_assert_num_queries):
    list(selectors.search_people(world.handler, "nguyen")[:1])  # the user's scope is read once and kept
    with django_assert_num_queries(1):  # the rows and the total: no count query of its own
        page = selectors.search_page(world.handler, "nguyen van hung", "2", per_page=3)
    assert page.paginator.count == 7 and page.paginator.num_pages == 3 and page.number == 2
    assert [p.full_name for p in page] == ["Nguyễn Văn Hùng 03", "Nguyễn Văn Hùng 04", "Nguyễn Văn Hùng 05"]
    assert page.has_previous() and page.has_next()


def test_search_page_past_the_end_or_bad_number_and_no_match(world, people):
    last = selectors.search_page(world.handler, "nguyen van hung", "99", per_page=3)
    assert last.number == 3 and [p.full_name for p in last] == ["Nguyễn Văn Hùng 06"]
    first = selectors.search_page(world.handler, "nguyen van hung", "abc", per_page=3)
    assert first.number == 1 and len(first) == 3
    none = selectors.search_page(world.handler, "khong co ai", "1")
    assert none.paginator.count == 0 and list(none) == []
    assert selectors.search_page(world.handler_b, "nguyen", "1").paginator.count == 0  # another unit's registry
