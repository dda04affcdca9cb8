"""Security headers Django 5.2 does not send by itself: a Content-Security-Policy.

Kyozai's pages load scripts, styles and fonts only from the site itself (htmx is vendored,
no inline script or style), so the policy can be strict. The Wagtail admin ships inline
scripts of its own, so it gets only the directives that cost it nothing: no framing by
other sites, no <base> or plugin tricks. Wagtail's preview, which the admin shows in an
iframe of its own, says so with X-Frame-Options: SAMEORIGIN; frame-ancestors follows it.
"""

from django.conf import settings

# Embeds editors may place in a material's body (EmbedBlock): the video hosts only.
EMBED_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]


def _directives() -> dict[str, list[str]]:
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
    return directives


def _join(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def build_policy() -> str:
    return _join(_directives())


def build_admin_policy() -> str:
    directives = _directives()
    return _join({name: directives[name] for name in ("object-src", "base-uri", "frame-ancestors")})


def _framed_by_self(policy: str) -> str:
    return policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


class ContentSecurityPolicyMiddleware:
    ADMIN_PREFIXES = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = build_policy()
        self.admin_policy = build_admin_policy()

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.admin_policy if request.path.startswith(self.ADMIN_PREFIXES) else self.policy
        if response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            policy = _framed_by_self(policy)
        own = response.headers.get("Content-Security-Policy")
        if own is None:
            response.headers["Content-Security-Policy"] = policy
        elif "frame-ancestors" not in own:
            # A view's own policy (Wagtail serves documents with default-src 'none') still
            # says who may frame it.
            ancestors = policy[policy.index("frame-ancestors") :].split(";")[0]
            response.headers["Content-Security-Policy"] = f"{own}; {ancestors}"
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
