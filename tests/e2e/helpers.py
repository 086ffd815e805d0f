"""Waiting for Streamlit in a real browser, and the checks every page shares."""

APP = "[data-testid='stApp']"


def wait_for_app_run(page, settle_ms: int = 150, timeout: int = 30_000) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector(f"{APP}[data-test-connection-state='CONNECTED']",
                           state="attached", timeout=timeout)
    page.wait_for_selector(f"{APP}[data-test-script-state='notRunning']",
                           state="attached", timeout=timeout)
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def open_page(page, base_url: str, url_path: str = "", query: str = "") -> None:
    """Navigate to one page of the app and wait until it has rendered."""
    url = f"{base_url}/{url_path}" + (f"?{query}" if query else "")
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stAppViewContainer']", state="attached")
    wait_for_app_run(page)


def exception_texts(page) -> list[str]:
    """The text of every exception box Streamlit shows on the page (should be none)."""
    return page.locator("[data-testid='stException']").all_inner_texts()


def slider_input(page, label: str | None = None):
    """The keyboard-focusable range input of a st.slider (Streamlit 1.67 renders
    `input[type=range]` inside `[data-testid='stSlider']`). Press ArrowRight/ArrowLeft on it."""
    sliders = page.locator("[data-testid='stSlider']")
    if label is not None:
        sliders = sliders.filter(has=page.get_by_text(label, exact=True))
    return sliders.first.locator("input[type='range']").first


def wait_for_drawn_charts(page, at_least: int, timeout: int = 30_000) -> int:
    """Wait until at least `at_least` visible Plotly charts have drawn their SVG, and return
    how many there are. Streamlit finishes its run before Plotly has drawn every chart, and
    on a loaded machine that gap can be seconds, so counting at once is a race."""
    page.wait_for_function(
        """(n) => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(el => el.getClientRects().length > 0 && el.querySelector('.main-svg'))
                .length >= n""",
        arg=at_least, timeout=timeout)
    return page.locator(".js-plotly-plot:visible").count()


def whole_app_screenshot(page, path, max_height: int = 16_000) -> None:
    """Save a screenshot of the whole app, the scrolled-away part included.

    Streamlit scrolls inside its own container, so `full_page=True` only shows the first
    screen. For the shot the viewport is made as tall as the tallest scrolling content (at
    most `max_height`, Chromium's limit is about 16,384 px), then put back as it was.
    """
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('*')].filter(el => {
            const overflow = getComputedStyle(el).overflowY;
            return (overflow === 'auto' || overflow === 'scroll')
                   && el.scrollHeight > el.clientHeight;
        }).map(el => el.getBoundingClientRect().top + el.scrollHeight))""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, max_height)})
    try:
        page.wait_for_timeout(500)  # the app lays itself out again at the new height
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
