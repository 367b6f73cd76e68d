"""File formats: bytes in, domain values out, and the reverse. No paths, no database."""
