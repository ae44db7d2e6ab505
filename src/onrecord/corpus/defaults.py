"""Constants the CLI needs to build its options, kept free of heavy imports so
that ``onrecord --help`` does not load SQLAlchemy."""

DEFAULT_URL = "sqlite:///onrecord.db"
KINDS = ("turn", "question", "answer", "claim")
