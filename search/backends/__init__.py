"""The two search backends: `database` (default, SQLite or PostgreSQL) and
`elasticsearch`. The service (search/service.py) picks one per request; callers never do."""
