"""`manage.py verify_credential FILE [--key PEM]`: VALID and exit 0, or INVALID and exit 1."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from certificates.credentials import credential_for
from tests.certificates.test_credentials import (
    BASE_DIR,
    VECTOR_DIR,
    changed,
    issued_certificate,
    new_private_pem,
    no_network,  # noqa: F401 - a fixture
    public_of,
    spec_vector,
)

VECTOR = str(VECTOR_DIR / "ob3-signed-test-vector.json")
VECTOR_KEY = str(VECTOR_DIR / "ob3-test-vector-pubkey.pem")


def verify(*args) -> tuple[int, str, str]:
    """Runs the command in this process; returns its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_credential", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write_json(tmp_path, document, name="credential.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2))
    return str(path)


@pytest.fixture
def our_credential(course, no_network):  # noqa: F811 - the fixture imported above
    return credential_for(certificate=issued_certificate(course))


def test_spec_vector_with_its_key_is_valid(no_network):  # noqa: F811
    code, out, _ = verify(VECTOR, "--key", VECTOR_KEY)

    assert code == 0
    assert out.splitlines()[0] == (
        "VALID: did:example:ebfeb1f712ebc6f1c276e12ec21 issued by Example Corp"
    )
    assert "achievement: Teamwork" in out


def test_spec_vector_with_one_change_is_invalid(tmp_path, no_network):  # noqa: F811
    tampered = write_json(tmp_path, changed(spec_vector(), "issuer.name", "Evil Corp"))

    code, out, _ = verify(tampered, "--key", VECTOR_KEY)

    assert code == 1
    assert out.strip() == "INVALID: Invalid Data Integrity proof (signature mismatch)"


def test_spec_vector_is_invalid_without_its_key(db, no_network):  # noqa: F811
    code, out, _ = verify(VECTOR)

    assert code == 1
    assert out.startswith("INVALID: issued by https://example.edu/issuers/565049, not by this")


def test_our_credential_is_valid_with_our_published_key(tmp_path, our_credential):
    code, out, err = verify(write_json(tmp_path, our_credential))

    assert code == 0, out
    assert out.splitlines()[0] == "VALID: Jane Q. Learner issued by Bodywork Institute"
    assert err == ""


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("credentialSubject.achievement.creditsAvailable", 12),
        ("credentialSubject.identifier.0.identityHash", "John Forger"),
        ("issuer.name", "Another School"),
    ],
    ids=["hours", "name", "issuer"],
)
def test_our_credential_tampered_is_invalid(tmp_path, our_credential, path, value):
    code, out, _ = verify(write_json(tmp_path, changed(our_credential, path, value)))

    assert code == 1
    assert out.strip() == "INVALID: Invalid Data Integrity proof (signature mismatch)"


def test_our_credential_with_someone_elses_key_is_invalid(tmp_path, our_credential):
    key = tmp_path / "other.pem"
    key.write_bytes(public_of(new_private_pem()))

    code, out, _ = verify(write_json(tmp_path, our_credential), "--key", str(key))

    assert code == 1
    assert out.startswith("INVALID: it names this platform as issuer, but the key given")


def test_invalid_json_names_the_line(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "urn:x",\n  "name": oops\n}\n')

    with pytest.raises(CommandError, match=r"is not valid JSON: Expecting value at line 3"):
        verify(str(path))


def test_unreadable_file_is_a_command_error(tmp_path, db):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.json"):
        verify(str(tmp_path / "missing.json"))


def test_unreadable_key_is_a_command_error(tmp_path, db):
    with pytest.raises(CommandError, match=r"Cannot read .*nokey\.pem"):
        verify(VECTOR, "--key", str(tmp_path / "nokey.pem"))


@pytest.mark.parametrize(
    ("tamper", "returncode", "first_line"),
    [
        (False, 0, "VALID: did:example:ebfeb1f712ebc6f1c276e12ec21 issued by Example Corp"),
        (True, 1, "INVALID: Invalid Data Integrity proof (signature mismatch)"),
    ],
    ids=["valid", "tampered"],
)
def test_exit_codes_from_the_shell(tmp_path, tamper, returncode, first_line):
    document = spec_vector()
    if tamper:
        document = changed(document, "credentialSubject.achievement.name", "Leadership")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    command = [
        "manage.py",
        "verify_credential",
        write_json(tmp_path, document),
        "--key",
        VECTOR_KEY,
    ]

    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *command],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == returncode, result.stderr
    assert result.stdout.splitlines()[:1] == [first_line], result.stderr
