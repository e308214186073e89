"""`python -m tui.cli`: the `dateline` command."""

import sys

from tui.cli.program import main

sys.exit(main())
