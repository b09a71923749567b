"""Open Badges 3.0 credentials: built from the snapshot, signed, published and verified offline.

The specification's own signed vector (1EdTech, ob_v3p0 implementation guide; kept in
../shared/fixtures/openbadges-v3/) must verify with its key and fail after any change.
"""

import base64
import copy
import gzip
import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from pyld import jsonld  # noqa: TID251 - the test proves the process-wide loader is offline

from certificates import credentials, keys
from certificates.credentials import (
    CredentialError,
    credential_build,
    credential_ensure,
    credential_for,
    credential_sign,
    credential_verify,
    publishing,
    verifying,
)
from certificates.models import Certificate
from tests.certificates.factories import CertificateFactory
from tests.factories import EnrollmentFactory, SchoolFactory, UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]
VECTOR_DIR = BASE_DIR.parent / "shared/fixtures/openbadges-v3"
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
SEC = "https://w3id.org/security#"


# --- Helpers, shared with test_verify_credential_command.py ---------------------------------


def spec_vector() -> dict:
    return json.loads((VECTOR_DIR / "ob3-signed-test-vector.json").read_text())


def spec_key() -> bytes:
    return (VECTOR_DIR / "ob3-test-vector-pubkey.pem").read_bytes()


def new_private_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_of(private_pem: str) -> bytes:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return keys.public_pem(key.public_key())


def changed(document: dict, path: str, value) -> dict:
    """A deep copy with the member at a dotted path ("issuer.name", "evidence.0.name") set."""
    document = copy.deepcopy(document)
    *parents, last = path.split(".")
    target = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return document


def issued_certificate(course, **fields) -> Certificate:
    course.school = SchoolFactory(
        name="Bodywork Institute", website="https://bodywork.example", email="ce@bodywork.example"
    )
    course.save()
    student = UserFactory(legal_name="Jane Q. Learner", email="Jane.Learner@example.com")
    return CertificateFactory(
        enrollment=EnrollmentFactory(student=student, course=course), **fields
    )


@pytest.fixture
def no_network(monkeypatch):
    """Fails any connection or name lookup beyond this machine (local databases may answer)."""
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if sock.family != socket.AF_UNIX and address[0] not in LOCAL_HOSTS:
            raise AssertionError(f"network access attempted: {address}")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOCAL_HOSTS:
            raise AssertionError(f"name lookup attempted: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def certificate(course):
    return issued_certificate(course)


@pytest.fixture
def signed(certificate, no_network):
    return credential_for(certificate=certificate)


def test_the_network_guard_refuses_connections(no_network):
    with pytest.raises(AssertionError, match=r"name lookup attempted: example\.org"):
        socket.create_connection(("example.org", 443), timeout=1)


# --- The specification's signed vector -------------------------------------------------------


def test_spec_vector_verifies_offline_with_its_key(no_network):
    result = credential_verify(spec_vector(), public_keys=[spec_key()])

    assert result.ok, result.errors
    assert result.issuer == "Example Corp"
    assert result.subject == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert result.achievement == "Teamwork"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("name", "Teamwork Badge!"),
        ("validFrom", "2010-01-01T00:00:01Z"),
        ("issuer.name", "Evil Corp"),
        ("credentialSubject.id", "did:example:someone-else"),
        ("credentialSubject.achievement.name", "Leadership"),
    ],
)
def test_spec_vector_is_rejected_after_one_field_changes(no_network, path, value):
    result = credential_verify(changed(spec_vector(), path, value), public_keys=[spec_key()])

    assert not result.ok
    assert result.errors == ["Invalid Data Integrity proof (signature mismatch)"]


def test_spec_vector_is_not_trusted_without_its_issuers_key(no_network):
    result = credential_verify(spec_vector())

    assert not result.ok
    assert result.errors == [
        verifying.NOT_OURS.format(
            issuer="https://example.edu/issuers/565049", ours=credentials.issuer_id()
        )
    ]


def test_spec_vector_fails_with_another_key(no_network):
    result = credential_verify(spec_vector(), public_keys=[public_of(new_private_pem())])

    assert not result.ok
    assert "signature mismatch" in result.errors[0]


