# PyInstaller runtime hook: with ROTHWIZARD_SELFTEST=1 the bundled app runs its installed-app self-test
# (rothwizard_selftest.py: open, edit, autosave, save, reopen and export a plan through the real wizard)
# instead of starting normally, and exits with its result. It runs no code from outside the bundle.
import os

if os.environ.get("ROTHWIZARD_SELFTEST") == "1":
    import sys

    import rothwizard_selftest

    sys.exit(rothwizard_selftest.main(sys.argv[1:]))
