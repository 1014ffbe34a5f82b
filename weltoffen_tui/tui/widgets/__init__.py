"""Widgets of the app, grouped by the screen area they belong to."""
