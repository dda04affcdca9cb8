"""The school year in time: a class's lessons on its timetable ("schedule a unit", "bump",
"where did this class stop"), an ALT's week across schools (HTML and a one-page A4
printout), a teacher's private iCalendar feed, and the hand-over pack. Views and URLs are
mounted at /calendar/ (config/urls.py); the API at /api/v1/calendar/."""
