"""In-app notifications: "Tanaka invited you to co-plan …", "your material is published".

A lower app (accounts) so that lessons and library can both tell a teacher something. The
model stores what happened (a kind and its parameters), never the sentence: the sentence is
made when shown, in the reader's language (kinds.py). The link is a URL string the calling
app passes in — accounts never reverses a higher app's URLs (docs/architecture.md §2).
"""
