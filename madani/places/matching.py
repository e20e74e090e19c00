"""Finding a place of the gazetteer from a name or a P-code typed in a sheet or a form."""

from madani.core.arabic import match_key

from .models import Place


class PlaceMatcher:
    """The gazetteer in memory: P-code, or Arabic or English name. A name shared along one line of
    the hierarchy (Damascus governorate, district and sub-district) means the most specific place."""

    def __init__(self):
        self.by_pcode, by_name, self.places = {}, {}, {}
        for place in Place.objects.only("pk", "pcode", "name", "name_ar", "name_en", "level"):
            self.places[place.pk] = place
            self.by_pcode[place.pcode.upper()] = place
            for name in {match_key(place.name_ar), match_key(place.name_en)}:
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
        key = match_key(text)
        found = self.by_name.get(key)
        if found is None and key.startswith("ال"):
            found = self.by_name.get(key[2:])
        if found is None and not key.startswith("ال"):
            found = self.by_name.get("ال" + key)
        return found