def test_a_context_outside_the_bundled_ones_is_refused_not_fetched(no_network):
    vector = spec_vector()
    vector["@context"].append("https://example.org/contexts/extra.json")

    result = credential_verify(vector, public_keys=[spec_key()])

    assert not result.ok
    assert (
        "'https://example.org/contexts/extra.json' is not in the bundled allowlist"
        in (result.errors[0])
    )


def test_pyld_never_fetches_a_context_in_this_process(no_network):
    document = {"@context": "https://example.org/contexts/extra.json", "name": "x"}

    with pytest.raises(jsonld.JsonLdError) as error:
        jsonld.expand(document)

    assert error.value.details == {"url": "https://example.org/contexts/extra.json"}
    assert "is not in the bundled allowlist" in str(error.value.__cause__)


def test_an_unusable_key_for_someone_elses_credential_is_reported(no_network):
    result = credential_verify(spec_vector(), public_keys=[b"not a key"])

    assert not result.ok
    assert result.errors[0].startswith("unusable verification key")


@pytest.mark.parametrize(
    ("text", "error"),
    [("{oops", "not valid JSON: "), ("[1, 2]", "a credential must be a JSON object")],
)
def test_text_that_is_not_a_credential_is_invalid(db, text, error):
    result = credential_verify(text)

    assert not result.ok
    assert result.errors[0].startswith(error)


# --- Building a credential from a certificate ------------------------------------------------


