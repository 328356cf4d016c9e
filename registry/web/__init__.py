"""The web UI: server-rendered pages for clerks, reviewers and police over the same services as the API."""
