"""Open Badges 3.0 credentials as files anyone may fetch, like the verify page.

The issuer profile and keys that verify our credentials, the revocation list, and each
certificate's credential for download (found by its verify code; pending ones do not exist).
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from certificates import credentials
from certificates.credentials.publishing import STATUS_LIST_TTL_MS
from certificates.models import Certificate

KEY_CACHE = "public, max-age=3600"
STATUS_CACHE = f"public, max-age={STATUS_LIST_TTL_MS // 1000}"


@require_safe
def issuer(request):
    return _json(credentials.issuer_profile(), cache=KEY_CACHE)


@require_safe
def key(request, key_id: str):
    document = credentials.key_document_for(key_id)
    if document is None:
        raise Http404("No such key")
    return _json(document, cache=KEY_CACHE)


@require_safe
def status_list(request):
    response = HttpResponse(credentials.status_list_jwt(), content_type="application/vc+jwt")
    response["Cache-Control"] = STATUS_CACHE
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request, verify_code: str):
    # A revoked certificate's credential is still served: the status list and the verify
    # page say it is revoked, and the file must match what the learner was given.
    certificate = (
        Certificate.objects.exclude(status=Certificate.Status.PENDING)
        .filter(verify_code=verify_code)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    document = credentials.credential_ensure(certificate=certificate)
    response = _json(document, cache="no-cache")
    name = slugify(certificate.number or certificate.verify_code)
    response["Content-Disposition"] = f'attachment; filename="certificate-{name}.json"'
    return response


def _json(document: dict, *, cache: str) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Cache-Control"] = cache
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
