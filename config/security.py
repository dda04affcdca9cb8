"""Security headers Django 5.2 does not send by itself: a Content-Security-Policy.

Kyozai's pages load scripts, styles and fonts only from the site itself (htmx is vendored,
no inline script or style), so the policy can be strict. The Wagtail admin ships inline
scripts of its own and keeps Django's X-Frame-Options protection instead.
"""

from django.conf import settings

# Embeds editors may place in a material's body (EmbedBlock): the video hosts only.
EMBED_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]


def build_policy() -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_HOSTS],
        "object-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    extra_media = getattr(settings, "KYOZAI_CSP_MEDIA_ORIGIN", "")
    if extra_media:  # uploads served from object storage (django-storages) in production
        for directive in ("img-src", "media-src", "object-src", "connect-src"):
            directives[directive].append(extra_media)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    EXEMPT_PREFIXES = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
