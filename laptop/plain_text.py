"""Show any text as plain text inside Streamlit's markdown (st.error, st.info, st.caption...).

Every character markdown, HTML or LaTeX could act on is backslash-escaped, so a file name or
CSV header such as `[x](javascript:alert(1))` or `<img src=x onerror=alert(1)>` is shown
literally, never as a link, an image or formatting.
"""

import re

MAX_CHARS = 300
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'])")


def literal(text: object, max_chars: int = MAX_CHARS) -> str:
    """`text` escaped for st.markdown, on one line, cut to max_chars characters."""
    one_line = " ".join(str(text).split())
    if len(one_line) > max_chars:
        one_line = one_line[: max_chars - 1] + "…"
    return _SPECIAL.sub(r"\\\1", one_line)
