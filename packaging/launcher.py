"""The standalone build's entry point (packaging/charity-pos.spec): the
command line, as the installed ``charity-pos`` script runs it; no command
starts the app.

A Windows program built without a console (``charity-pos.exe``, the one the
start menu starts) has no standard output or error: Python sets them to
None, and the first message printed would end the program. They go nowhere
instead; the app says what matters on screen, and its log keeps the rest.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (open for the process's life)

from charity_pos.cli import main  # noqa: E402

raise SystemExit(main())
