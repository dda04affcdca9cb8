"""How revisions are stored compactly (issue #11.6): pure encoding and merging, no database.

- `codec`: a snapshot as zlib-compressed JSON, and the delta between two snapshots;
- `changelog`: a revision's list of changes, merged when saves are coalesced or pruned.

The services that read and write revisions (lessons/services/revisions.py, retention.py)
use these; the data migration that compacted old revisions does too.
"""
