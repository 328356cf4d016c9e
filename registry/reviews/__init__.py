"""The county reviewers' queue: one item per thing that waits for a county decision (exits now, more kinds later)."""
