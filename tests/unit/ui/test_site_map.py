"""ui.site_map: each page's browser-tab title is its own (WCAG 2.4.2)."""

from ui.site_map import APP_NAME, PAGES, tab_title


def test_every_page_has_its_own_tab_title_naming_the_page_then_the_app():
    titles = [tab_title(info.title) for info in PAGES]
    assert len(set(titles)) == len(PAGES), titles
    assert titles[0] == APP_NAME == "From one neuron to a laptop"  # Home
    assert tab_title("Perceptron") == "Perceptron · From one neuron to a laptop"
    for info, title in zip(PAGES[1:], titles[1:], strict=True):
        assert title.startswith(info.title + " · ") and title.endswith(APP_NAME)
