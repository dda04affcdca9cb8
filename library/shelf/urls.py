app_name = "shelf"

urlpatterns: list = []
