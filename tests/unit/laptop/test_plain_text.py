"""Hostile text is shown literally by Streamlit's markdown."""

from laptop.plain_text import literal


def test_links_images_and_html_lose_their_meaning():
    assert literal("[x](javascript:alert(1))") == r"\[x\]\(javascript\:alert\(1\)\)"
    escaped = literal("<img src=x onerror=alert(1)>")
    assert "<" not in escaped.replace("\\<", "") and ">" not in escaped.replace("\\>", "")
    assert literal("**bold** $x$") == r"\*\*bold\*\* \$x\$"


def test_long_and_multiline_text_is_cut_to_one_line():
    out = literal("a\nb\n\n# title " + "z" * 500, max_chars=20)
    assert "\n" not in out and out.endswith("…") and out.startswith("a b \\# title")


def test_text_of_exactly_max_chars_is_kept_and_one_more_is_cut_to_max_chars():
    assert literal("a" * 20, max_chars=20) == "a" * 20
    assert literal("a" * 21, max_chars=20) == "a" * 19 + "…"
