"""tickettui: keyboard-driven terminal app for support tickets."""

__version__ = "0.1.0"
