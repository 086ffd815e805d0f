"""Open one page of the app in AppTest, as a visitor arriving by a link would."""

from streamlit.testing.v1 import AppTest

ENTRY = "../../app_entry.py"


def open_page(page: str, query: dict | None = None, timeout: float = 60) -> AppTest:
    """Run the app with `query` in the address, switch to `page` (a path from the repository
    root, as in ui.site_map) and check that no exception is shown."""
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
