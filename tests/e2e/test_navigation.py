"""Every page in the navigation opens in a real browser, shows its title and no exception."""

import pytest

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run
from ui.site_map import PAGES


@pytest.mark.parametrize("info", PAGES, ids=[p.title for p in PAGES])
def test_page_opens_with_title_and_no_exception(page, app_server, info):
    open_page(page, app_server.url, info.url_path)
    assert exception_texts(page) == []
    assert info.title in page.locator("h1").first.inner_text()


def test_sidebar_lists_each_page_once(page, app_server):
    open_page(page, app_server.url)
    nav = page.locator("[data-testid='stSidebarNav'] a")
    labels = [t.strip().splitlines()[-1] for t in nav.all_inner_texts()]
    for info in PAGES:
        assert labels.count(info.title) == 1, labels


def test_sidebar_link_switches_page(page, app_server):
    open_page(page, app_server.url)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Perceptron").click()
    page.wait_for_url("**/perceptron")
    wait_for_app_run(page)
    assert "Perceptron" in page.locator("h1").first.inner_text()
    assert exception_texts(page) == []
