"""Printing lesson plans (issue #6): the English team-teaching plan, the 学習指導案 (略案 and
細案) and print packs, all through the one renderer in `printing/`.

layouts (what each layout prints, built in Python so the view knows which files belong to
the plan before rendering), packs (the plan plus its materials' PDFs), forms (the print
dialog's options), views and urls (mounted under /lessons/, app name "lesson_printing").
"""
