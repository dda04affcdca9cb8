from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models, no URLs: only the `load_demo` command and the loaders it calls."""

    name = "demo"
