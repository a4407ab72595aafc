"""PyInstaller's entry script: the same entry point as the ``rothwizard`` console script."""

import sys

from rothwizard.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
