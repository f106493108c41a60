"""newsfeed: a self-hosted news feed engine."""

__version__ = "0.1.0"
USER_AGENT = f"newsfeed/{__version__} (+https://example.invalid/newsfeed; self-hosted news reader)"
