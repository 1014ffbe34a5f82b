"""weltoffen-tui: the Selbstcheck Weltoffene Kommune as a keyboard-first terminal tool."""

__version__ = "0.1.0"
