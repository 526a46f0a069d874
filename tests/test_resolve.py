"""Places and codes: Italian municipalities and provinces, countries, origin territories,
SDG targets, resolved against the shipped reference tables."""

from __future__ import annotations

import pytest

from loaders import resolve
from loaders.normalise import ParseError
from ponti import reference


def _error(call, *args):  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError) as caught:
        call(*args)
    return caught.value


# -- municipalities -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # codes, including those a spreadsheet turned into numbers
        ("058091", "058091"),
        ("58091", "058091"),
        ("58091.0", "058091"),
        ("1272", "001272"),
        ("001272", "001272"),
        ("058091 - Roma", "058091"),
        # names: case, accents and apostrophes do not matter
        ("Roma", "058091"),
        ("ROMA", "058091"),
        ("  roma ", "058091"),
        ("Città di Castello", "054013"),
        ("citta di castello", "054013"),
        ("Citta' di Castello", "054013"),
        ("Citta’ di Castello", "054013"),
        ("CITTÀ DI CASTELLO", "054013"),
        ("Forlì", "040012"),
        ("Forli", "040012"),
        ("Forli'", "040012"),
        ("L'Aquila", "066049"),
        ("L’Aquila", "066049"),
        ("Aquila", "066049"),
        ("La Spezia", "011015"),
        ("Spezia", "011015"),
        # bilingual names
        ("Bolzano", "021008"),
        ("Bozen", "021008"),
        ("Bolzano/Bozen", "021008"),
        ("Bolzano - Bozen", "021008"),
        ("Merano", "021051"),
        ("Meran", "021051"),
        # known variants and dropped particles
        ("Reggio Emilia", "035033"),
        ("Reggio nell'Emilia", "035033"),
        ("reggio nell’emilia", "035033"),
        ("Reggio Calabria", "080063"),
        ("Reggio di Calabria", "080063"),
        ("Pesaro", "041044"),
        ("Sesto S. Giovanni", "015209"),
        ("S. Giovanni in Persiceto", "037053"),
        # names a province makes unique
        ("Samone (TN)", "022165"),
        ("Samone (TO)", "001235"),
        ("Samone, TO", "001235"),
        ("Samone TN", "022165"),
        ("Samone - Trento", "022165"),
        ("Samone, Torino", "001235"),
        ("Livo (CO)", "013130"),
        ("Peglio (PU)", "041041"),
        ("Castro (LE)", "075096"),
        ("Castelbello-Ciardes", "021018"),
    ],
)
def test_resolve_municipality(text: str, code: str) -> None:
    assert resolve.resolve_municipality(text) == code


def _shared_names() -> list[str]:
    frame = reference.load_municipalities()
    return sorted(frame.loc[frame["name"].duplicated(keep=False), "name"].unique())


def test_the_data_has_the_ambiguous_names_we_expect() -> None:
    assert {"Samone", "Livo", "Peglio", "Castro"} <= set(_shared_names())
    # Calliano (AT) has been Calliano Monferrato since 2024: no longer a homonym.
    assert "Calliano" not in _shared_names()


@pytest.mark.parametrize("name", _shared_names())
def test_ambiguous_municipality_lists_every_candidate(name: str) -> None:
    frame = reference.load_municipalities()
    codes = frame.loc[frame["name"] == name, "municipality_istat"].tolist()
    error = _error(resolve.resolve_municipality, name)
    assert error.key == "ambiguous-municipality"
    assert error.params["n"] == len(codes) >= 2
    for code in codes:
        assert code in error.params["candidates"]
    # ...each with its province, and the hint shows how to add it.
    assert "(" in error.params["example"] and name in error.params["example"]


def test_ambiguous_candidates_name_their_provinces() -> None:
    error = _error(resolve.resolve_municipality, "Samone")
    assert "Samone (TO, 001235)" in error.params["candidates"]
    assert "Samone (TN, 022165)" in error.params["candidates"]


