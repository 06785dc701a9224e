"""`make loadtest`: patients, self-checks and clinic systems at once against the production-style server."""
