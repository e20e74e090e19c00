"""Certificate codes a person can read and type (issue 12): no O/0 or I/l look-alikes, lowercase and
look-alikes accepted, and the codes printed before the change still verify."""

from django.urls import reverse
from django.utils.translation import gettext

from madani.certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate, new_code, normalize_code


def verify(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def test_new_codes_use_only_characters_that_cannot_be_read_two_ways():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("".join(codes)) & set("OIL" + "U" + "oil" + "-_")


def test_a_person_may_type_the_code_in_lowercase_with_look_alikes_and_groups(anonymous, certificate_a):
    code = certificate_a.code
    assert set(code) <= set(CODE_ALPHABET)
    typed = "-".join(code[i:i + 4] for i in range(0, len(code), 4)).lower().replace("0", "o").replace("1", "l")
    response = verify(anonymous, typed)
    assert response.status_code == 200
    assert gettext("This certificate is genuine and valid.") in response.content.decode()
    assert normalize_code(" " + typed.replace("l", "I") + " ") == code


def test_the_printed_and_shown_code_is_grouped_by_four(anonymous, certificate_a):
    grouped = certificate_a.grouped_code
    assert grouped.replace("-", "") == certificate_a.code and len(grouped.split("-")) == CODE_LENGTH // 4
    assert grouped in verify(anonymous, certificate_a.code).content.decode()


def test_codes_made_before_the_new_alphabet_still_verify_exactly(anonymous, certificate_a):
    Certificate.objects.filter(pk=certificate_a.pk).update(code="aB3_x-Ol9QzKt0Iw")
    assert verify(anonymous, "aB3_x-Ol9QzKt0Iw").status_code == 200
    assert verify(anonymous, "ab3_x-ol9qzkt0iw").status_code == 404  # old codes are case-sensitive, as printed
    certificate_a.refresh_from_db()
    assert certificate_a.grouped_code == "aB3_x-Ol9QzKt0Iw"


def test_a_code_that_differs_in_a_real_character_is_unknown(anonymous, certificate_a):
    code = certificate_a.code
    wrong = code[:-1] + ("Z" if code[-1] != "Z" else "Y")
    assert verify(anonymous, wrong).status_code == 404
