"""Files on disk: one atomic writer, assessment files, listing and index, locks, editing."""
