import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


# A database that refuses, drops or times out: the request can be tried again shortly.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    # Called while the request's exception is being handled, so sys.exc_info() names it.
    # Rendered without a RequestContext: the failure may be in what a context processor reads
    # (and with the database down, every context processor that reads it fails).
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