@pytest.mark.parametrize(
    ("text", "key", "suggestion"),
    [
        ("Modenna", "unknown-municipality", "Modena (MO)"),
        ("Rma", "unknown-municipality", "Roma (RM)"),
        ("Bolonia", "unknown-municipality", "Bologna (BO)"),
        ("Atlantide", "unknown-municipality", None),
        ("999999", "unknown-municipality-code", None),
        ("12", "unknown-municipality-code", None),
        ("1234567", "unknown-municipality-code", None),
    ],
)
def test_unknown_municipality(text: str, key: str, suggestion: str | None) -> None:
    error = _error(resolve.resolve_municipality, text)
    assert error.key == key
    if suggestion:
        assert suggestion in error.params["suggest_en"]
        assert suggestion in error.params["suggest_it"]
        assert error.params["suggest_en"].count(",") <= 2  # at most three close matches


def test_name_in_the_wrong_province_is_not_guessed() -> None:
    error = _error(resolve.resolve_municipality, "Modena (RM)")
    assert error.key in {"unknown-municipality", "ambiguous-municipality"}
    assert "Modena (MO)" in str(error.params)


# -- provinces ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("058", "058"),
        ("58", "058"),
        ("RM", "058"),
        ("rm", "058"),
        ("Roma", "058"),
        ("Provincia di Roma", "058"),
        ("Città metropolitana di Roma", "058"),
        ("Bolzano", "021"),
        ("Bozen", "021"),
        ("Reggio Emilia", "035"),
        ("Monza e della Brianza", "108"),
        ("Monza e Brianza", "108"),
        ("NA", "063"),
        ("Pesaro Urbino", "041"),
        ("Forlì-Cesena", "040"),
    ],
)
def test_resolve_province(text: str, code: str) -> None:
    assert resolve.resolve_province(text) == code


@pytest.mark.parametrize("text", ["Atlantide", "ZZ", "999"])
def test_unknown_province(text: str) -> None:
    assert _error(resolve.resolve_province, text).key == "unknown-province"


# -- countries ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("SEN", "SEN"),
        ("sen", "SEN"),
        ("SN", "SEN"),
        ("Senegal", "SEN"),
        ("Sénégal", "SEN"),
        ("Marocco", "MAR"),
        ("Morocco", "MAR"),
        ("MAROCCO", "MAR"),
        ("Costa d'Avorio", "CIV"),
        ("Costa d’Avorio", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Repubblica Dominicana", "DOM"),
        ("Dominican Republic", "DOM"),
        ("Moldavia", "MDA"),
        ("Moldova", "MDA"),
        ("Macedonia del Nord", "MKD"),
        ("North Macedonia", "MKD"),
        ("Stati Uniti", "USA"),
        ("Stati Uniti d'America", "USA"),
        ("USA", "USA"),
        ("Regno Unito", "GBR"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Cina", "CHN"),
        ("China", "CHN"),
        ("Filippine", "PHL"),
        ("Philippines", "PHL"),
        ("Perù", "PER"),
        ("Peru", "PER"),
        ("Kosovo", "XKX"),
        ("RD Congo", "COD"),
        ("Congo", "COG"),
        ("Korea, Republic of", "KOR"),
        ("Bosnia ed Erzegovina", "BIH"),
        ("NA", "NAM"),
        ("Senegal (SEN)", "SEN"),
    ],
)
def test_resolve_country(text: str, iso3: str) -> None:
    assert resolve.resolve_country(text) == iso3


@pytest.mark.parametrize(
    ("text", "suggestion"), [("Atlantide", None), ("XX", None), ("Marroco", "Marocco (MAR)")]
)
def test_unknown_country(text: str, suggestion: str | None) -> None:
    error = _error(resolve.resolve_country, text)
    assert error.key == "unknown-country"
    if suggestion:
        assert suggestion in error.params["suggest_en"]


