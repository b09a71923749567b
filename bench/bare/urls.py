from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse(b"Hello from a bare Django view.\n", content_type="text/plain")


urlpatterns = [path("", hello)]
