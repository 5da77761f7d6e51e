"""The HTTP API (`hospital-mgmt serve`)."""
