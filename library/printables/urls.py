app_name = "printables"

urlpatterns: list = []
