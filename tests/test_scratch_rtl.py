from django.urls import reverse
from tests.factories import place
def test_dup(client_a, person_a, branch_a):
    r = client_a.post(reverse("people:create"), {"full_name": person_a.full_name, "gender": person_a.gender, "birth_year": person_a.birth_year or "", "displacement": "resident", "home_place": person_a.home_place_id or "", "branch": branch_a.pk})
    html = r.content.decode()
    print(html[html.index("<main"):html.index("</main>")])
    assert 0
