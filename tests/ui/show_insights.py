"""Show the Insights window over the scripted search (tests/fixtures/scripted_search.py),
for screenshots with /work/shared/tools/xshot or a look by hand.

    python tests/ui/show_insights.py [light|dark] [TAB]

TAB is the tab's index (0 pipeline, 1 responses, 2 pace, 3 follow-up score).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from fixtures.scripted_search import NOW, script_outcomes, script_search
from PySide6.QtWidgets import QApplication, QStyleFactory

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.insights.window import InsightsWindow
from jobtracker.ui.theme import dark_palette, light_palette


def main() -> int:
    scheme = sys.argv[1] if len(sys.argv) > 1 else "light"
    tab = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if scheme == "dark" else light_palette())
    folder = Path(tempfile.mkdtemp())
    clock = FakeClock(NOW)
    services = Services(open_store(folder / "search.sqlite3", owner="screenshots"), clock)
    services.followups.tz = UTC
    ids = script_search(services, clock)
    script_outcomes(services, clock, ids)
    services.insights.set_weekly_goal(2)
    window = InsightsWindow(services.insights)
    window.set_period(2)  # all time
    window.tabs.setCurrentIndex(tab)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