# -- territories --------------------------------------------------------------------------
def _territory(name: str, country: str) -> str:
    # The most populous place of that name in the country, straight from the gazetteer.
    frame = reference.load_territories()
    hits = frame[(frame["name"] == name) & (frame["country_iso3"] == country)]
    return str(hits.sort_values("population").iloc[-1]["territory_id"])


@pytest.mark.parametrize(
    ("text", "countries", "name", "country"),
    [
        ("Dakar", ["SEN"], "Dakar", "SEN"),
        ("dakar", ["SEN"], "Dakar", "SEN"),
        ("DAKAR", ["SEN"], "Dakar", "SEN"),
        ("Dakar, Senegal", ["SEN"], "Dakar", "SEN"),
        ("Touba", ["SEN"], "Touba", "SEN"),
        ("Touba", ["CIV"], "Touba", "CIV"),
        ("Lagos", ["NGA"], "Lagos", "NGA"),
        ("Lagos", ["PRT"], "Lagos", "PRT"),
        ("Kolda region", ["SEN"], "Kolda", "SEN"),
        ("Tirana", ["ALB", "XKX"], "Tirana", "ALB"),
    ],
)
def test_resolve_territory(text: str, countries: list[str], name: str, country: str) -> None:
    assert resolve.resolve_territory(text, countries) == _territory(name, country)


def test_territory_in_several_countries_takes_the_most_populous() -> None:
    # Touba (Senegal) is far larger than Touba (Côte d'Ivoire).
    assert resolve.resolve_territory("Touba", ["CIV", "SEN"]) == _territory("Touba", "SEN")


def test_territory_id_is_accepted_within_its_country() -> None:
    dakar = _territory("Dakar", "SEN")
    assert resolve.resolve_territory(dakar, ["SEN"]) == dakar
    assert _error(resolve.resolve_territory, dakar, ["GHA"]).key == "unknown-territory"


@pytest.mark.parametrize(
    ("text", "countries", "suggestion"),
    [("Dakkar", ["SEN"], "Dakar"), ("Dakar", ["ITA"], None), ("Nowhere", ["SEN"], None)],
)
def test_unknown_territory(text: str, countries: list[str], suggestion: str | None) -> None:
    error = _error(resolve.resolve_territory, text, countries)
    assert error.key == "unknown-territory"
    assert error.params["countries"]
    if suggestion:
        assert suggestion in error.params["suggest_en"]


# -- SDG targets --------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "goal"), [("4.4", 4), ("4.a", 4), ("17.19", 17), ("1.1", 1)])
def test_resolve_target(code: str, goal: int) -> None:
    assert resolve.resolve_target(code) == (goal, code)


@pytest.mark.parametrize("code", ["4.z", "18.1", "4.99"])
def test_unknown_target(code: str) -> None:
    assert _error(resolve.resolve_target, code).key == "bad-target"


# -- names as people write them (issue #18) ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The name as written wins over the accent-folded one that two towns share.
        ("Paternò", "087033"),
        ("Paterno", "076100"),
        # Either part of a hyphenated bilingual name.
        ("Duino Aurisina", "032001"),
        ("Devin Nabrežina", "032001"),
        ("San Dorligo della Valle", "032004"),
        ("Dolina", "032004"),
        ("Zgonik", "032005"),
        ("Doberdob", "031003"),
        ("San Giovanni di Fassa", "022250"),
        ("Sèn Jan", "022250"),
        # ...every one that ISTAT's list writes with a hyphen rather than "/".
        ("Doberdò del Lago", "031003"),
        ("San Floriano del Collio", "031019"),
        ("Števerjan", "031019"),
        ("Savogna d'Isonzo", "031022"),
        ("Sovodnje ob Soči", "031022"),
        ("Monrupino", "032002"),
        ("Repentabor", "032002"),
        ("Sgonico", "032005"),
    ],
)
def test_exact_names_and_either_part_of_a_bilingual_name(text: str, code: str) -> None:
    assert resolve.resolve_municipality(text) == code


