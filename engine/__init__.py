"""SpiffWorkflow behind a small API. Knows nothing about admission."""