def test_credential_is_built_from_the_snapshot(certificate):
    document = credential_build(certificate=certificate)

    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["issuer"] == {
        "id": credentials.issuer_id(),
        "type": ["Profile"],
        "name": "Bodywork Institute",
        "url": "https://bodywork.example",
        "email": "ce@bodywork.example",
    }
    assert document["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == certificate.course.title
    assert achievement["achievementType"] == "Certificate"
    assert achievement["creditsAvailable"] == 3
    assert achievement["criteria"]["narrative"].startswith("Completed the course's required")
    assert document["credentialSubject"]["creditsEarned"] == 3
    assert document["evidence"][0]["name"] == "NCBTMB approval NCB-1234"
    assert "Provider number AP-1000." in document["evidence"][0]["description"]
    assert document["description"] == (
        f"Certificate of Achievement {certificate.number}: 3 CE hours, "
        f"completed on {certificate.completed_at.date().isoformat()}."
    )
    assert document["credentialStatus"] == {
        "id": f"{publishing.status_list_url()}#{certificate.pk}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.pk),
        "statusListCredential": publishing.status_list_url(),
    }


def test_learner_is_named_and_their_email_only_hashed(certificate):
    document = credential_build(certificate=certificate)

    name, email = document["credentialSubject"]["identifier"]
    assert name == {
        "type": "IdentityObject",
        "hashed": False,
        "identityHash": "Jane Q. Learner",
        "identityType": "name",
    }
    expected = hashlib.sha256(("jane.learner@example.com" + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    assert email["identityType"] == "emailAddress"
    assert "jane.learner" not in json.dumps(document).lower()


def test_a_learner_without_a_legal_name_is_not_published_by_email(course):
    certificate = issued_certificate(course)
    certificate.snapshot["learner"]["name"] = certificate.snapshot["learner"]["email"]

    document = credential_build(certificate=certificate)

    identifiers = document["credentialSubject"]["identifier"]
    assert [i["identityType"] for i in identifiers] == ["emailAddress"]
    assert "jane.learner" not in json.dumps(document).lower()


def test_building_twice_gives_the_same_document(certificate):
    assert credential_build(certificate=certificate) == credential_build(certificate=certificate)


def test_completion_certificates_are_a_certificate_of_completion(course):
    certificate = issued_certificate(course, kind="completion")

    document = credential_build(certificate=certificate)

    assert document["credentialSubject"]["achievement"]["achievementType"] == (
        "CertificateOfCompletion"
    )


def test_a_pending_certificate_has_no_credential(course):
    certificate = issued_certificate(
        course, status=Certificate.Status.PENDING, number=None, issued_at=None
    )

    with pytest.raises(
        CredentialError, match="Only issued certificates have a credential; this one is pending"
    ):
        credential_build(certificate=certificate)


# --- Signing and verifying our own ---------------------------------------------------------


def test_our_credential_signs_and_verifies(signed):
    result = credential_verify(signed)

    assert result.ok, result.errors
    assert result.subject == "Jane Q. Learner"
    assert result.issuer == "Bodywork Institute"
    assert result.issuer_id == credentials.issuer_id()
    assert result.warnings == []
    proof = signed["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == credentials.verification_method(
        keys.signing_key().public_pem
    )


def test_our_credential_verifies_as_json_text(signed):
    assert credential_verify(json.dumps(signed)).ok


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("credentialSubject.achievement.creditsAvailable", 30),
        ("credentialSubject.creditsEarned", 30),
        ("credentialSubject.identifier.0.identityHash", "John Forger"),
        ("issuer.name", "Another School"),
        ("credentialSubject.achievement.name", "Advanced Course"),
        ("validFrom", "2020-01-01T00:00:00Z"),
        ("evidence.0.name", "NCBTMB approval NCB-9999"),
    ],
    ids=["hours", "hours-earned", "learner", "issuer-name", "course", "date", "approval"],
)
def test_tampered_credential_is_rejected(signed, path, value):
    result = credential_verify(changed(signed, path, value))

    assert not result.ok
    assert result.errors == ["Invalid Data Integrity proof (signature mismatch)"]


def test_an_added_unsigned_member_is_rejected(signed):
    result = credential_verify(changed(signed, "credentialSubject.note", "Top of the class"))

    assert not result.ok
    assert "not in compacted form" in result.errors[0]


def test_a_changed_issuer_is_not_ours_any_more(signed):
    forged = changed(signed, "issuer.id", "https://other-school.example/issuer")

    assert credential_verify(forged).errors == [
        verifying.NOT_OURS.format(
            issuer="https://other-school.example/issuer", ours=credentials.issuer_id()
        )
    ]
    with_our_key = credential_verify(forged, public_keys=[keys.signing_key().public_pem])
    assert with_our_key.errors == ["Invalid Data Integrity proof (signature mismatch)"]


def test_a_key_that_is_not_ours_is_refused_for_our_credential(signed):
    result = credential_verify(signed, public_keys=[public_of(new_private_pem())])

    assert not result.ok
    assert result.errors == [verifying.KEY_NOT_OURS]


def test_our_own_key_given_explicitly_is_accepted(signed):
    assert credential_verify(signed, public_keys=[keys.signing_key().public_pem]).ok


def test_a_credential_signed_with_a_strangers_key_in_our_name_is_refused(
    certificate, settings, no_network
):
    settings.CREDENTIAL_SIGNING_KEY = new_private_pem()
    forged = credential_for(certificate=certificate)
    settings.CREDENTIAL_SIGNING_KEY = ""

    result = credential_verify(forged)

    assert not result.ok
    method = forged["proof"]["verificationMethod"]
    assert result.errors == [verifying.KEY_NOT_PUBLISHED.format(method=method)]


def test_credentials_signed_before_a_key_change_still_verify(
    certificate, settings, tmp_path, no_network
):
    old_key, new_key = new_private_pem(), new_private_pem()
    settings.CREDENTIAL_SIGNING_KEY = old_key
    old_credential = credential_for(certificate=certificate)
    retired = tmp_path / "retired.pem"
    retired.write_bytes(public_of(old_key))
    settings.CREDENTIAL_SIGNING_KEY = new_key

    assert not credential_verify(old_credential).ok  # until the old key is published
    settings.CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE = str(retired)
    assert credential_verify(old_credential).ok
    assert credential_verify(credential_for(certificate=certificate)).ok


def test_a_revoked_credential_fails_and_a_reinstated_one_passes(certificate, signed):
    certificate.status = Certificate.Status.REVOKED
    certificate.save()

    result = credential_verify(signed)
    assert not result.ok
    assert result.errors == [
        f"Credential status 'revocation' is set at index {certificate.pk} in "
        f"{publishing.status_list_url()}"
    ]

    certificate.status = Certificate.Status.ISSUED
    certificate.save()
    assert credential_verify(signed).ok


def test_another_issuers_status_list_is_not_fetched(signed, settings):
    # Someone else's credential, with its status list on their site, checked with their key.
    stranger = new_private_pem()
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    unsigned = changed(unsigned, "issuer.id", "https://other-school.example/issuer")
    unsigned = changed(
        unsigned,
        "credentialStatus.statusListCredential",
        "https://other-school.example/status.jwt",
    )
    settings.CREDENTIAL_SIGNING_KEY = stranger
    theirs = credential_sign(document=unsigned)
    settings.CREDENTIAL_SIGNING_KEY = ""

    result = credential_verify(theirs, public_keys=[public_of(stranger)])

    assert result.ok, result.errors
    assert result.warnings == [
        verifying.STATUS_NOT_CHECKED.format(url="https://other-school.example/status.jwt")
    ]


def test_an_unusable_key_is_reported(signed):
    result = credential_verify(signed, public_keys=[b"not a key"])

    assert not result.ok
    assert result.errors[0].startswith("the public key given is not usable")


# --- Storing ---------------------------------------------------------------------------------


def test_ensure_stores_the_credential_once(certificate, no_network):
    first = credential_ensure(certificate=certificate)
    certificate.refresh_from_db()

    assert certificate.credential == first
    assert credential_ensure(certificate=Certificate.objects.get(pk=certificate.pk)) == first


# --- Published files -------------------------------------------------------------------------


def test_issuer_profile_publishes_the_key_as_a_multikey(client, db, no_network):
    response = client.get(reverse("credentials:issuer"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    profile = response.json()
    public_pem = keys.signing_key().public_pem
    method = credentials.verification_method(public_pem)
    assert profile["id"] == credentials.issuer_id()
    assert profile["type"] == ["Profile"]
    assert profile["verificationMethod"] == [
        {
            "id": method,
            "type": "Multikey",
            "controller": credentials.issuer_id(),
            "publicKeyMultibase": publishing.key_id(public_pem),
        }
    ]
    assert profile["assertionMethod"] == [method]
    assert publishing.key_id(public_pem).startswith("z6Mk")  # Ed25519, base58btc


def test_issuer_profile_is_valid_json_ld_from_the_bundled_contexts(client, db, no_network):
    profile = client.get(reverse("credentials:issuer")).json()

    [expanded] = jsonld.expand(profile)

    [method] = expanded[SEC + "verificationMethod"]
    assert method["@type"] == [SEC + "Multikey"]
    assert method[SEC + "controller"] == [{"@id": credentials.issuer_id()}]
    assert method[SEC + "publicKeyMultibase"][0]["@value"].startswith("z6Mk")
    assert expanded[SEC + "assertionMethod"] == [{"@id": method["@id"]}]


def test_key_document_is_served_at_the_proofs_verification_method(client, signed):
    response = client.get(urlsplit(signed["proof"]["verificationMethod"]).path)

    assert response.status_code == 200
    document = response.json()
    assert document["id"] == signed["proof"]["verificationMethod"]
    assert document["type"] == "Multikey"
    assert document["controller"] == signed["issuer"]["id"]
    assert document["@context"] == "https://w3id.org/security/multikey/v1"


def test_unknown_key_is_404(client, db):
    response = client.get(reverse("credentials:key", kwargs={"key_id": "z6MkUnknown"}))

    assert response.status_code == 404


def test_credential_downloads_as_a_signed_json_attachment(client, certificate, no_network):
    response = client.get(reverse("credentials:download", args=[certificate.verify_code]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.number.lower()}.json"'
    )
    document = json.loads(response.content)
    assert credential_verify(document).ok
    certificate.refresh_from_db()
    assert certificate.credential == document


def test_a_stored_credential_is_served_as_stored_in_one_query(
    client, certificate, django_assert_num_queries
):
    certificate.credential = credential_for(certificate=certificate)
    certificate.save()

    with django_assert_num_queries(1):
        response = client.get(reverse("credentials:download", args=[certificate.verify_code]))

    assert json.loads(response.content) == certificate.credential


def test_a_revoked_certificates_credential_is_still_served(client, course):
    certificate = issued_certificate(course, status=Certificate.Status.REVOKED)

    response = client.get(reverse("credentials:download", args=[certificate.verify_code]))

    assert response.status_code == 200
    assert not credential_verify(json.loads(response.content)).ok


@pytest.mark.parametrize("status", ["unknown", Certificate.Status.PENDING])
def test_unknown_or_pending_credential_is_404(client, course, status):
    code = "no-such-code"
    if status == Certificate.Status.PENDING:
        code = issued_certificate(course, status=status, number=None, issued_at=None).verify_code

    response = client.get(reverse("credentials:download", args=[code]))

    assert response.status_code == 404


def test_status_list_sets_the_bit_of_each_revoked_certificate(client, course):
    revoked = issued_certificate(course, status=Certificate.Status.REVOKED)
    valid = CertificateFactory(enrollment=EnrollmentFactory(course=course))

    response = client.get(reverse("credentials:status_list"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    payload = response.content.decode().split(".")[1]
    document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert document["issuer"] == credentials.issuer_id()
    subject = document["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"].removeprefix("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert len(bits) * 8 == publishing.STATUS_LIST_BITS

    def is_set(index):
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    assert is_set(revoked.pk)
    assert not is_set(valid.pk)


# --- The signing key -------------------------------------------------------------------------


def test_development_key_is_generated_once_and_kept_private(settings, tmp_path):
    settings.CREDENTIAL_DEV_KEY_FILE = tmp_path / "var" / "signing-key.pem"

    first = keys.signing_key()

    assert (tmp_path / "var" / "signing-key.pem").stat().st_mode & 0o777 == 0o600
    keys._signing_key.cache_clear()
    assert keys.signing_key() == first


def test_a_configured_key_wins_over_the_development_key(settings, tmp_path):
    pem = new_private_pem()
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    (tmp_path / "key.pem").write_text(pem)

    assert keys.signing_key().public_pem == public_of(pem)


@pytest.mark.parametrize(
    ("pem", "message"),
    [
        ("not a key", "CREDENTIAL_SIGNING_KEY is not an Ed25519 private key in PEM"),
        (
            generate_private_key(public_exponent=65537, key_size=2048)
            .private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            .decode(),
            "it is a RSAPrivateKey",
        ),
    ],
    ids=["garbage", "rsa"],
)
def test_an_unusable_signing_key_fails_loudly(settings, pem, message):
    settings.CREDENTIAL_SIGNING_KEY = pem

    with pytest.raises(ImproperlyConfigured, match=message):
        keys.signing_key()


def test_no_key_without_debug_fails_loudly(settings):
    settings.CREDENTIAL_DEV_KEY_FILE = None

    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_SIGNING_KEY or"):
        keys.signing_key()


def run_production_settings(**variables) -> subprocess.CompletedProcess:
    names = ("CREDENTIAL_SIGNING_KEY", "CREDENTIAL_SIGNING_KEY_FILE", "DEBUG", "SECRET_KEY")
    env = {k: v for k, v in os.environ.items() if k not in names}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "",
        "SECRET_KEY": "s" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
        "CREDENTIAL_SIGNING_KEY": "",
        "CREDENTIAL_SIGNING_KEY_FILE": "",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_signing_key():
    result = run_production_settings()

    assert result.returncode != 0
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "django.core.exceptions.ImproperlyConfigured: CREDENTIAL_SIGNING_KEY or "
            "CREDENTIAL_SIGNING_KEY_FILE is missing"
        )
    )


def test_production_refuses_a_missing_key_file(tmp_path):
    result = run_production_settings(CREDENTIAL_SIGNING_KEY_FILE=str(tmp_path / "none.pem"))

    assert result.returncode != 0
    assert "is not a readable file" in result.stderr.strip().splitlines()[-1]


def test_production_starts_with_a_key_file(tmp_path):
    (tmp_path / "key.pem").write_text(new_private_pem())

    result = run_production_settings(CREDENTIAL_SIGNING_KEY_FILE=str(tmp_path / "key.pem"))

    assert result.returncode == 0, result.stderr
