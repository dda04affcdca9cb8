from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    name = "config.maintenance"
    label = "maintenance"
