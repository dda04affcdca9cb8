"""The one print pipeline every printable thing in Kyozai goes through (docs/architecture.md).

An app describes a printout by subclassing `printing.printouts.Printout` (who may print it,
what it renders, its key, its page estimate, its file name and dialog) and registering it
and its PDF template folders (`printing.registry`) in its AppConfig.ready(). This package
does the rest once for all of them: the print dialog, the job that renders in the
background and is shared by everyone who asks for the same thing, progress, the file.

Modules, one job each: printouts (what an app supplies), registry, views and urls (the
shared dialog and job pages), jobs (find, share, refuse, limit, queue), models (PrintJob),
tasks (the background render), storage (private results), cache (keys), estimate (page
estimates before rendering), limits (size limits), render (template → PDF with WeasyPrint),
papers, fonts and checks, fetcher (what WeasyPrint may read), links (addresses on paper),
qr, packs (merged PDFs), preview (page → PNG), forms (paper and language), responses and
inspect (reading a PDF back). PDF templates extend templates/printing/base_pdf.html and
load `printing_tags`. `manage.py print_test_page` checks a machine prints Japanese.

This package imports no other Kyozai app: the apps come to it.
"""
