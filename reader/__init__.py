"""reader: a terminal news reader for comparing how outlets cover the same story."""

__version__ = "0.1.0"
