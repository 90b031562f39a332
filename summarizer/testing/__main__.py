"""``python -m summarizer.testing DEST``: write tiny random models into DEST."""

import sys

from .tiny import main

sys.exit(main())
