"""Documents for people: one module per document, each format from one view model."""
