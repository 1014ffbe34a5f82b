"""Screens of the app, one module each, styles in the .tcss file beside it."""
