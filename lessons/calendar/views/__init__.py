"""The calendar's pages (mounted at /calendar/, lessons/calendar/urls.py)."""
