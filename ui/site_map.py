"""The app's pages in one list: the navigation, the Home page cards and the tests read it.

Plain data (no streamlit import) so tests can walk every page without running the app.
"""

from dataclasses import dataclass

APP_NAME = "From one neuron to a laptop"


@dataclass(frozen=True)
class PageInfo:
    file: str  # path from the repository root, as st.Page and AppTest.switch_page want it
    title: str
    icon: str  # a Material Symbols short code
    url_path: str  # "" for the default (home) page
    section: str  # "" for pages shown above every section
    blurb: str  # one line for the Home page map


PAGES: tuple[PageInfo, ...] = (
    PageInfo("app_pages/home.py", "Home", ":material/home:", "", "",
             "The story, and where to go next."),
    PageInfo("app_pages/perceptron.py", "Perceptron", ":material/toggle_on:", "perceptron", "Learn",
             "Yes/no inputs, weights and a bias: the neuron that only says 0 or 1."),
    PageInfo("app_pages/sigmoid_neuron.py", "Sigmoid Neuron", ":material/show_chart:",
             "sigmoid-neuron", "Learn",
             "Inputs anywhere between 0 and 1, and an answer with a confidence."),
    PageInfo("app_pages/activations.py", "Activations", ":material/ssid_chart:", "activations",
             "Learn", "Sigmoid, ReLU, leaky ReLU and friends, and why networks need them."),
    PageInfo("app_pages/initialization.py", "Initialization", ":material/casino:", "initialization",
             "Learn", "What zero, tiny, huge and random starting weights do to learning."),
    PageInfo("app_pages/training.py", "Training", ":material/model_training:", "training",
             "Learn", "One step of learning on one laptop, every number of it."),
    PageInfo("app_pages/buy_the_laptop.py", "Buy the Laptop", ":material/laptop:", "buy-the-laptop",
             "Decide", "Train a small network on your friend's taste and ask it about a laptop."),
)


def page(title: str) -> PageInfo:
    """The page with this title; raises KeyError naming the known titles."""
    for info in PAGES:
        if info.title == title:
            return info
    raise KeyError(f"No page titled {title!r}. Known: {[p.title for p in PAGES]}")


def tab_title(title: str) -> str:
    """The browser tab's title for the page with this title: its own name first, so a
    screen reader and a row of tabs tell the pages apart (WCAG 2.4.2); Home is the app.

    >>> tab_title("Perceptron")
    'Perceptron · From one neuron to a laptop'
    >>> tab_title("Home")
    'From one neuron to a laptop'
    """
    return APP_NAME if title == PAGES[0].title else f"{title} · {APP_NAME}"
