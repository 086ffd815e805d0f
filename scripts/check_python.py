"""Stop with a plain message when this Python is too old for the app (run before making .venv).

Written for any Python 3 so that an old one reads it and says what is wrong, instead of
failing later inside a package install.
"""

import sys

NEEDED = (3, 11)

if sys.version_info[:2] < NEEDED:
    found = ".".join(str(part) for part in sys.version_info[:3])
    sys.exit(
        f"This app needs Python {NEEDED[0]}.{NEEDED[1]} or newer; {sys.executable} is {found}.\n"
        f"Install a newer Python and run again with it, for example: PYTHON=python3.12 make run"
    )
