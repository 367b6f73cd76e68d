"""runlift: a periodised strength-training plan built around a runner's week."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("runlift")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
