"""Finding a place of the gazetteer from a name or a P-code typed in a sheet or a form."""

from .models import Place, name_key


class PlaceMatcher:
    """The gazetteer in memory: P-code, or Arabic, English or alternate name (``Place.alternate_names``),
    compared by ``name_key`` (spaces, hyphens, apostrophes, hamza forms and a leading article aside). A
    name shared along one line of the hierarchy (Damascus governorate, district and sub-district) means
    the most specific place."""

    def __init__(self):
        self.by_pcode, by_name, self.places = {}, {}, {}
        for place in Place.objects.only("pk", "pcode", "name", "name_ar", "name_en", "level", "alternate_names"):
            self.places[place.pk] = place
            self.by_pcode[place.pcode.upper()] = place
            for name in {name_key(text) for text in (place.name_ar, place.name_en, *place.alternates())}:
                if name:
                    by_name.setdefault(name, []).append(place)
        self.by_name = {}
        for name, places in by_name.items():
            places.sort(key=lambda p: len(p.pcode))
            one_line = all(b.pcode.startswith(a.pcode) for a, b in zip(places, places[1:], strict=False))
            self.by_name[name] = places[-1] if one_line else places

    def find(self, text: str):
        """A Place, a list of candidates (ambiguous), or None."""
        if place := self.by_pcode.get(text.strip().upper()):
            return place
        return self.by_name.get(name_key(text))
