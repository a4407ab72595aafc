"""``python -m rothwizard`` and the ``rothwizard`` entry point."""

import sys


def main() -> int:
    from rothwizard.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
