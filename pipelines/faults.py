"""Named pause points for fault-injection tests (failpoints).

When `CLAIMS_PAUSE_AT` names a point, the process writes its pid to the file named by
`CLAIMS_PAUSE_MARKER` and waits there, so a test can SIGKILL it at exactly that moment.
Unset (always, outside tests) a pause point costs one environment lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_AT = "CLAIMS_PAUSE_AT"
PAUSE_MARKER = "CLAIMS_PAUSE_MARKER"


def pause_point(name: str) -> None:
    if os.environ.get(PAUSE_AT) != name:
        return
    Path(os.environ[PAUSE_MARKER]).write_text(str(os.getpid()), encoding="utf-8")
    while True:
        time.sleep(1)
