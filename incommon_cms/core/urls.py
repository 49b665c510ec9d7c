"""`urlpatterns` are mounted at the site root; `localized_urlpatterns` under the language prefix."""

urlpatterns = []
localized_urlpatterns = []
