"""CLI command modules.  Each module in ``MODULES`` defines
``register(main, train, evaluate)`` and adds its click commands to those groups;
keeping commands out of ``cli.py`` lets each capability own its interface."""

MODULES: tuple[str, ...] = ("analyze", "checkworthy", "web", "batch", "clarity", "corpus")
