"""Several assessments at once: comparison, timeline, consensus, action plan, agenda."""
