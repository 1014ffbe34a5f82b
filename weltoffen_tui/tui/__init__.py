"""The Textual user interface. Builds on ``weltoffen_tui.core`` and adds no rules of its own."""
