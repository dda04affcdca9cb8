"""Printouts of library pages: a PDF of any material, speech-contest guide or club
activity, and the judging and feedback sheets made from a speech-contest guide's rubric.

Rendering, caching, fonts and safety are the `printing` package's job; this package only
decides who may print what, gathers what a page prints, and lays it out
(templates/library/pdf/). Mounted at /print/library/ (config/urls.py).
"""
