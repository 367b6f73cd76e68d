"""The REST API (``docs/contracts.md`` §7): FastAPI over the same use cases as the CLI."""