def test_a_lost_apostrophe_suggests_the_name() -> None:
    error = _error(resolve.resolve_municipality, "LAquila")
    assert error.key == "unknown-municipality" and "L'Aquila (AQ)" in error.params["suggest_en"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Malesia", "MYS"),
        ("Tailandia", "THA"),
        ("Repubblica Sudafricana", "ZAF"),
        ("Repubblica Slovacca", "SVK"),
        ("Territori dell'Autonomia Palestinese", "PSE"),
        ("Congo Repubblica democratica", "COD"),
        ("Apolide", "XXA"),
        ("Apolidi", "XXA"),
        ("Stateless", "XXA"),
        ("REU", "REU"),
        ("RE", "REU"),
        ("Riunione", "REU"),
        ("Guyana francese", "GUF"),
        ("ATA", "ATA"),
        ("Tokelau", "TKL"),
    ],
)
def test_istat_names_territories_and_the_stateless(text: str, code: str) -> None:
    assert resolve.resolve_country(text) == code


def test_every_iso_code_is_accepted() -> None:
    countries = reference.load_countries()
    for iso3, iso2 in zip(countries["iso3"], countries["iso2"], strict=True):
        assert resolve.resolve_country(iso3) == iso3
        if isinstance(iso2, str):
            assert resolve.resolve_country(iso2) == iso3


# -- ISTAT's current list: suppressed codes and former names (issue #18) -----------------------
@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        # Ronago and Uggiate-Trevano merged into Uggiate con Ronago in 2024.
        ("013199", "013256", "former"),
        ("13199", "013256", "former"),
        ("013199 - Ronago", "013256", "former"),
        ("Ronago", "013256", "former"),
        ("Uggiate-Trevano", "013256", "former"),
        ("Uggiate con Ronago", "013256", None),
        ("013256", "013256", None),
        # Campospinoso Albaredo kept Campospinoso's code; Albaredo Arnaboldi's is suppressed.
        ("018002", "018026", "former"),
        ("Campospinoso", "018026", "former"),
        # Sovizzo is also the name of the municipality born of the merger: not a former name.
        ("024103", "024128", "former"),
        ("Sovizzo", "024128", None),
        # Calliano in Asti is Calliano Monferrato; Calliano alone is the one in Trento.
        ("Calliano (AT)", "005014", "former"),
        ("Calliano, Asti", "005014", "former"),
        ("Calliano Monferrato", "005014", None),
        ("Calliano", "022035", None),
        ("Calliano (TN)", "022035", None),
        ("Montan", "021053", "former"),
        ("Montagna/Montan", "021053", "former"),
        ("Montan an der Weinstraße", "021053", None),
        ("Popoli", "068033", "former"),
        ("Popoli Terme", "068033", None),
        ("Puegnago sul Garda", "017158", "former"),
        ("Pont-Canavese", "001199", None),  # the same words as Pont Canavese
    ],
)
def test_suppressed_codes_and_former_names(text: str, code: str, reason: str | None) -> None:
    assert resolve.resolve_municipality(text) == code
    assert resolve.municipality_match(text, code) == reason


def test_a_former_name_in_another_province_is_not_guessed() -> None:
    error = _error(resolve.resolve_municipality, "Popoli (RM)")
    assert error.key == "unknown-municipality"


def test_every_name_and_code_of_the_current_list_resolves() -> None:
    frame = reference.load_municipalities()
    parts = frame.assign(part=frame["name"].str.split("/")).explode("part")
    parts = parts.drop_duplicates(["municipality_istat", "part"])["part"]
    shared = set(parts[parts.duplicated(keep=False)])
    for code, name in zip(frame["municipality_istat"], frame["name"], strict=True):
        assert resolve.resolve_municipality(code) == code
        for part in dict.fromkeys((name, *name.split("/"))):
            if part in shared:
                assert code in _error(resolve.resolve_municipality, part).params["candidates"]
            else:
                assert resolve.resolve_municipality(part) == code, part
