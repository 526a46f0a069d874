"""Generate Ponti's illustrative demo dataset (data/demo/*.csv) from a fixed seed.

It writes associations.csv, projects.csv, twinnings.csv and residents.csv.

Everything here is made up but shaped like reality: real Italian municipalities and provinces,
real countries and cities of origin (from data/reference/), communities where they actually
concentrate, plausible funders, programmes, amounts and pipeline stages. Personal fields are
obviously fictitious ("Referente Demo 017", referente017@example.org, +39 000 000 0017).

The output is a pure function of SEED and the reference tables: numpy Generators seeded per
section, no set iteration, no clock, so two runs write byte-identical files.

    python scripts/make_demo.py            # writes data/demo/*.csv
    python scripts/make_demo.py --out DIR  # writes somewhere else (used by the tests)
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ponti import reference, schema  # noqa: E402

DEFAULT_OUT = ROOT / "data" / "demo"
SEED = 20260611
# The demo describes the world as it stood on this day: nothing after it has happened yet.
AS_OF = date(2026, 6, 30)
LAST_PLANNED_START = date(2026, 12, 15)  # keeps every project year within 2015-2026
YEARS = tuple(range(2015, 2027))
RESIDENT_YEARS = (2021, 2022, 2023, 2024)
N_PROJECTS = 730
N_TWINNINGS = 104

# =========================================================================================
# Communities: who they are, how many live in Italy, where, and where they come from
# =========================================================================================


@dataclass(frozen=True)
class Community:
    """One origin country as the demo sees it."""

    iso3: str
    name: str  # Italian name of the country, for titles
    loc: str  # Italian locative, "in Senegal", "nelle Filippine"
    adj: str  # feminine singular adjective, "senegalese"
    dem: str  # masculine plural demonym, "Senegalesi"
    fem: str  # feminine plural, "Senegalesi" / "Marocchine"
    group: str  # used for multi-country associations and neighbouring destinations
    residents: int  # foreign residents in Italy, 1 January 2023 (order of magnitude of ISTAT)
    growth: float  # yearly drift of that number
    associations: int  # associations whose main origin is this country
    south: float  # relative presence in the South and islands
    hubs: dict[str, float]  # Italian city -> concentration factor (applies to its province)
    cities: tuple[str, ...]  # typical cities of origin, most typical first
    words: tuple[str, ...]  # words that communities use in association names
    crops: tuple[str, ...] = ("degli ortaggi",)


def _c(
    iso3: str,
    name: str,
    loc: str,
    adj: str,
    dem: str,
    fem: str,
    group: str,
    residents: int,
    growth: float,
    associations: int,
    south: float,
    hubs: dict[str, float],
    cities: str,
    words: str,
    crops: str = "degli ortaggi",
) -> Community:
    return Community(
        iso3,
        name,
        loc,
        adj,
        dem,
        fem,
        group,
        residents,
        growth,
        associations,
        south,
        hubs,
        tuple(c.strip() for c in cities.split(";")),
        tuple(w.strip() for w in words.split(";")),
        tuple(c.strip() for c in crops.split(";")),
    )


COMMUNITIES: tuple[Community, ...] = (
    _c(
        "ROU",
        "Romania",
        "in Romania",
        "romena",
        "Romeni",
        "Romene",
        "east",
        1_073_000,
        -0.008,
        26,
        0.8,
        {
            "Roma": 2.2,
            "Torino": 1.8,
            "Latina": 1.6,
            "Ragusa": 2.0,
            "Verona": 1.3,
            "Padova": 1.2,
            "Bologna": 1.2,
            "Viterbo": 1.6,
            "Aosta": 1.3,
            "Campobasso": 1.3,
            "Foggia": 1.4,
        },
        "Bacău; Iași; Suceava; Botoșani; Bucharest; Constanța; Piatra Neamț; Vaslui; Focșani; "
        "Craiova; Cluj-Napoca; Timișoara; Galați; Brașov; Oradea",
        "Dacia; Carpați; Miorița; Dor de Casă; Casa Românească",
        "del miele; del latte",
    ),
    _c(
        "ALB",
        "Albania",
        "in Albania",
        "albanese",
        "Albanesi",
        "Albanesi",
        "balkans",
        410_000,
        -0.015,
        22,
        1.0,
        {
            "Firenze": 1.5,
            "Milano": 1.2,
            "Bari": 1.8,
            "Lecce": 1.4,
            "Perugia": 1.8,
            "Macerata": 1.6,
            "Cuneo": 1.6,
            "Asti": 1.8,
            "Genova": 1.3,
            "Trento": 1.5,
            "Bolzano": 1.5,
            "Potenza": 1.5,
            "Prato": 1.6,
        },
        "Tirana; Durrës; Vlorë; Elbasan; Shkodër; Fier; Korçë; Berat; Lushnjë; Sarandë; Lezhë",
        "Besa; Shqiponja; Iliria; Drita; Skanderbeg",
        "dell'olio d'oliva; delle erbe officinali",
    ),
    _c(
        "MAR",
        "Marocco",
        "in Marocco",
        "marocchina",
        "Marocchini",
        "Marocchine",
        "maghreb",
        420_000,
        -0.003,
        28,
        0.8,
        {
            "Milano": 1.2,
            "Bergamo": 1.6,
            "Brescia": 1.4,
            "Torino": 1.8,
            "Reggio nell'Emilia": 1.6,
            "Modena": 1.8,
            "Bologna": 1.5,
            "Verona": 1.4,
            "Vicenza": 1.3,
            "Cuneo": 1.8,
            "Roma": 0.6,
            "Ancona": 1.3,
            "Aosta": 1.5,
            "Trento": 1.3,
            "Sassari": 1.8,
            "Cagliari": 1.4,
        },
        "Khouribga; Beni Mellal; Casablanca; Nador; Oujda; Fes; Marrakesh; Al Hoceïma; Settat; "
        "El Jadida; Kasba Tadla; Tangier; Agadir; Meknes",
        "Al Amal; Tawasol; Atlas; Assadaka; Al Wafa",
        "dell'argan; dell'olio d'oliva",
    ),
    _c(
        "CHN",
        "Cina",
        "in Cina",
        "cinese",
        "Cinesi",
        "Cinesi",
        "east_asia",
        300_000,
        0.008,
        14,
        0.8,
        {
            "Prato": 30.0,
            "Campi Bisenzio": 6.0,
            "Milano": 1.4,
            "Firenze": 2.5,
            "Roma": 1.5,
            "Padova": 1.5,
            "Venezia": 1.3,
            "Napoli": 1.5,
            "Bologna": 1.2,
            "Torino": 1.3,
        },
        "Wenzhou; Rui'an; Lishui; Fuqing; Fuzhou; Hangzhou; Shanghai; Beijing",
        "Huaxia; Zhonghua; Via della Seta; Dragone d'Oro",
        "del tè",
    ),
    _c(
        "UKR",
        "Ucraina",
        "in Ucraina",
        "ucraina",
        "Ucraini",
        "Ucraine",
        "east",
        225_000,
        0.02,
        18,
        2.2,
        {
            "Napoli": 2.5,
            "Caserta": 2.0,
            "Salerno": 2.5,
            "Milano": 1.5,
            "Roma": 1.5,
            "Bologna": 1.3,
            "Catania": 1.3,
            "Trento": 1.2,
        },
        "Lviv; Ternopil; Ivano-Frankivsk; Chernivtsi; Kyiv; Lutsk; Rivne; Odesa; Khmelnytskyi; "
        "Vinnytsya; Zhytomyr; Uzhhorod; Kharkiv",
        "Rodyna; Kalyna; Berehynia; Mriya; Dnipro",
        "del miele",
    ),
    _c(
        "IND",
        "India",
        "in India",
        "indiana",
        "Indiani",
        "Indiane",
        "south_asia",
        165_000,
        0.04,
        10,
        0.7,
        {
            "Latina": 9.0,
            "Cremona": 6.0,
            "Mantova": 5.0,
            "Brescia": 4.0,
            "Bergamo": 2.0,
            "Reggio nell'Emilia": 3.0,
            "Vicenza": 2.0,
            "Modena": 2.0,
            "Roma": 1.2,
            "Verona": 1.5,
        },
        "Amritsar; Jalandhar; Ludhiana; Hoshiarpur; Patiala; Moga; Chandigarh; Delhi; Kochi; "
        "Thiruvananthapuram; Mumbai",
        "Sangam; Seva; Punjab; Nanak",
        "del riso",
    ),
    _c(
        "BGD",
        "Bangladesh",
        "in Bangladesh",
        "bangladese",
        "Bangladesi",
        "Bangladesi",
        "south_asia",
        170_000,
        0.06,
        13,
        0.9,
        {
            "Roma": 4.0,
            "Venezia": 6.0,
            "Milano": 2.0,
            "Treviso": 1.5,
            "Vicenza": 2.0,
            "Bologna": 1.5,
            "Napoli": 1.5,
            "Ancona": 2.0,
            "Palermo": 1.5,
        },
        "Dhaka; Sylhet; Comilla; Madaripur; Faridpur; Maijdi; Chattogram; Narsingdi; "
        "Brāhmanbāria; Chāndpur",
        "Sonar Bangla; Bondhu; Padma; Shapla; Ekushey",
        "della juta; del riso",
    ),
    _c(
        "PHL",
        "Filippine",
        "nelle Filippine",
        "filippina",
        "Filippini",
        "Filippine",
        "east_asia",
        160_000,
        -0.008,
        12,
        0.7,
        {
            "Roma": 4.5,
            "Milano": 5.0,
            "Bologna": 1.3,
            "Firenze": 1.5,
            "Napoli": 1.0,
            "Padova": 1.0,
            "Messina": 2.0,
            "Palermo": 1.2,
        },
        "Manila; Quezon City; Batangas; Lipa City; Lucena; Tarlac City; Cebu City; Iloilo; "
        "Baguio; Davao",
        "Bayanihan; Kapatiran; Damayan; Sampaguita; Kalayaan",
        "del cocco",
    ),
    _c(
        "EGY",
        "Egitto",
        "in Egitto",
        "egiziana",
        "Egiziani",
        "Egiziane",
        "maghreb",
        140_000,
        0.04,
        9,
        0.5,
        {
            "Milano": 6.0,
            "Roma": 2.5,
            "Torino": 2.5,
            "Monza": 2.0,
            "Sesto San Giovanni": 2.5,
            "Reggio nell'Emilia": 1.5,
            "Genova": 1.0,
        },
        "Cairo; Al Fayyum; Shibin al Kawm; Tanta; Al Mansurah; Zagazig; Alexandria; Assiut; Luxor",
        "Al Nour; Nilo; Misr; Al Salam",
        "dei datteri",
    ),
    _c(
        "PAK",
        "Pakistan",
        "in Pakistan",
        "pakistana",
        "Pakistani",
        "Pakistane",
        "south_asia",
        140_000,
        0.05,
        9,
        0.6,
        {
            "Brescia": 5.0,
            "Milano": 2.0,
            "Bergamo": 2.0,
            "Bologna": 2.0,
            "Modena": 2.0,
            "Reggio nell'Emilia": 2.0,
            "Prato": 2.0,
            "Caserta": 2.0,
            "Vicenza": 2.0,
            "Treviso": 1.5,
            "Bolzano": 2.5,
            "Roma": 1.2,
        },
        "Gujrat; Sialkot; Jhelum; Mandi Bahauddin; Kharian; Gujranwala; Lahore; Rawalpindi; "
        "Islamabad; Faisalabad",
        "Dosti; Indus; Insaf; Sadaqat",
        "del riso",
    ),
    _c(
        "SEN",
        "Senegal",
        "in Senegal",
        "senegalese",
        "Senegalesi",
        "Senegalesi",
        "west_africa",
        110_000,
        0.03,
        24,
        0.9,
        {
            "Brescia": 4.0,
            "Bergamo": 4.0,
            "Lecco": 4.0,
            "Milano": 1.8,
            "Torino": 1.5,
            "Pisa": 3.0,
            "Ravenna": 3.0,
            "Firenze": 1.5,
            "Genova": 1.2,
            "Verona": 1.5,
            "Bologna": 1.2,
            "Napoli": 1.3,
            "Caserta": 1.5,
            "Cagliari": 2.0,
            "Sassari": 2.0,
            "Rimini": 1.8,
        },
        "Louga; Touba; Diourbel; Thiès; Dakar; Kaolack; Saint-Louis; Mbour; Ziguinchor; Kolda; "
        "Tambacounda; Tivaouane; Mbaké",
        "Teranga; Jappo; Diapalante; And Liggey; Dimbali",
        "degli anacardi; delle arachidi",
    ),
    _c(
        "NGA",
        "Nigeria",
        "in Nigeria",
        "nigeriana",
        "Nigeriani",
        "Nigeriane",
        "west_africa",
        120_000,
        0.015,
        13,
        1.2,
        {
            "Castel Volturno": 6.0,
            "Caserta": 3.0,
            "Torino": 3.0,
            "Padova": 2.0,
            "Verona": 2.5,
            "Vicenza": 1.5,
            "Brescia": 1.5,
            "Palermo": 1.5,
            "Bologna": 1.3,
            "Napoli": 1.5,
        },
        "Benin City; Lagos; Enugu; Onitsha; Owerri; Abuja; Port Harcourt; Ibadan; Warri; Kano",
        "Naija; Ndi Igbo; Oduduwa; Edo Progress",
        "della manioca",
    ),
    _c(
        "LKA",
        "Sri Lanka",
        "in Sri Lanka",
        "srilankese",
        "Srilankesi",
        "Srilankesi",
        "south_asia",
        110_000,
        0.005,
        10,
        1.6,
        {
            "Napoli": 7.0,
            "Milano": 4.0,
            "Roma": 3.0,
            "Palermo": 5.0,
            "Messina": 5.0,
            "Catania": 2.0,
            "Verona": 2.0,
            "Vicenza": 1.2,
        },
        "Negombo; Colombo; Wattala; Chilaw; Kurunegala; Kandy; Galle; Matara; Jaffna",
        "Sahana; Ape Lanka; Lanka Mithuru; Ceylon",
        "del tè; del cocco",
    ),
    _c(
        "PER",
        "Perù",
        "in Perù",
        "peruviana",
        "Peruviani",
        "Peruviane",
        "andes",
        90_000,
        -0.005,
        14,
        0.3,
        {"Milano": 5.0, "Roma": 3.0, "Torino": 4.0, "Genova": 2.0, "Firenze": 3.0, "Bologna": 1.2},
        "Lima; Callao; Trujillo; Chiclayo; Arequipa; Huancayo; Cusco; Piura; Chimbote",
        "Inti; Tahuantinsuyo; Qosqo; Chasqui",
        "della quinoa; del caffè",
    ),
    _c(
        "TUN",
        "Tunisia",
        "in Tunisia",
        "tunisina",
        "Tunisini",
        "Tunisine",
        "maghreb",
        100_000,
        0.03,
        10,
        1.6,
        {
            "Mazara del Vallo": 14.0,
            "Ragusa": 16.0,
            "Vittoria": 6.0,
            "Palermo": 2.5,
            "Milano": 1.2,
            "Roma": 0.4,
            "Bologna": 1.5,
            "Modena": 2.0,
            "Reggio nell'Emilia": 1.5,
            "Parma": 1.5,
            "Catania": 1.5,
        },
        "Tunis; Sfax; Mahdia; Sousse; Monastir; Kairouan; Sidi Bouzid; Kasserine; Gafsa; Nabeul",
        "Yasmine; Cartagine; Hannibal",
        "dell'olio d'oliva; dei datteri",
    ),
    _c(
        "ECU",
        "Ecuador",
        "in Ecuador",
        "ecuadoriana",
        "Ecuadoriani",
        "Ecuadoriane",
        "andes",
        65_000,
        -0.015,
        9,
        0.3,
        {"Genova": 12.0, "Milano": 5.0, "Roma": 1.5, "Torino": 1.2, "Bergamo": 1.0},
        "Guayaquil; Quito; Cuenca; Machala; Santo Domingo de los Colorados; Loja; Ambato; Babahoyo",
        "Sumak Kawsay; Pachamama; Chimborazo; Mitad del Mundo",
        "del cacao; delle banane",
    ),
    _c(
        "GHA",
        "Ghana",
        "in Ghana",
        "ghanese",
        "Ghanesi",
        "Ghanesi",
        "west_africa",
        50_000,
        0.01,
        9,
        0.9,
        {
            "Brescia": 3.0,
            "Modena": 3.0,
            "Vicenza": 3.0,
            "Verona": 2.0,
            "Castel Volturno": 4.0,
            "Caserta": 2.0,
            "Bergamo": 2.0,
            "Treviso": 1.5,
            "Reggio nell'Emilia": 1.5,
            "Mantova": 1.5,
        },
        "Kumasi; Accra; Sunyani; Techiman; Berekum; Tamale; Cape Coast; Koforidua; Takoradi",
        "Sankofa; Akwaaba; Nkabom; Adinkra",
        "del cacao",
    ),
    _c(
        "MDA",
        "Moldova",
        "in Moldova",
        "moldava",
        "Moldavi",
        "Moldave",
        "east",
        115_000,
        -0.02,
        10,
        0.5,
        {
            "Padova": 3.0,
            "Venezia": 2.5,
            "Treviso": 2.0,
            "Verona": 2.0,
            "Bologna": 2.0,
            "Parma": 2.0,
            "Reggio nell'Emilia": 2.0,
            "Roma": 1.8,
            "Milano": 1.3,
            "Torino": 1.5,
            "Modena": 1.5,
            "Piacenza": 1.5,
        },
        "Chisinau; Bălţi; Cahul; Orhei; Ungheni; Soroca; Comrat; Edineţ; Hînceşti",
        "Basarabia; Plai Moldav; Dor; Doina",
        "del vino",
    ),
    _c(
        "BRA",
        "Brasile",
        "in Brasile",
        "brasiliana",
        "Brasiliani",
        "Brasiliane",
        "latam",
        55_000,
        0.03,
        7,
        0.9,
        {"Roma": 2.0, "Milano": 2.0, "Treviso": 2.0, "Padova": 1.5, "Bologna": 1.2, "Rimini": 1.5},
        "São Paulo; Rio de Janeiro; Belo Horizonte; Governador Valadares; Salvador; Recife; "
        "Fortaleza; Porto Alegre; Curitiba",
        "Saudade; Axé; Raízes; Brasil Vivo",
        "del caffè",
    ),
    _c(
        "BFA",
        "Burkina Faso",
        "in Burkina Faso",
        "burkinabè",
        "Burkinabè",
        "Burkinabè",
        "west_africa",
        15_000,
        0.01,
        8,
        0.6,
        {
            "Treviso": 6.0,
            "Vicenza": 3.0,
            "Bergamo": 3.0,
            "Brescia": 2.0,
            "Verona": 2.0,
            "Caserta": 2.0,
        },
        "Ouagadougou; Koudougou; Bobo-Dioulasso; Tenkodogo; Koupéla; Ouahigouya; Kaya; "
        "Pouytenga; Banfora; Fada N'gourma",
        "Laafi; Teel Taaba; Wend Panga; Faso",
        "del karité; del sesamo",
    ),
    _c(
        "CIV",
        "Costa d'Avorio",
        "in Costa d'Avorio",
        "ivoriana",
        "Ivoriani",
        "Ivoriane",
        "west_africa",
        30_000,
        0.02,
        7,
        1.0,
        {
            "Brescia": 3.0,
            "Bergamo": 2.0,
            "Milano": 1.5,
            "Torino": 1.5,
            "Castel Volturno": 2.0,
            "Roma": 1.5,
        },
        "Abidjan; Bouaké; Yamoussoukro; Daloa; Korhogo; San-Pédro; Man; Gagnoa",
        "Akwaba; Eburnea; Ivoire Unie",
        "del cacao; degli anacardi",
    ),
    _c(
        "MLI",
        "Mali",
        "in Mali",
        "maliana",
        "Maliani",
        "Maliane",
        "west_africa",
        20_000,
        0.02,
        6,
        1.5,
        {
            "Roma": 2.0,
            "Torino": 2.0,
            "Napoli": 1.5,
            "Foggia": 3.0,
            "Caserta": 2.5,
            "Palermo": 2.0,
            "Reggio di Calabria": 2.0,
        },
        "Kayes; Bamako; Nioro; Kita; Ségou; Sikasso; Mopti; Koutiala",
        "Benkady; Djoliba; Jamana",
        "del mango; del cotone",
    ),
    _c(
        "GMB",
        "Gambia",
        "in Gambia",
        "gambiana",
        "Gambiani",
        "Gambiane",
        "west_africa",
        19_000,
        0.02,
        4,
        2.5,
        {
            "Palermo": 4.0,
            "Catania": 3.0,
            "Messina": 2.0,
            "Caserta": 2.0,
            "Napoli": 2.0,
            "Cagliari": 1.5,
            "Torino": 1.5,
        },
        "Serekunda; Brikama; Farafenni; Gunjur; Banjul; Bakau; Lamin; Sukuta",
        "Kafo; Kambeng; Jamano",
        "degli anacardi; del sesamo",
    ),
    _c(
        "GIN",
        "Guinea",
        "in Guinea",
        "guineana",
        "Guineani",
        "Guineane",
        "west_africa",
        17_000,
        0.03,
        4,
        1.8,
        {"Torino": 3.0, "Palermo": 2.0, "Catania": 2.0, "Cosenza": 2.0, "Roma": 1.5, "Milano": 1.2},
        "Conakry; Labé; Kankan; Kindia; Mamou; Nzérékoré; Siguiri; Boké",
        "Horoya; Fouta Djallon; Sabou",
        "del fonio",
    ),
    _c(
        "CMR",
        "Camerun",
        "in Camerun",
        "camerunense",
        "Camerunensi",
        "Camerunensi",
        "west_africa",
        14_000,
        0.02,
        7,
        1.0,
        {
            "Torino": 3.0,
            "Roma": 2.0,
            "Napoli": 2.0,
            "Bologna": 2.0,
            "Milano": 1.5,
            "Padova": 1.5,
            "Perugia": 2.0,
        },
        "Douala; Yaoundé; Bafoussam; Dschang; Bamenda; Buea; Limbe; Garoua",
        "Njangi; Kamer; Ndolo",
        "del cacao; del caffè",
    ),
    _c(
        "ETH",
        "Etiopia",
        "in Etiopia",
        "etiope",
        "Etiopi",
        "Etiopi",
        "horn",
        8_000,
        0.0,
        4,
        0.5,
        {"Roma": 5.0, "Milano": 3.0},
        "Addis Ababa; Gonder; Bahir Dar; Mek'ele; Dire Dawa; Awasa; Nazrēt; Jimma; Dessie",
        "Lalibela; Meskel; Abay",
        "del caffè",
    ),
    _c(
        "ERI",
        "Eritrea",
        "in Eritrea",
        "eritrea",
        "Eritrei",
        "Eritree",
        "horn",
        7_000,
        -0.01,
        4,
        0.5,
        {"Roma": 4.0, "Milano": 4.0, "Bologna": 2.0},
        "Asmara; Keren; Massawa; Mendefera; Barentu",
        "Selam; Asmarina; Nakfa",
        "del sorgo",
    ),
    _c(
        "SOM",
        "Somalia",
        "in Somalia",
        "somala",
        "Somali",
        "Somale",
        "horn",
        7_000,
        0.0,
        4,
        0.6,
        {"Roma": 5.0, "Milano": 2.0, "Torino": 2.0, "Firenze": 1.5},
        "Mogadishu; Hargeysa; Kismayo; Baidoa; Beledweyne; Berbera; Jawhar; Garoowe",
        "Hooyo; Nabad; Wadajir; Hiiraan",
        "del sesamo",
    ),
    _c(
        "COL",
        "Colombia",
        "in Colombia",
        "colombiana",
        "Colombiani",
        "Colombiane",
        "latam",
        27_000,
        0.04,
        5,
        0.6,
        {"Milano": 4.0, "Roma": 3.0, "Torino": 1.5},
        "Bogotá; Medellín; Cali; Pereira; Barranquilla; Cartagena; Bucaramanga; Manizales; Armenia",
        "Macondo; Vallenato; Raíces Colombianas",
        "del caffè",
    ),
    _c(
        "BOL",
        "Bolivia",
        "in Bolivia",
        "boliviana",
        "Boliviani",
        "Boliviane",
        "andes",
        15_000,
        0.0,
        4,
        0.2,
        {"Bergamo": 8.0, "Milano": 5.0, "Roma": 1.5, "Genova": 1.5},
        "Cochabamba; Santa Cruz de la Sierra; La Paz; Sucre; Oruro; Quillacollo; Sacaba; Tarija",
        "Illimani; Tinku; Wiphala",
        "della quinoa",
    ),
    _c(
        "SLV",
        "El Salvador",
        "in El Salvador",
        "salvadoregna",
        "Salvadoregni",
        "Salvadoregne",
        "latam",
        18_000,
        0.05,
        4,
        0.3,
        {"Milano": 8.0, "Roma": 2.0, "Torino": 1.2},
        "San Salvador; San Miguel; Santa Ana; Usulután; Soyapango; Santa Tecla; Sonsonate",
        "Cuscatlán; Izalco; Pipil",
        "del caffè",
    ),
    _c(
        "DOM",
        "Repubblica Dominicana",
        "nella Repubblica Dominicana",
        "dominicana",
        "Dominicani",
        "Dominicane",
        "latam",
        27_000,
        0.01,
        4,
        0.8,
        {"Roma": 3.0, "Milano": 3.0, "Torino": 1.5, "Genova": 1.5, "Bologna": 1.2},
        "Santo Domingo; Santiago de los Caballeros; San Pedro de Macorís; La Romana; "
        "Puerto Plata; San Francisco de Macorís; La Vega",
        "Quisqueya; Hispaniola; Merengue",
        "del cacao",
    ),
    _c(
        "CUB",
        "Cuba",
        "a Cuba",
        "cubana",
        "Cubani",
        "Cubane",
        "latam",
        21_000,
        0.04,
        4,
        0.9,
        {"Roma": 3.0, "Milano": 2.5, "Napoli": 1.5, "Firenze": 1.5},
        "Havana; Santiago de Cuba; Camagüey; Holguín; Santa Clara; Matanzas; Cienfuegos; "
        "Pinar del Río",
        "Guantanamera; Caribe; Malecón",
        "degli ortaggi",
    ),
    _c(
        "GEO",
        "Georgia",
        "in Georgia",
        "georgiana",
        "Georgiani",
        "Georgiane",
        "east",
        28_000,
        0.06,
        3,
        2.0,
        {"Bari": 4.0, "Napoli": 3.0, "Bologna": 2.0, "Salerno": 2.0, "Roma": 1.5, "Lecce": 2.0},
        "Kutaisi; Tbilisi; Batumi; Rustavi; Zugdidi; Gori; Poti; Samtredia; Zestaponi",
        "Mamuli; Kolkheti; Tamar",
        "del vino; delle nocciole",
    ),
    _c(
        "MKD",
        "Macedonia del Nord",
        "in Macedonia del Nord",
        "macedone",
        "Macedoni",
        "Macedoni",
        "balkans",
        55_000,
        -0.02,
        4,
        0.3,
        {
            "Treviso": 4.0,
            "Asti": 5.0,
            "Cuneo": 4.0,
            "Vicenza": 2.0,
            "Venezia": 1.5,
            "Perugia": 1.5,
            "Macerata": 2.0,
        },
        "Tetovo; Gostivar; Skopje; Kumanovo; Bitola; Ohrid; Struga; Prilep; Kičevo",
        "Vardar; Biljana; Ohrida",
        "del vino",
    ),
    _c(
        "SRB",
        "Serbia",
        "in Serbia",
        "serba",
        "Serbi",
        "Serbe",
        "balkans",
        32_000,
        -0.02,
        3,
        0.3,
        {
            "Vicenza": 5.0,
            "Treviso": 3.0,
            "Verona": 2.0,
            "Venezia": 2.0,
            "Trieste": 6.0,
            "Udine": 2.0,
            "Pordenone": 2.0,
        },
        "Belgrade; Novi Sad; Niš; Kragujevac; Novi Pazar; Kraljevo; Požarevac; Smederevo",
        "Sloga; Zavičaj; Morava",
        "dei lamponi",
    ),
    _c(
        "XKX",
        "Kosovo",
        "in Kosovo",
        "kosovara",
        "Kosovari",
        "Kosovare",
        "balkans",
        30_000,
        -0.01,
        2,
        0.3,
        {
            "Bergamo": 3.0,
            "Brescia": 2.0,
            "Treviso": 2.0,
            "Vicenza": 2.0,
            "Verona": 2.0,
            "Firenze": 2.0,
            "Trieste": 1.5,
        },
        "Pristina; Prizren; Pejë; Gjakovë; Ferizaj; Gjilan; Mitrovicë; Podujeva",
        "Dardania; Shpresa; Besa",
        "dei lamponi",
    ),
    _c(
        "DZA",
        "Algeria",
        "in Algeria",
        "algerina",
        "Algerini",
        "Algerine",
        "maghreb",
        15_000,
        0.02,
        4,
        1.2,
        {"Napoli": 3.0, "Milano": 2.0, "Caserta": 2.0, "Roma": 1.5, "Torino": 1.5, "Bologna": 1.2},
        "Algiers; Oran; Constantine; Annaba; Sétif; Béjaïa; Tlemcen; Blida; Tizi Ouzou",
        "Tassili; Djurdjura; Numidia",
        "dei datteri",
    ),
    _c(
        "AFG",
        "Afghanistan",
        "in Afghanistan",
        "afghana",
        "Afghani",
        "Afghane",
        "south_asia",
        12_000,
        0.06,
        3,
        0.8,
        {"Roma": 3.0, "Milano": 2.0, "Trieste": 3.0, "Bologna": 1.5, "Bari": 2.0},
        "Kabul; Herat; Mazar-e Sharif; Kandahar; Jalalabad; Kunduz; Bamyan",
        "Hindukush; Aryana; Bamiyan",
        "dello zafferano",
    ),
    _c(
        "TGO",
        "Togo",
        "in Togo",
        "togolese",
        "Togolesi",
        "Togolesi",
        "west_africa",
        5_000,
        0.02,
        3,
        0.7,
        {"Roma": 2.0, "Milano": 2.0, "Bologna": 1.5, "Torino": 1.5},
        "Lomé; Kpalimé; Sokodé; Kara; Atakpamé; Tsévié; Aného; Dapaong",
        "Akpé; Togo Uni",
        "del caffè; della soia",
    ),
)

# Names of associations that gather several communities of one area.
GROUP_NAMES: dict[str, tuple[str, ...]] = {
    "west_africa": (
        "Casa dell'Africa Occidentale di {city}",
        "Coordinamento delle Comunità Africane di {city}",
        "Africa Insieme {city}",
    ),
    "andes": ("Associazione dei Popoli Andini di {city}", "Comunità Andina di {city}"),
    "latam": ("Associazione Latinoamericana di {city}", "Casa America Latina {city}"),
    "maghreb": ("Maghreb Insieme {city}", "Ponte sul Mediterraneo {city}"),
    "horn": ("Comunità del Corno d'Africa di {city}",),
    "balkans": ("Balcani Insieme {city}", "Casa dei Balcani {city}"),
    "south_asia": ("Associazione Sud Asia {city}", "Comunità dell'Asia Meridionale di {city}"),
    "east": ("Est Europa Insieme {city}", "Casa dell'Europa Orientale di {city}"),
}
GENERIC_WORDS = (
    "Ponti di Solidarietà",
    "Nuovi Orizzonti",
    "Mani Unite",
    "Radici e Ali",
    "Terre Vicine",
    "Orizzonti Comuni",
)

# Italian exonyms for cities that titles mention (the territory column keeps the gazetteer name).
EXONYMS: dict[str, str] = {
    "Bucharest": "a Bucarest",
    "Tangier": "a Tangeri",
    "Marrakesh": "a Marrakech",
    "Fes": "a Fès",
    "Algiers": "ad Algeri",
    "Belgrade": "a Belgrado",
    "Havana": "all'Avana",
    "Kyiv": "a Kiev",
    "Lviv": "a Leopoli",
    "Odesa": "a Odessa",
    "Cairo": "al Cairo",
    "Alexandria": "ad Alessandria d'Egitto",
    "Addis Ababa": "ad Addis Abeba",
    "Mogadishu": "a Mogadiscio",
    "Durrës": "a Durazzo",
    "Vlorë": "a Valona",
    "Shkodër": "a Scutari",
    "Beijing": "a Pechino",
    "Mek'ele": "a Macallè",
    "Gonder": "a Gondar",
    "Massawa": "a Massaua",
    "Kismayo": "a Chisimaio",
    "Tunis": "a Tunisi",
    "Delhi": "a Delhi",
    "Chisinau": "a Chișinău",
}

# Host municipalities (ISTAT names) and how many associations each roughly hosts (scaled to the
# total): every region; big cities and the north host more.
HOSTS: dict[str, float] = {
    "Torino": 18,
    "Novara": 3,
    "Alessandria": 3,
    "Cuneo": 3,
    "Asti": 3,
    "Aosta": 2,
    "Milano": 42,
    "Brescia": 12,
    "Bergamo": 10,
    "Monza": 4,
    "Varese": 3,
    "Como": 3,
    "Cremona": 4,
    "Mantova": 3,
    "Pavia": 3,
    "Lecco": 3,
    "Sesto San Giovanni": 3,
    "Trento": 5,
    "Bolzano": 4,
    "Verona": 7,
    "Padova": 7,
    "Venezia": 5,
    "Vicenza": 5,
    "Treviso": 5,
    "Trieste": 4,
    "Udine": 3,
    "Pordenone": 3,
    "Genova": 11,
    "La Spezia": 2,
    "Bologna": 12,
    "Reggio nell'Emilia": 7,
    "Modena": 7,
    "Parma": 6,
    "Piacenza": 3,
    "Ferrara": 3,
    "Rimini": 3,
    "Ravenna": 3,
    "Firenze": 11,
    "Prato": 8,
    "Pisa": 3,
    "Livorno": 2,
    "Arezzo": 2,
    "Pistoia": 2,
    "Campi Bisenzio": 2,
    "Perugia": 5,
    "Terni": 2,
    "Ancona": 4,
    "Macerata": 2,
    "Pesaro": 2,
    "Roma": 44,
    "Latina": 3,
    "Viterbo": 2,
    "Pescara": 3,
    "L'Aquila": 2,
    "Teramo": 2,
    "Campobasso": 2,
    "Napoli": 13,
    "Caserta": 4,
    "Salerno": 3,
    "Castel Volturno": 3,
    "Bari": 6,
    "Lecce": 3,
    "Foggia": 2,
    "Potenza": 2,
    "Matera": 1,
    "Catanzaro": 2,
    "Reggio di Calabria": 3,
    "Cosenza": 2,
    "Palermo": 8,
    "Catania": 5,
    "Messina": 3,
    "Ragusa": 2,
    "Mazara del Vallo": 2,
    "Vittoria": 1,
    "Cagliari": 4,
    "Sassari": 2,
}

# Share of foreign residents in the population, by region (%, around 2023).
FOREIGN_SHARE: dict[str, float] = {
    "01": 9.6,
    "02": 6.5,
    "03": 11.7,
    "04": 9.8,
    "05": 10.0,
    "06": 9.3,
    "07": 9.4,
    "08": 12.4,
    "09": 11.1,
    "10": 10.5,
    "11": 8.3,
    "12": 10.8,
    "13": 6.4,
    "14": 4.3,
    "15": 4.4,
    "16": 3.5,
    "17": 4.2,
    "18": 5.4,
    "19": 3.8,
    "20": 3.1,
}
SOUTH_REGIONS = ("13", "14", "15", "16", "17", "18", "19", "20")

# =========================================================================================
# Projects: archetypes that tie titles, themes, goals, targets and DAC sector together
# =========================================================================================


@dataclass(frozen=True)
class Archetype:
    """A kind of project, with everything that must agree with it."""

    key: str
    titles: tuple[str, ...]
    summaries: tuple[str, ...]
    themes: tuple[str, ...]
    goals: tuple[int, ...]  # primary first
    targets: dict[int, tuple[str, ...]]
    dac: str
    beneficiaries: tuple[int, int]
    weight: float
    funders: dict[str, float] = field(default_factory=dict)  # funder-type multipliers
    countries: tuple[str, ...] = ()  # only these destinations, if given
    years: tuple[int, int] = (2015, 2026)


COASTAL = (
    "SEN",
    "GMB",
    "GHA",
    "LKA",
    "PHL",
    "MAR",
    "TUN",
    "PER",
    "ECU",
    "ALB",
    "CIV",
    "GIN",
    "TGO",
    "NGA",
    "CMR",
    "SOM",
    "ERI",
    "DOM",
    "CUB",
    "BGD",
    "EGY",
    "DZA",
)
DRYLANDS = (
    "SEN",
    "BFA",
    "MLI",
    "GMB",
    "ETH",
    "ERI",
    "SOM",
    "NGA",
    "GHA",
    "TGO",
    "MAR",
    "DZA",
    "TUN",
    "GIN",
    "CMR",
    "CIV",
    "PER",
    "BOL",
    "AFG",
    "PAK",
    "IND",
    "EGY",
)
MALARIA = (
    "SEN",
    "BFA",
    "MLI",
    "GMB",
    "GIN",
    "CIV",
    "GHA",
    "NGA",
    "TGO",
    "CMR",
    "ETH",
    "ERI",
    "SOM",
)

ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "vocational",
        (
            "Formazione professionale per giovani {loc}",
            "Scuola di mestieri per giovani {loc}",
            "Corsi di elettricità, idraulica e meccanica {loc}",
            "Formazione professionale e inserimento lavorativo {loc}",
        ),
        (
            "Corsi brevi nei mestieri richiesti dal mercato locale e accompagnamento al primo "
            "impiego per giovani {loc}.",
            "Un centro di formazione gestito con partner locali offre corsi e tirocini in "
            "aziende del territorio {loc}.",
        ),
        ("education", "employment"),
        (4, 8, 5),
        {4: ("4.3", "4.4"), 8: ("8.6", "8.5"), 5: ("5.5",)},
        "11330",
        (40, 600),
        10,
        {"aics": 1.3, "foundation": 1.2, "region": 1.2},
    ),
    Archetype(
        "digital",
        (
            "Competenze digitali per giovani {loc}",
            "Laboratorio di informatica e coding {loc}",
            "Alfabetizzazione digitale per donne {loc}",
        ),
        (
            "Allestimento di un'aula informatica e corsi di competenze digitali di base e "
            "avanzate per giovani e donne {loc}.",
        ),
        ("education", "employment"),
        (4, 9, 8),
        {4: ("4.4",), 9: ("9.c",), 8: ("8.6",)},
        "11330",
        (30, 400),
        4,
    ),
    Archetype(
        "school",
        (
            "Ristrutturazione e arredo della scuola primaria {loc}",
            "Costruzione di aule scolastiche {loc}",
            "Acqua e servizi igienici nelle scuole {loc}",
        ),
        (
            "Lavori di ristrutturazione, arredi e materiale didattico per una scuola che accoglie "
            "bambini dei quartieri più poveri {loc}.",
            "Nuove aule, servizi igienici separati per ragazze e ragazzi e un punto acqua per la "
            "scuola {loc}.",
        ),
        ("education",),
        (4, 6),
        {4: ("4.1", "4.a"), 6: ("6.2",)},
        "11220",
        (100, 1500),
        7,
        {"aics": 1.5, "foundation": 1.3, "private": 1.3},
    ),
    Archetype(
        "scholarships",
        (
            "Borse di studio per ragazze {loc}",
            "Sostegno allo studio per bambini e ragazze {loc}",
            "Contro l'abbandono scolastico {loc}",
        ),
        (
            "Borse di studio, kit scolastici e tutoraggio per tenere a scuola bambine e ragazze "
            "{loc}.",
        ),
        ("education",),
        (4, 5, 10),
        {4: ("4.1", "4.5"), 5: ("5.1",), 10: ("10.2",)},
        "11320",
        (30, 500),
        5,
        {"private": 1.6, "other": 1.4},
    ),
    Archetype(
        "microcredit",
        (
            "Microcredito per donne imprenditrici {loc}",
            "Fondo rotativo per piccole attività femminili {loc}",
            "Gruppi di risparmio e credito per donne {loc}",
        ),
        (
            "Un fondo di microcredito con formazione alla gestione d'impresa per donne che "
            "avviano o ampliano una piccola attività {loc}.",
        ),
        ("enterprise", "employment"),
        (5, 8, 1),
        {5: ("5.5", "5.a"), 8: ("8.3", "8.10"), 1: ("1.4",)},
        "24040",
        (30, 800),
        8,
        {"foundation": 1.4, "iom": 1.3},
    ),
    Archetype(
        "diaspora_business",
        (
            "Sostegno all'imprenditoria della diaspora {adj} {loc}",
            "Incubatore di imprese {city_it}-{place}",
            "Start-up di ritorno: imprese della diaspora {loc}",
        ),
        (
            "Formazione, tutoraggio e piccoli contributi a fondo perduto per membri della diaspora "
            "{adj} che investono in un'impresa {loc}.",
        ),
        ("enterprise", "skills_mobility"),
        (8, 17, 10),
        {8: ("8.3",), 17: ("17.3",), 10: ("10.c",)},
        "25030",
        (20, 300),
        7,
        {"iom": 3.0, "aics": 1.4, "ministry": 1.3},
    ),
    Archetype(
        "export",
        ("Filiera di esportazione {crop} {loc}", "Commercio equo {crop} tra {place} e l'Italia"),
        (
            "Una cooperativa di produttori {loc} migliora qualità e certificazioni per vendere "
            "sul mercato italiano attraverso le reti della diaspora.",
        ),
        ("enterprise",),
        (8, 17, 12),
        {8: ("8.2",), 17: ("17.11",), 12: ("12.3",)},
        "32130",
        (30, 600),
        4,
        {"private": 1.5, "region": 1.2},
    ),
    Archetype(
        "agri_coop",
        (
            "Cooperativa agricola e filiera {crop} {loc}",
            "Sostegno ai piccoli produttori {crop} {loc}",
            "Orti comunitari e sicurezza alimentare {loc}",
        ),
        (
            "Sementi, attrezzi, formazione agronomica e un magazzino comune per piccoli "
            "produttori riuniti in cooperativa {loc}.",
        ),
        ("enterprise", "employment"),
        (2, 8, 1),
        {2: ("2.3", "2.4"), 8: ("8.3",), 1: ("1.4",)},
        "31120",
        (50, 2000),
        8,
        {"aics": 1.3, "foundation": 1.2},
    ),
    Archetype(
        "reforestation",
        (
            "Rimboschimento e lotta alla desertificazione {loc}",
            "Agroforestazione e lavoro verde per giovani {loc}",
        ),
        (
            "Vivai, piantumazione di alberi da frutto e da legna e tecniche di recupero dei suoli "
            "degradati, con lavoro retribuito per giovani {loc}.",
        ),
        ("employment",),
        (15, 13, 2),
        {15: ("15.2", "15.3"), 13: ("13.1", "13.3"), 2: ("2.4",)},
        "31220",
        (100, 3000),
        3,
        {"eu": 1.5, "aics": 1.3},
        DRYLANDS,
    ),
    Archetype(
        "fisheries",
        (
            "Pesca artigianale sostenibile {loc}",
            "Cooperativa di pescatori e trasformazione del pescato {loc}",
        ),
        (
            "Barche, reti selettive, una cella frigorifera e formazione per una cooperativa di "
            "pescatori e donne trasformatrici {loc}.",
        ),
        ("enterprise", "employment"),
        (14, 8, 2),
        {14: ("14.b", "14.4"), 8: ("8.3",), 2: ("2.3",)},
        "31320",
        (40, 800),
        3,
        {"aics": 1.3},
        COASTAL,
    ),
    Archetype(
        "solar",
        (
            "Energia solare per i centri sanitari {loc}",
            "Impianti fotovoltaici per scuole e dispensari {loc}",
        ),
        (
            "Installazione di impianti fotovoltaici con accumulo e formazione di tecnici locali "
            "per la manutenzione {loc}.",
        ),
        ("health", "enterprise"),
        (7, 3, 13),
        {7: ("7.1", "7.2"), 3: ("3.8",), 13: ("13.2",)},
        "23230",
        (200, 8000),
        3,
        {"foundation": 1.3, "aics": 1.3},
    ),
    Archetype(
        "recycling",
        (
            "Raccolta differenziata e riciclo della plastica {loc}",
            "Economia circolare e gestione dei rifiuti {loc}",
        ),
        (
            "Un piccolo impianto di selezione e riciclo della plastica che crea lavoro per "
            "giovani e donne e riduce i rifiuti in città {loc}.",
        ),
        ("enterprise", "employment"),
        (12, 11, 8),
        {12: ("12.5",), 11: ("11.6",), 8: ("8.3",)},
        "14050",
        (100, 6000),
        3,
    ),
    Archetype(
        "water",
        ("Pozzi e accesso all'acqua potabile {loc}", "Acqua potabile e servizi igienici {loc}"),
        (
            "Perforazione di pozzi, fontane pubbliche e comitati di gestione dell'acqua nei "
            "villaggi {loc}.",
        ),
        ("health",),
        (6, 3, 5),
        {6: ("6.1", "6.2", "6.b"), 3: ("3.9",), 5: ("5.4",)},
        "14030",
        (300, 12000),
        6,
        {"aics": 1.6, "private": 1.3, "other": 1.3},
    ),
    Archetype(
        "clinic",
        (
            "Ambulatorio materno-infantile {loc}",
            "Salute materna e neonatale {loc}",
            "Presidio sanitario di base {loc}",
        ),
        (
            "Visite prenatali, vaccinazioni e formazione di ostetriche e operatori sanitari di "
            "comunità {loc}.",
        ),
        ("health",),
        (3, 5),
        {3: ("3.1", "3.2"), 5: ("5.6",)},
        "12220",
        (200, 10000),
        6,
        {"aics": 1.4, "other": 1.4},
    ),
    Archetype(
        "equipment",
        (
            "Attrezzature sanitarie per un ospedale {loc}",
            "Un ecografo per il centro di salute {loc}",
        ),
        (
            "Acquisto e spedizione di attrezzature mediche, formazione del personale all'uso e "
            "alla manutenzione {loc}.",
        ),
        ("health",),
        (3, 17),
        {3: ("3.8",), 17: ("17.6",)},
        "12230",
        (500, 15000),
        4,
        {"private": 1.5, "foundation": 1.2},
    ),
    Archetype(
        "prevention",
        (
            "Prevenzione e screening sanitari {loc}",
            "Campagna di prevenzione del diabete e dell'ipertensione {loc}",
            "Campagna contro la malaria {loc}",
        ),
        (
            "Campagne di informazione, screening gratuiti e formazione di operatori di comunità "
            "{loc}.",
        ),
        ("health",),
        (3, 10),
        {3: ("3.3", "3.4"), 10: ("10.2",)},
        "12250",
        (300, 20000),
        4,
    ),
    Archetype(
        "telemedicine",
        (
            "Telemedicina con medici della diaspora {loc}",
            "Medici della diaspora {adj} per la salute {loc}",
        ),
        (
            "Medici e infermieri della diaspora {adj} in Italia offrono consulti a distanza e "
            "formazione ai colleghi {loc}.",
        ),
        ("health", "skills_mobility"),
        (3, 17, 9),
        {3: ("3.8", "3.c"), 17: ("17.6",), 9: ("9.c",)},
        "12220",
        (100, 5000),
        2,
        {"iom": 1.5},
    ),
    Archetype(
        "covid",
        (
            "Risposta all'emergenza COVID-19 {loc}",
            "Dispositivi di protezione e aiuti alle famiglie colpite dal COVID-19 {loc}",
        ),
        (
            "Dispositivi di protezione per il personale sanitario e pacchi alimentari per le "
            "famiglie rimaste senza reddito durante la pandemia {loc}.",
        ),
        ("health", "humanitarian"),
        (3, 1, 17),
        {3: ("3.d", "3.3"), 1: ("1.5",), 17: ("17.9",)},
        "12264",
        (200, 15000),
        0.3,
        {"private": 2.0, "other": 2.0, "municipality": 1.5},
        (),
        (2020, 2021),
    ),
    Archetype(
        "remittances",
        (
            "Educazione finanziaria e rimesse produttive {loc}",
            "Rimesse per lo sviluppo: risparmio e investimento {loc}",
        ),
        (
            "Corsi di educazione finanziaria per famiglie migranti a {city_it} e strumenti per "
            "orientare le rimesse verso investimenti produttivi {loc}.",
        ),
        ("skills_mobility", "enterprise"),
        (10, 1, 8),
        {10: ("10.c",), 1: ("1.4",), 8: ("8.10",)},
        "24081",
        (50, 1500),
        4,
        {"iom": 2.0, "ministry": 1.5},
    ),
    Archetype(
        "circular",
        (
            "Migrazione circolare e competenze tra {city_it} e {place}",
            "Competenze di ritorno: formazione tra {city_it} e {place}",
            "Tirocini in Italia e rientro di giovani tecnici {loc}",
        ),
        (
            "Periodi di formazione in aziende di {city_it} per tecnici che poi rientrano e "
            "trasmettono le competenze {loc}.",
        ),
        ("skills_mobility", "employment"),
        (10, 8, 4),
        {10: ("10.7",), 8: ("8.8", "8.5"), 4: ("4.4",)},
        "15190",
        (20, 300),
        4,
        {"iom": 3.0, "ministry": 2.0, "eu": 1.3},
    ),
    Archetype(
        "return",
        (
            "Reinserimento socio-economico dei migranti di ritorno {loc}",
            "Rientro volontario e avvio d'impresa {loc}",
        ),
        (
            "Orientamento, formazione e un piccolo capitale di avvio per migranti che rientrano "
            "e vogliono avviare un'attività {loc}.",
        ),
        ("skills_mobility", "employment"),
        (10, 8, 1),
        {10: ("10.7",), 8: ("8.5",), 1: ("1.3",)},
        "15190",
        (20, 400),
        3,
        {"iom": 3.0, "ministry": 1.8},
    ),
    Archetype(
        "civic",
        (
            "Partecipazione civica della diaspora {adj} di {city_it}",
            "Rafforzamento delle associazioni della società civile {loc}",
            "Diaspora {adj} e sviluppo locale {loc}",
        ),
        (
            "Formazione alla progettazione, incontri pubblici e una rete tra le associazioni "
            "della diaspora {adj} di {city_it} e le organizzazioni locali {loc}.",
        ),
        ("active_citizenship",),
        (16, 17, 10),
        {16: ("16.7",), 17: ("17.17",), 10: ("10.2",)},
        "15150",
        (30, 800),
        8,
        {"municipality": 1.5, "region": 1.4, "eu": 1.2},
    ),
    Archetype(
        "women_rights",
        (
            "Diritti delle donne e contrasto alla violenza di genere {loc}",
            "Centro di ascolto per donne {loc}",
        ),
        (
            "Un centro di ascolto, assistenza legale e percorsi di autonomia economica per donne "
            "che hanno subito violenza {loc}.",
        ),
        ("active_citizenship", "health"),
        (5, 16, 3),
        {5: ("5.2", "5.3"), 16: ("16.1",), 3: ("3.7",)},
        "15180",
        (50, 1500),
        4,
        {"other": 1.5, "foundation": 1.3},
    ),
    Archetype(
        "child_protection",
        (
            "Protezione dell'infanzia e contrasto al lavoro minorile {loc}",
            "Centro per bambini di strada {loc}",
        ),
        (
            "Accoglienza diurna, rientro a scuola e sostegno alle famiglie di bambini che "
            "lavorano o vivono in strada {loc}.",
        ),
        ("active_citizenship", "education"),
        (16, 4, 8),
        {16: ("16.2",), 4: ("4.1",), 8: ("8.7",)},
        "16010",
        (30, 600),
        3,
        {"private": 1.4, "other": 1.4},
    ),
    Archetype(
        "elderly",
        ("Assistenza domiciliare agli anziani {loc}", "Centro diurno per anziani {loc}"),
        (
            "Visite a domicilio, pasti e piccole cure per anziani soli, spesso genitori di "
            "emigrati, {loc}.",
        ),
        ("health",),
        (3, 1, 10),
        {3: ("3.8",), 1: ("1.3",), 10: ("10.2",)},
        "16010",
        (30, 400),
        2,
    ),
    Archetype(
        "housing",
        (
            "Autocostruzione di alloggi dignitosi {loc}",
            "Case a basso costo per famiglie vulnerabili {loc}",
        ),
        (
            "Cantieri di autocostruzione assistita con materiali locali per famiglie che vivono "
            "in abitazioni precarie {loc}.",
        ),
        ("housing",),
        (11, 1, 6),
        {11: ("11.1",), 1: ("1.4",), 6: ("6.2",)},
        "16040",
        (20, 600),
        3,
    ),
    Archetype(
        "reconstruction",
        (
            "Ricostruzione di abitazioni dopo {disaster} {loc}",
            "Ripristino di scuole e case danneggiate {damaged} {loc}",
        ),
        (
            "Ricostruzione con tecniche più sicure di case e scuole danneggiate {damaged}, con "
            "manodopera locale {loc}.",
        ),
        ("housing", "humanitarian"),
        (11, 1, 13),
        {11: ("11.5", "11.b"), 1: ("1.5",), 13: ("13.1",)},
        "73010",
        (50, 3000),
        2,
        {"private": 1.8, "other": 1.5, "aics": 1.3},
    ),
    Archetype(
        "relief",
        (
            "Aiuti umanitari alle famiglie sfollate {loc}",
            "Beni di prima necessità per le famiglie {loc}",
        ),
        (
            "Raccolta in Italia e distribuzione di beni di prima necessità, medicinali e "
            "coperte alle famiglie sfollate {loc}.",
        ),
        ("humanitarian",),
        (2, 1, 3),
        {2: ("2.1",), 1: ("1.5",), 3: ("3.8",)},
        "72010",
        (100, 20000),
        2,
        {"private": 2.5, "other": 1.8, "municipality": 1.3},
    ),
    Archetype(
        "food",
        ("Emergenza alimentare {loc}", "Distribuzione di cibo e sementi alle famiglie {loc}"),
        (
            "Distribuzione di cibo, sementi e latte terapeutico alle famiglie colpite dalla "
            "crisi alimentare {loc}.",
        ),
        ("humanitarian",),
        (2, 1),
        {2: ("2.1", "2.2"), 1: ("1.5",)},
        "72040",
        (200, 20000),
        1,
        {"private": 2.0, "other": 2.0},
    ),
    Archetype(
        "culture_exchange",
        (
            "Ponte culturale {city_it}-{place}",
            "Valorizzazione dell'artigianato tradizionale {loc}",
            "Musica e memoria: scambio culturale tra {city_it} e {place}",
        ),
        (
            "Residenze di artisti, laboratori e un festival che legano la comunità {adj} di "
            "{city_it} al territorio di origine {loc}.",
        ),
        ("culture",),
        (11, 4, 17),
        {11: ("11.4",), 4: ("4.7",), 17: ("17.17",)},
        "16061",
        (50, 5000),
        6,
        {"municipality": 2.5, "region": 1.3, "eu": 0.3, "aics": 0.2, "iom": 0.3},
    ),
    Archetype(
        "cultural_centre",
        ("Biblioteca e centro culturale {loc}", "Centro giovanile e culturale {loc}"),
        (
            "Una biblioteca con sala studio, corsi di lingua e attività culturali per ragazzi "
            "{loc}.",
        ),
        ("culture", "education"),
        (4, 11),
        {4: ("4.6", "4.7"), 11: ("11.4",)},
        "16061",
        (100, 4000),
        3,
        {"municipality": 1.5, "foundation": 1.3, "iom": 0.3},
    ),
    Archetype(
        "tourism",
        ("Turismo responsabile e comunitario {loc}", "Ecoturismo e accoglienza rurale {loc}"),
        (
            "Formazione di guide, accoglienza in famiglia e promozione in Italia di itinerari di "
            "turismo responsabile {loc}.",
        ),
        ("enterprise", "culture"),
        (8, 12, 11),
        {8: ("8.9",), 12: ("12.b",), 11: ("11.4",)},
        "33210",
        (20, 500),
        3,
    ),
    Archetype(
        "sport",
        ("Sport e inclusione per ragazzi {loc}", "Un campo sportivo per i giovani {loc}"),
        (
            "Un campo polivalente, attrezzature e allenatori formati per attività sportive "
            "gratuite rivolte a ragazze e ragazzi {loc}.",
        ),
        ("culture", "education"),
        (3, 4, 16),
        {3: ("3.4",), 4: ("4.7",), 16: ("16.1",)},
        "16065",
        (50, 1500),
        3,
        {"municipality": 1.5, "private": 1.5, "iom": 0.3},
    ),
    Archetype(
        "peace",
        (
            "Dialogo interreligioso e costruzione della pace {loc}",
            "Giovani mediatori per la pace {loc}",
        ),
        (
            "Formazione di giovani mediatori, incontri tra comunità e radio locali per prevenire "
            "i conflitti {loc}.",
        ),
        ("active_citizenship", "culture"),
        (16, 10),
        {16: ("16.1", "16.a"), 10: ("10.2",)},
        "15220",
        (50, 3000),
        2,
    ),
    Archetype(
        "decentralised",
        (
            "Cooperazione decentrata tra il Comune di {city_it} e {place}",
            "Rafforzamento dei servizi comunali {loc}",
        ),
        (
            "Scambio tra funzionari del Comune di {city_it} e dell'amministrazione locale {loc} "
            "su anagrafe, servizi sociali e pianificazione.",
        ),
        ("active_citizenship",),
        (17, 16, 11),
        {17: ("17.17",), 16: ("16.6",), 11: ("11.3",)},
        "15112",
        (100, 10000),
        3,
        {"municipality": 2.0, "aics": 2.0, "region": 1.5},
    ),
)

# Crises that make humanitarian and reconstruction projects likelier (country, years, boost).
CRISES: tuple[tuple[str, int, int, float, str], ...] = (
    ("UKR", 2022, 2026, 10.0, "war"),
    ("AFG", 2021, 2024, 5.0, "war"),
    ("SOM", 2015, 2026, 3.0, "drought"),
    ("ETH", 2020, 2024, 3.0, "war"),
    ("ERI", 2015, 2026, 2.0, "drought"),
    ("BFA", 2019, 2026, 3.0, "war"),
    ("MLI", 2015, 2026, 2.5, "war"),
    ("MAR", 2023, 2025, 6.0, "earthquake"),
    ("ALB", 2019, 2021, 6.0, "earthquake"),
    ("ECU", 2016, 2018, 6.0, "earthquake"),
    ("AFG", 2023, 2024, 4.0, "earthquake"),
    ("PAK", 2022, 2023, 5.0, "flood"),
    ("NGA", 2022, 2023, 3.0, "flood"),
    ("BGD", 2017, 2024, 2.0, "flood"),
    ("LKA", 2022, 2023, 3.0, "crisis"),
    ("CUB", 2021, 2026, 2.0, "crisis"),
)
DISASTER_WORDS = {
    "earthquake": ("il terremoto", "dal terremoto"),
    "flood": ("l'alluvione", "dall'alluvione"),
    "war": ("il conflitto", "dal conflitto"),
    "drought": ("la siccità", "dalla siccità"),
    "crisis": ("l'alluvione", "dall'alluvione"),
}
HUMANITARIAN = ("relief", "food", "reconstruction")
CRISIS_COUNTRIES = tuple(sorted({iso for iso, *_ in CRISES}))

# =========================================================================================
# Funders
# =========================================================================================
FUNDER_WEIGHTS: dict[str, float] = {
    "municipality": 16,
    "region": 16,
    "foundation": 20,
    "aics": 8,
    "eu": 6,
    "iom": 5,
    "ministry": 6,
    "private": 12,
    "other": 8,
}
AMOUNT_RANGES: dict[str, tuple[int, int]] = {
    "municipality": (3_000, 30_000),
    "region": (10_000, 80_000),
    "foundation": (10_000, 150_000),
    "aics": (50_000, 1_500_000),
    "eu": (100_000, 2_000_000),
    "iom": (20_000, 200_000),
    "ministry": (30_000, 400_000),
    "private": (2_000, 40_000),
    "other": (5_000, 80_000),
}
REGION_FUNDERS: dict[str, str] = {
    "01": "Regione Piemonte",
    "02": "Regione Autonoma Valle d'Aosta",
    "03": "Regione Lombardia",
    "05": "Regione del Veneto",
    "06": "Regione Autonoma Friuli Venezia Giulia",
    "07": "Regione Liguria",
    "08": "Regione Emilia-Romagna",
    "09": "Regione Toscana",
    "10": "Regione Umbria",
    "11": "Regione Marche",
    "12": "Regione Lazio",
    "13": "Regione Abruzzo",
    "14": "Regione Molise",
    "15": "Regione Campania",
    "16": "Regione Puglia",
    "17": "Regione Basilicata",
    "18": "Regione Calabria",
    "19": "Regione Siciliana",
    "20": "Regione Autonoma della Sardegna",
}
# Trentino-Alto Adige funds cooperation through its two autonomous provinces.
PROVINCE_FUNDERS: dict[str, str] = {
    "021": "Provincia autonoma di Bolzano",
    "022": "Provincia autonoma di Trento",
}
REGION_PROGRAMMES = (
    "Bando cooperazione internazionale",
    "Bando co-sviluppo e migrazioni",
    "Piano regionale integrazione cittadini stranieri",
)
MUNICIPALITY_PROGRAMMES = (
    "Bando contributi alle associazioni",
    "Fondo cooperazione decentrata",
    "Patto di collaborazione",
)
SOUTH_FOUNDATION = "Fondazione con il Sud"
FOUNDATIONS: dict[str, tuple[str, ...]] = {
    "01": ("Compagnia di San Paolo", "Fondazione CRT", "Fondazione CRC"),
    "02": ("Fondazione CRT",),
    "03": (
        "Fondazione Cariplo",
        "Fondazione della Comunità Bresciana",
        "Fondazione della Comunità Bergamasca",
    ),
    "04": ("Fondazione Caritro", "Fondazione Cassa di Risparmio di Bolzano"),
    "05": ("Fondazione Cariparo", "Fondazione Cariverona"),
    "06": ("Fondazione CRTrieste", "Fondazione Friuli"),
    "07": ("Compagnia di San Paolo", "Fondazione Carige"),
    "08": (
        "Fondazione del Monte di Bologna e Ravenna",
        "Fondazione di Modena",
        "Fondazione Manodori",
        "Fondazione Cariparma",
    ),
    "09": ("Fondazione CR Firenze", "Fondazione Pisa"),
    "10": ("Fondazione Perugia",),
    "11": ("Fondazione Cariverona",),
    "12": ("Fondazione Roma", "Fondazione Terzo Pilastro"),
    "13": ("Fondazione Pescarabruzzo", "Fondazione Carispaq"),
    "14": (SOUTH_FOUNDATION,),
    "15": (SOUTH_FOUNDATION, "Fondazione Banco di Napoli"),
    "16": (SOUTH_FOUNDATION, "Fondazione Puglia"),
    "17": (SOUTH_FOUNDATION,),
    "18": (SOUTH_FOUNDATION,),
    "19": (SOUTH_FOUNDATION, "Fondazione Sicilia"),
    "20": (SOUTH_FOUNDATION, "Fondazione di Sardegna"),
}
FOUNDATION_PROGRAMMES = (
    "Bando Migrazioni e Sviluppo",
    "Bando Sviluppo e cooperazione",
    "Bando Welfare di comunità",
    "Erogazioni ordinarie",
)
AICS_PROGRAMMES = ("Bando OSC", "Bando Enti Territoriali", "Iniziativa Migrazione e Sviluppo")
IOM = "OIM / IOM"
IOM_PROGRAMMES = ("MIDA", "Diaspora engagement", "MigraVenture")
MINISTRIES: tuple[tuple[str, str], ...] = (
    (
        "Ministero del Lavoro e delle Politiche Sociali",
        "FAMI - Fondo Asilo Migrazione e Integrazione",
    ),
    ("Ministero dell'Interno", "AMIF - Azioni nazionali"),
    ("Ministero degli Affari Esteri e della Cooperazione Internazionale", "Fondo Migrazioni"),
)
PRIVATE_FUNDERS: tuple[tuple[str, str], ...] = (
    ("Raccolta fondi tra i soci", ""),
    ("Crowdfunding", "Campagna online"),
    ("Banca Etica", "Bando progetti sociali"),
    ("Donazioni private", ""),
    ("Impresa sostenitrice (demo)", "Responsabilità sociale d'impresa"),
)
OTHER_FUNDERS: tuple[tuple[str, str], ...] = (
    ("Tavola Valdese", "Otto per mille"),
    ("Caritas Italiana", "Microprogetti"),
    ("UNDP", "JMDI - Joint Migration and Development Initiative"),
    ("Cinque per mille", "Quota 5x1000"),
)

# =========================================================================================
# Pipeline
# =========================================================================================
YEAR_WEIGHTS: dict[int, float] = {
    2015: 75,
    2016: 50,
    2017: 52,
    2018: 58,
    2019: 62,
    2020: 48,
    2021: 58,
    2022: 65,
    2023: 72,
    2024: 78,
    2025: 80,
    2026: 52,
}
_OLD = {"completed": 72, "rejected": 18, "withdrawn": 4, "cancelled": 5}
STAGE_WEIGHTS: dict[int, dict[str, float]] = {
    **{y: _OLD for y in range(2015, 2020)},
    2020: {"completed": 66, "rejected": 18, "withdrawn": 6, "cancelled": 10},  # the pandemic
    2021: {"completed": 66, "in_progress": 4, "rejected": 18, "withdrawn": 4, "cancelled": 5},
    2022: {"completed": 58, "in_progress": 16, "rejected": 18, "withdrawn": 4, "cancelled": 4},
    2023: {"completed": 38, "in_progress": 38, "rejected": 18, "withdrawn": 4, "cancelled": 3},
    2024: {"completed": 12, "in_progress": 62, "rejected": 18, "withdrawn": 4, "cancelled": 2},
    2025: {
        "completed": 3,
        "in_progress": 30,
        "approved": 15,
        "submitted": 11,
        "rejected": 14,
        "withdrawn": 3,
        "cancelled": 1,
        "concept": 11,
        "idea": 8,
    },
    2026: {
        "approved": 11,
        "submitted": 26,
        "rejected": 4,
        "withdrawn": 1,
        "concept": 30,
        "idea": 28,
    },
}

LEGAL_FORMS = {
    "APS": 45,
    "ODV": 20,
    "associazione non riconosciuta": 15,
    "ETS": 10,
    "cooperativa sociale": 6,
    "fondazione": 4,
}
THEME_WEIGHTS = {
    "education": 18,
    "employment": 15,
    "culture": 20,
    "active_citizenship": 18,
    "enterprise": 10,
    "health": 8,
    "skills_mobility": 7,
    "humanitarian": 5,
    "housing": 3,
}
THEME_GOAL = {
    "employment": 8,
    "health": 3,
    "education": 4,
    "active_citizenship": 16,
    "housing": 11,
    "enterprise": 9,
    "skills_mobility": 10,
    "culture": 11,
    "humanitarian": 2,
}
NETWORKS = {"summit": 0.22, "forum": 0.30, "coordinamento_regionale": 0.25}

# =========================================================================================
# Helpers
# =========================================================================================


def fold(text: str) -> str:
    """Lower-case ASCII form of a name, for matching spellings with and without accents."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold().replace("'", "")).strip()


def slugify(text: str) -> str:
    """Web-address form of a name."""
    return fold(text).replace(" ", "-")


def pick(rng: np.random.Generator, items: Sequence[Any], weights: Sequence[float]) -> Any:
    """One item drawn with the given (not necessarily normalised) weights."""
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def pick_many(
    rng: np.random.Generator, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    """k distinct items drawn with the given weights, in draw order."""
    w = np.asarray(weights, dtype=float)
    k = min(k, int((w > 0).sum()))
    idx = rng.choice(len(items), size=k, replace=False, p=w / w.sum())
    return [items[int(i)] for i in idx]


def rand_date(rng: np.random.Generator, low: date, high: date) -> date:
    """A uniform day between low and high (both included)."""
    if high <= low:
        return low
    return low + timedelta(days=int(rng.integers(0, (high - low).days + 1)))


def add_months(day: date, months: int) -> date:
    """The same day some months later (clamped to the 28th to stay valid)."""
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def round_amount(value: float) -> int:
    """Budgets are written as people write them: round hundreds, thousands."""
    step = 100 if value < 10_000 else 500 if value < 100_000 else 1_000
    return int(max(step, round(value / step) * step))


def locative_city(name: str) -> str:
    """'a Thiès', 'ad Accra', 'al Cairo': the Italian 'in <city>'."""
    if name in EXONYMS:
        return EXONYMS[name]
    return ("ad " if fold(name).startswith("a") else "a ") + name


def italian_city(name: str) -> str:
    """ISTAT name as people say it ('Bolzano/Bozen' -> 'Bolzano')."""
    return name.split("/")[0]


# =========================================================================================
# Reference data
# =========================================================================================


@dataclass
class Geography:
    """What the generator needs from data/reference/, in a fixed order."""

    hosts: pd.DataFrame  # municipality_istat, name, province_istat, region_istat, population, size
    provinces: pd.DataFrame  # province_istat, region_istat, population
    hub_province: dict[str, str]  # hub city name -> province
    hub_municipality: dict[str, str]  # hub city name -> municipality
    cities: dict[str, list[str]]  # iso3 -> gazetteer names of its origin cities
    communities: tuple[Community, ...]


def resolve_municipality(municipalities: pd.DataFrame, name: str) -> pd.Series:
    """The municipality called `name` (the most populous if several share it)."""
    wanted = fold(name)
    match = municipalities[municipalities["name"].map(lambda n: fold(n.split("/")[0])) == wanted]
    if match.empty:
        raise SystemExit(f"make_demo: no municipality called {name!r} in the reference data")
    return match.sort_values(["population", "municipality_istat"], ascending=[False, True]).iloc[0]


def resolve_cities(territories: pd.DataFrame, community: Community) -> list[str]:
    """Gazetteer names for the community's cities, topped up with its largest cities."""
    own = territories[territories["country_iso3"] == community.iso3]
    own = own.sort_values(["population", "territory_id"], ascending=[False, True])
    by_fold: dict[str, str] = {}
    for name, ascii_name in zip(own["name"], own["ascii_name"], strict=True):
        by_fold.setdefault(fold(name), name)
        by_fold.setdefault(fold(str(ascii_name)), name)
    found: list[str] = []
    for wanted in community.cities:
        name = by_fold.get(fold(wanted))
        if name is None:
            print(
                f"make_demo: {wanted!r} not in the gazetteer for {community.iso3}", file=sys.stderr
            )
        elif name not in found:
            found.append(name)
    for name in own["name"]:
        if len(found) >= 5:
            break
        if name not in found:
            found.append(name)
    return found


def load_geography() -> Geography:
    """Read and order the reference tables the generator uses."""
    municipalities = reference.load_municipalities().copy()
    municipalities["population"] = municipalities["population"].fillna(0).astype("int64")
    municipalities = municipalities.sort_values("municipality_istat").reset_index(drop=True)
    countries = set(reference.load_countries()["iso3"])
    territories = reference.load_territories()
    communities = tuple(
        c
        for c in COMMUNITIES
        if c.iso3 in countries and (territories["country_iso3"] == c.iso3).any()
    )
    hosts = pd.DataFrame([resolve_municipality(municipalities, n) for n in HOSTS])
    hosts = hosts[["municipality_istat", "name", "province_istat", "region_istat", "population"]]
    hosts = hosts.reset_index(drop=True).assign(size=list(HOSTS.values()))
    provinces = reference.load_provinces()[["province_istat", "region_istat"]]
    population = municipalities.groupby("province_istat")["population"].sum()
    provinces = (
        provinces.assign(
            population=provinces["province_istat"].map(population).fillna(1).astype("int64")
        )
        .sort_values("province_istat")
        .reset_index(drop=True)
    )
    hub_names = sorted({city for c in communities for city in c.hubs})
    hub_rows = {name: resolve_municipality(municipalities, name) for name in hub_names}
    return Geography(
        hosts=hosts,
        provinces=provinces,
        hub_province={n: str(r["province_istat"]) for n, r in hub_rows.items()},
        hub_municipality={n: str(r["municipality_istat"]) for n, r in hub_rows.items()},
        cities={c.iso3: resolve_cities(territories, c) for c in communities},
        communities=communities,
    )


# =========================================================================================
# Residents
# =========================================================================================


def make_residents(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    """Foreign residents by citizenship, province and year (rows with 0 left out)."""
    prov = geo.provinces
    base = prov["population"].to_numpy(float) * prov["region_istat"].map(FOREIGN_SHARE).to_numpy()
    base *= (prov["population"].to_numpy(float) / 1e6) ** 0.05  # cities attract a bit more
    south = prov["region_istat"].isin(SOUTH_REGIONS).to_numpy()
    index = {p: i for i, p in enumerate(prov["province_istat"])}
    rows: list[tuple[int, str, str, int]] = []
    for community in geo.communities:
        weight = base * np.where(south, community.south, 1.0)
        boost = np.ones(len(prov))
        for city, factor in community.hubs.items():
            i = index[geo.hub_province[city]]
            boost[i] = max(boost[i], factor)
        weight = weight * boost * rng.lognormal(0.0, 0.3, len(prov))
        if community.residents < 40_000:  # small communities cluster more
            weight = weight**1.3
        share = weight / weight.sum()
        for year in RESIDENT_YEARS:
            total = community.residents * (1 + community.growth) ** (year - 2023)
            values = np.rint(total * share * rng.lognormal(0.0, 0.015, len(prov))).astype(int)
            for i in np.flatnonzero(values > 0):
                rows.append(
                    (year, str(prov["province_istat"].iloc[i]), community.iso3, int(values[i]))
                )
    frame = pd.DataFrame(rows, columns=schema.column_names(schema.RESIDENTS))
    return frame.sort_values(["year", "province_istat", "citizenship"]).reset_index(drop=True)


# =========================================================================================
# Associations
# =========================================================================================


@dataclass
class Association:
    """One association while it is being built."""

    municipality: str
    countries: list[str]
    name: str = ""
    acronym: str = ""
    founded: int = 2000
    legal_form: str = "APS"
    territories: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    members: int = 0
    women_led: bool = False
    youth_led: bool = False
    networks: list[str] = field(default_factory=list)
    website: str = ""
    id: str = ""


def association_weights(geo: Geography, residents: pd.DataFrame) -> np.ndarray:
    """w[c, m]: how much of community c lives in (and around) host municipality m."""
    latest = residents[residents["year"] == 2023]
    hosts = geo.hosts
    # Split a province's residents between the host cities in it by population.
    pop = hosts["population"].to_numpy(float)
    prov_pop = geo.provinces.set_index("province_istat")["population"]
    share = (pop / hosts["province_istat"].map(prov_pop).to_numpy(float)) ** 0.5
    weights = np.zeros((len(geo.communities), len(hosts)))
    for ci, community in enumerate(geo.communities):
        counts = latest[latest["citizenship"] == community.iso3].set_index("province_istat")
        here = hosts["province_istat"].map(counts["residents"]).fillna(0).to_numpy(float)
        local = np.ones(len(hosts))
        for city, factor in community.hubs.items():
            code = geo.hub_municipality[city]
            local[(hosts["municipality_istat"] == code).to_numpy()] = factor**0.5
        weights[ci] = here * share * local + 1e-6
    return weights


def expected_placement(weights: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Iterative proportional fitting: the matrix closest to `weights` whose row sums are
    `rows` (associations per community) and column sums `columns` (per host)."""
    expected = weights.copy()
    for _ in range(200):
        expected *= (rows / expected.sum(axis=1))[:, None]
        expected *= (columns / expected.sum(axis=0))[None, :]
    return expected


def largest_remainder(values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `values`, at least 1 each, summing to `total`."""
    scaled = values * total / values.sum()
    counts = np.maximum(np.floor(scaled).astype(int), 1)
    order = np.argsort(-(scaled - np.floor(scaled)), kind="stable")
    i = 0
    while counts.sum() < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while counts.sum() > total:
        counts[int(np.argmax(counts))] -= 1
    return counts


def place_associations(
    geo: Geography, residents: pd.DataFrame, rng: np.random.Generator
) -> list[tuple[int, int]]:
    """(community, host) of every association: each community where its people live (sharpened,
    so that communities cluster as they do), each host exactly its intended share, none empty."""
    rows = np.array([c.associations for c in geo.communities], dtype=int)
    columns = largest_remainder(geo.hosts["size"].to_numpy(float), int(rows.sum()))
    weights = association_weights(geo, residents) ** 1.5
    expected = expected_placement(weights, rows.astype(float), columns.astype(float))
    # Controlled rounding: whole parts first, then the largest fractions (with a little
    # noise) while both the community and the host still have room.
    counts = np.floor(expected).astype(int)
    need_row = rows - counts.sum(axis=1)
    need_col = columns - counts.sum(axis=0)
    key = expected - counts + rng.uniform(0.0, 0.15, expected.shape)
    for flat in np.argsort(-key, axis=None, kind="stable"):
        ci, m = divmod(int(flat), expected.shape[1])
        if need_row[ci] > 0 and need_col[m] > 0:
            counts[ci, m] += 1
            need_row[ci] -= 1
            need_col[m] -= 1
    assert need_row.sum() == 0 and need_col.sum() == 0
    return [
        (ci, int(m))
        for ci in range(len(rows))
        for m in range(len(columns))
        for _ in range(int(counts[ci, m]))
    ]


def name_association(
    rng: np.random.Generator,
    a: Association,
    community: Community,
    city: str,
    group_names: tuple[str, ...] | None,
    taken: set[str],
) -> str:
    """A plausible Italian name, unique in the dataset."""
    words = community.words
    for _ in range(40):
        if group_names:
            name = pick(rng, group_names, [1] * len(group_names)).format(city=city)
        elif a.legal_form == "cooperativa sociale":
            word = pick(rng, words + GENERIC_WORDS, [2] * len(words) + [1] * len(GENERIC_WORDS))
            name = pick(rng, [f"{word} Cooperativa Sociale", f"Cooperativa Sociale {word}"], [1, 1])
        elif a.legal_form == "fondazione":
            name = pick(
                rng,
                [
                    f"Fondazione {pick(rng, words, [1] * len(words))}",
                    f"Fondazione Italia-{community.name}",
                ],
                [1, 1],
            )
        else:
            # Hometown names only where the gazetteer name is also the Italian one.
            territory = a.territories[0] if a.territories else ""
            territory = "" if territory in EXONYMS else territory
            options = [
                (f"Associazione {community.dem} di {city}", 5),
                (f"Comunità {community.adj.capitalize()} di {city}", 4),
                (f"Ponte Italia-{community.name}", 2),
                (f"Associazione Italo-{community.adj.capitalize()}", 2),
                (f"{pick(rng, words, [1] * len(words))} - {community.dem} per lo sviluppo", 2),
                (f"{pick(rng, words, [1] * len(words))} {city}", 3),
                (
                    f"{pick(rng, GENERIC_WORDS, [1] * len(GENERIC_WORDS))} Italia-{community.name}",
                    1,
                ),
            ]
            if a.women_led:
                options.append((f"Donne {community.fem} di {city}", 6))
            if a.youth_led:
                options.append((f"Giovani {community.dem} di {city}", 6))
            if territory:
                options += [
                    (f"Associazione per lo sviluppo di {territory}", 3),
                    (f"Associazione degli originari di {territory} in Italia", 2),
                ]
            name = pick(rng, [o[0] for o in options], [o[1] for o in options])
            if a.legal_form in ("APS", "ODV", "ETS") and rng.random() < 0.45:
                name = f"{name} {a.legal_form}"
        if name not in taken:
            return name
    for word in words + GENERIC_WORDS:  # still taken: tell it apart as people do
        if f"{name} - {word}" not in taken:
            return f"{name} - {word}"
    raise SystemExit(f"make_demo: cannot find a free name like {name!r}")


STOPWORDS = {
    "di",
    "del",
    "della",
    "dei",
    "degli",
    "delle",
    "per",
    "lo",
    "la",
    "il",
    "e",
    "in",
    "nel",
    "a",
    "tra",
    "d",
    "l",
    "dell",
}


def make_acronym(name: str) -> str:
    """Initials of the significant words ('Associazione Senegalesi di Brescia' -> 'ASB')."""
    parts = [p for p in re.split(r"[\s\-'’]+", name) if p]
    parts = [p for p in parts if p.lower() not in STOPWORDS and p not in ("APS", "ODV", "ETS")]
    letters = "".join(fold(p)[:1] for p in parts[:5]).upper()
    return letters if len(letters) >= 2 else ""


def make_associations(
    geo: Geography, residents: pd.DataFrame, rng: np.random.Generator
) -> list[Association]:
    """Associations placed where their communities live, with every host covered."""
    hosts = geo.hosts
    placed = place_associations(geo, residents, rng)

    by_iso = {c.iso3: c for c in geo.communities}
    groups: dict[str, list[str]] = defaultdict(list)
    for c in geo.communities:
        groups[c.group].append(c.iso3)
    resident_total = {c.iso3: c.residents for c in geo.communities}
    associations: list[Association] = []
    taken: set[str] = set()
    for ci, m in placed:
        community = geo.communities[ci]
        host = hosts.iloc[m]
        city = italian_city(str(host["name"]))
        a = Association(municipality=str(host["municipality_istat"]), countries=[community.iso3])
        mates = [i for i in groups[community.group] if i != community.iso3]
        multi = community.group in GROUP_NAMES and mates and rng.random() < 0.12
        if multi:
            extra = pick_many(
                rng, mates, [resident_total[i] ** 0.5 for i in mates], int(rng.integers(1, 3))
            )
            a.countries += extra
        a.founded = int(
            pick(
                rng,
                list(range(1985, 2025)),
                [
                    0.4 + min(y - 1985, 20) * 0.15 - max(y - 2016, 0) * 0.25
                    for y in range(1985, 2025)
                ],
            )
        )
        a.legal_form = pick(rng, list(LEGAL_FORMS), list(LEGAL_FORMS.values()))
        a.women_led = bool(rng.random() < 0.30)
        a.youth_led = bool(rng.random() < (0.30 if a.founded >= 2010 else 0.08))
        for iso in a.countries:
            if rng.random() < (0.80 if not multi else 0.25):
                cities = geo.cities[iso]
                k = 2 if rng.random() < 0.18 else 1
                a.territories += pick_many(rng, cities, rank_weights(len(cities)), k)
        theme_w = dict(THEME_WEIGHTS)
        if any(i in CRISIS_COUNTRIES for i in a.countries):
            theme_w["humanitarian"] *= 4
        if a.women_led:
            theme_w["health"] *= 1.8
            theme_w["education"] *= 1.4
        if a.youth_led:
            theme_w["culture"] *= 1.5
            theme_w["skills_mobility"] *= 1.8
        k = int(pick(rng, [1, 2, 3], [0.3, 0.45, 0.25]))
        a.themes = pick_many(rng, list(theme_w), list(theme_w.values()), k)
        goals = [THEME_GOAL[t] for t in a.themes]
        if a.women_led:
            goals.append(5)
        if rng.random() < 0.4:
            goals.append(17)
        if rng.random() < 0.3:
            goals.append(10)
        a.sdgs = list(dict.fromkeys(goals))[:5]
        a.members = int(np.clip(round(rng.lognormal(np.log(60), 0.8)), 10, 800))
        a.networks = [n for n, p in NETWORKS.items() if rng.random() < p]
        group_names = GROUP_NAMES[community.group] if multi else None
        a.name = name_association(rng, a, by_iso[community.iso3], city, group_names, taken)
        taken.add(a.name)
        a.acronym = make_acronym(a.name) if rng.random() < 0.7 else ""
        associations.append(a)

    associations.sort(key=lambda x: (x.founded, fold(x.name)))
    slugs: set[str] = set()
    for n, a in enumerate(associations, start=1):
        a.id = f"ASS-{n:04d}"
        if rng.random() < 0.78:
            slug = slugify(a.acronym if len(a.acronym) >= 3 else a.name)[:40].strip("-")
            if slug in slugs:
                slug = f"{slug}-{n:03d}"
            slugs.add(slug)
            a.website = f"https://{slug}.example.org"
    return associations


def rank_weights(n: int) -> list[float]:
    """Weights that favour the first items of a list (the most typical cities)."""
    return [1.0 / (i + 1) ** 0.8 for i in range(n)]


def association_rows(associations: list[Association]) -> list[dict[str, str]]:
    """The associations as CSV rows (canonical columns, canonical text)."""
    rows = []
    for a in associations:
        number = int(a.id.split("-")[1])
        rows.append(
            {
                schema.A_ID: a.id,
                schema.A_NAME: a.name,
                schema.A_ACRONYM: a.acronym,
                schema.A_MUNICIPALITY: a.municipality,
                schema.A_FOUNDED: str(a.founded),
                schema.A_LEGAL_FORM: a.legal_form,
                schema.A_COUNTRIES: "|".join(a.countries),
                schema.A_TERRITORIES: "|".join(a.territories),
                schema.A_THEMES: "|".join(a.themes),
                schema.A_SDGS: "|".join(str(g) for g in a.sdgs),
                schema.A_MEMBERS: str(a.members),
                schema.A_WOMEN_LED: "true" if a.women_led else "false",
                schema.A_YOUTH_LED: "true" if a.youth_led else "false",
                schema.A_NETWORKS: "|".join(a.networks),
                schema.A_WEBSITE: a.website,
                schema.A_CONTACT_NAME: f"Referente Demo {number:03d}",
                schema.A_CONTACT_EMAIL: f"referente{number:03d}@example.org",
                schema.A_CONTACT_PHONE: "" if number % 19 == 0 else f"+39 000 000 {number:04d}",
            }
        )
    return rows


# =========================================================================================
# Projects
# =========================================================================================


@dataclass
class Project:
    """One project while it is being built."""

    year: int
    lead: Association
    country: str
    territory: str
    archetype: Archetype
    stage: str
    title: str = ""
    summary: str = ""
    partners: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    funder: str = ""
    funder_type: str = ""
    programme: str = ""
    requested: int | None = None
    granted: int | None = None
    cofinancing: int | None = None
    submitted: date | None = None
    decided: date | None = None
    start: date | None = None
    end: date | None = None
    beneficiaries: int | None = None
    id: str = ""


def crisis_kind(iso3: str, year: int) -> tuple[float, str]:
    """How strongly a crisis hit this country that year, and what kind."""
    boost, kind = 1.0, ""
    for iso, y0, y1, factor, what in CRISES:
        if iso == iso3 and y0 <= year <= y1 and factor > boost:
            boost, kind = factor, what
    return boost, kind


def choose_archetype(
    rng: np.random.Generator, a: Association, country: str, year: int
) -> Archetype:
    """A kind of project that fits the association, the place and the year."""
    boost, _ = crisis_kind(country, year)
    weights = []
    for arch in ARCHETYPES:
        w = arch.weight
        if arch.countries and country not in arch.countries:
            w = 0.0
        if not arch.years[0] <= year <= arch.years[1]:
            w = 0.0
        if arch.key == "covid":
            w = 14.0 if arch.years[0] <= year <= arch.years[1] else 0.0
        if arch.themes[0] in a.themes:
            w *= 3.0
        elif any(t in a.themes for t in arch.themes):
            w *= 1.6
        if arch.key in HUMANITARIAN:
            w *= boost**1.2
        if arch.key == "prevention" and country not in MALARIA:
            w *= 0.8
        weights.append(w)
    return pick(rng, ARCHETYPES, weights)


def choose_funder(rng: np.random.Generator, p: Project, host: pd.Series) -> tuple[str, str, str]:
    """Funder type, funder and programme, matched to the association's region and city."""
    weights = {k: v * p.archetype.funders.get(k, 1.0) for k, v in FUNDER_WEIGHTS.items()}
    region = str(host["region_istat"])
    if region in SOUTH_REGIONS:
        weights["region"] *= 0.6
    if p.lead.members < 40:
        weights["aics"] *= 0.5
        weights["eu"] *= 0.4
    kind = pick(rng, list(weights), list(weights.values()))
    city = italian_city(str(host["name"]))
    if kind == "aics":
        return kind, "AICS", pick(rng, AICS_PROGRAMMES, [5, 3, 2])
    if kind == "eu":
        options = [
            ("NDICI" if p.year >= 2021 else "DCI", 4),
            ("AMIF - Azioni dell'Unione", 3),
            ("Erasmus+", 1),
        ]
        return (
            kind,
            "Commissione europea",
            pick(rng, [o[0] for o in options], [o[1] for o in options]),
        )
    if kind == "region":
        name = PROVINCE_FUNDERS.get(str(host["province_istat"]), REGION_FUNDERS.get(region, ""))
        return kind, name, pick(rng, REGION_PROGRAMMES, [4, 3, 2])
    if kind == "municipality":
        name = "Roma Capitale" if city == "Roma" else f"Comune di {city}"
        return kind, name, pick(rng, MUNICIPALITY_PROGRAMMES, [5, 3, 2])
    if kind == "foundation":
        names = FOUNDATIONS[region]
        return (
            kind,
            pick(rng, names, rank_weights(len(names))),
            pick(rng, FOUNDATION_PROGRAMMES, [3, 3, 2, 2]),
        )
    if kind == "iom":
        programme_w = [3, 3, 4 if p.archetype.key == "diaspora_business" else 1]
        return kind, IOM, pick(rng, IOM_PROGRAMMES, programme_w)
    if kind == "ministry":
        funder, programme = pick(rng, MINISTRIES, [4, 3, 2])
        return kind, funder, programme
    if kind == "private":
        funder, programme = pick(rng, PRIVATE_FUNDERS, [3, 2, 1, 3, 1])
        return kind, funder, programme
    # The UN's Joint Migration and Development Initiative closed in 2017.
    options = [o for o in OTHER_FUNDERS if not (o[0] == "UNDP" and p.year > 2017)]
    other_w = {"Tavola Valdese": 3, "Caritas Italiana": 2, "UNDP": 1, "Cinque per mille": 2}
    funder, programme = pick(rng, options, [other_w[o[0]] for o in options])
    return kind, funder, programme


def set_dates(rng: np.random.Generator, p: Project) -> None:
    """Dates that agree with the stage and with AS_OF (submitted <= decided <= start <= end)."""
    y = p.year
    sub_low = date(y, 1, 10)
    sub_high = min(date(y, 12, 20), AS_OF - timedelta(days=10))
    duration = int(pick(rng, [6, 12, 18, 24, 30, 36], [1, 4, 3, 4, 1, 2]))
    if p.stage in ("idea", "concept"):
        low = AS_OF + timedelta(days=30)
        p.start = rand_date(rng, low, LAST_PLANNED_START).replace(day=1)
        if p.start <= AS_OF:
            p.start = add_months(p.start, 1)
        p.end = add_months(p.start, duration) - timedelta(days=1)
        return
    if p.stage == "submitted":
        p.submitted = rand_date(rng, max(sub_low, AS_OF - timedelta(days=200)), sub_high)
        return
    if p.stage == "approved":
        p.decided = AS_OF - timedelta(days=int(rng.integers(5, 120)))
        p.submitted = p.decided - timedelta(days=int(rng.integers(60, 200)))
        p.start = rand_date(rng, AS_OF + timedelta(days=15), LAST_PLANNED_START).replace(day=1)
        if p.start <= AS_OF:
            p.start = add_months(p.start, 1)
        p.end = add_months(p.start, duration) - timedelta(days=1)
        return
    p.submitted = rand_date(rng, sub_low, sub_high)
    p.decided = min(p.submitted + timedelta(days=int(rng.integers(45, 210))), AS_OF)
    if p.stage == "withdrawn":
        p.decided = None
        return
    if p.stage == "rejected":
        return
    p.start = min(p.decided + timedelta(days=int(rng.integers(15, 120))), AS_OF)
    if p.stage == "cancelled":
        if rng.random() < 0.4:  # cancelled before it started
            p.start = None
            return
        stop = p.start + timedelta(days=int(rng.integers(60, 400)))
        p.end = min(stop, AS_OF)
        return
    if p.stage == "completed":
        for months in (duration, 12, 6):
            end = add_months(p.start, months) - timedelta(days=1)
            if end <= AS_OF:
                p.end = end
                return
        p.stage = "in_progress"  # too recent to be over: still running
    if p.stage == "in_progress":
        end = add_months(p.start, duration) - timedelta(days=1)
        if end <= AS_OF:  # extended, as long projects often are
            end = AS_OF + timedelta(days=int(rng.integers(30, 400)))
        p.end = end


def set_amounts(rng: np.random.Generator, p: Project) -> None:
    """Requested, granted and co-financing amounts consistent with funder and stage."""
    if not p.funder_type:
        low, high = 5_000, 120_000
    else:
        low, high = AMOUNT_RANGES[p.funder_type]
    u = rng.beta(1.3, 2.4)
    requested = round_amount(low * (high / low) ** u)
    if p.stage == "idea" and rng.random() < 0.7:
        return
    if p.stage == "concept" and rng.random() < 0.3:
        return
    p.requested = requested
    p.cofinancing = 0 if rng.random() < 0.12 else round_amount(requested * rng.uniform(0.03, 0.3))
    if p.stage in schema.APPROVED_STAGES:
        if rng.random() < 0.45:
            p.granted = requested
        else:
            step = 100 if requested < 100_000 else 1_000
            p.granted = int(requested * rng.uniform(0.6, 0.98) // step * step)


def make_projects(
    geo: Geography, associations: list[Association], rng: np.random.Generator
) -> list[Project]:
    """Projects led by the associations, from 2015 to 2026."""
    hosts = geo.hosts.set_index("municipality_istat")
    regions = hosts["region_istat"].astype(str).to_dict()
    by_iso = {c.iso3: c for c in geo.communities}
    groups: dict[str, list[str]] = defaultdict(list)
    for c in geo.communities:
        groups[c.group].append(c.iso3)
    active = np.array([0.0 if rng.random() < 0.12 else 1.0 for _ in associations])
    activity = (
        np.array(
            [
                (a.members**0.3)
                * (1.6 if "summit" in a.networks else 1.0)
                * (2026 - a.founded) ** 0.3
                for a in associations
            ]
        )
        * rng.lognormal(0.0, 0.5, len(associations))
        * active
    )
    leads = rng.choice(len(associations), size=N_PROJECTS, p=activity / activity.sum())
    projects: list[Project] = []
    titles: Counter[str] = Counter()
    for li in leads:
        a = associations[int(li)]
        years = [y for y in YEARS if y > a.founded]
        year = int(pick(rng, years, [YEAR_WEIGHTS[y] for y in years]))
        # Destination: the community's country, now and then a neighbour.
        mates = [i for i in groups[by_iso[a.countries[0]].group] if i not in a.countries]
        if mates and rng.random() < 0.08:
            country = pick(rng, mates, [1] * len(mates))
        else:
            country = pick(rng, a.countries, [3] + [1] * (len(a.countries) - 1))
        cities = geo.cities[country]
        known = [t for t in a.territories if t in cities]
        if rng.random() < 0.10:
            territory = ""
        elif known and rng.random() < 0.65:
            territory = pick(rng, known, [1] * len(known))
        else:
            territory = pick(rng, cities, rank_weights(len(cities)))
        arch = choose_archetype(rng, a, country, year)
        stage = pick(rng, list(STAGE_WEIGHTS[year]), list(STAGE_WEIGHTS[year].values()))
        p = Project(
            year=year, lead=a, country=country, territory=territory, archetype=arch, stage=stage
        )
        goals = [arch.goals[0]] + [g for g in arch.goals[1:] if rng.random() < 0.55]
        p.goals = goals[:3]
        if rng.random() < 0.40:
            pool = [t for g in p.goals for t in arch.targets.get(g, ())]
            p.targets = sorted(
                pick_many(rng, pool, [1] * len(pool), int(rng.integers(1, 3))), key=target_key
            )
        p.themes = (
            list(arch.themes) if len(arch.themes) == 1 or rng.random() < 0.75 else [arch.themes[0]]
        )
        host = hosts.loc[a.municipality]
        funder_known = {"idea": 0.5, "concept": 0.8}.get(stage, 1.0)
        if rng.random() < funder_known:
            p.funder_type, p.funder, p.programme = choose_funder(rng, p, host)
        set_dates(rng, p)
        set_amounts(rng, p)
        p.partners = choose_partners(rng, p, associations, regions)
        low, high = arch.beneficiaries
        scale = ((p.requested or 40_000) / 40_000) ** 0.25
        beneficiaries = np.exp(rng.uniform(np.log(low), np.log(high))) * scale
        step = 5 if beneficiaries < 200 else 10 if beneficiaries < 2000 else 50
        p.beneficiaries = int(np.clip(round(beneficiaries / step) * step, 20, 20_000))
        if stage == "idea" and rng.random() < 0.6:
            p.beneficiaries = None
        write_texts(rng, p, by_iso[country], italian_city(str(host["name"])), titles)
        projects.append(p)
    projects.sort(key=lambda p: (p.year, first_date(p), p.lead.id, p.title))
    for n, p in enumerate(projects, start=1):
        p.id = f"PRJ-{n:04d}"
    return projects


def target_key(target: str) -> tuple[int, int, str]:
    """Sort SDG targets as the UN lists them: 4.4 before 4.10 before 4.a."""
    goal, sub = target.split(".")
    return (int(goal), int(sub) if sub.isdigit() else 100, sub)


def first_date(p: Project) -> str:
    """The earliest date of a project, for a stable chronological order."""
    dates = [d for d in (p.submitted, p.decided, p.start, p.end) if d is not None]
    return min(dates).isoformat() if dates else "9999"


def choose_partners(
    rng: np.random.Generator,
    p: Project,
    associations: list[Association],
    regions: dict[str, str],
) -> list[str]:
    """Zero, one or two partner associations, mostly from the same city or region."""
    chance = 0.45 if p.funder_type in ("aics", "eu", "ministry") else 0.2
    if rng.random() >= chance:
        return []
    lead = p.lead
    region = regions[lead.municipality]
    candidates, weights = [], []
    for a in associations:
        if a is lead or a.founded >= p.year:
            continue
        same_city = a.municipality == lead.municipality
        if not same_city and regions[a.municipality] != region:
            continue
        w = 3.0 if same_city else 1.0
        if p.country in a.countries:
            w *= 3.0
        candidates.append(a.id)
        weights.append(w)
    if not candidates:
        return []
    k = 1 if rng.random() < 0.75 else 2
    return sorted(pick_many(rng, candidates, weights, k))


def write_texts(
    rng: np.random.Generator,
    p: Project,
    community: Community,
    city: str,
    titles: Counter[str],
) -> None:
    """Title and summary in Italian, from the archetype's templates."""
    arch = p.archetype
    _, kind = crisis_kind(p.country, p.year)
    disaster, damaged = DISASTER_WORDS.get(kind or "flood", DISASTER_WORDS["flood"])
    values = {
        "loc": locative_city(p.territory) if p.territory else community.loc,
        "place": p.territory or community.name,
        "adj": community.adj,
        "city_it": city,
        "crop": pick(rng, community.crops, [1] * len(community.crops)),
        "disaster": disaster,
        "damaged": damaged,
    }
    titles_ok = [t for t in arch.titles if "malaria" not in t or p.country in MALARIA]
    if not p.territory:  # "tra Brescia e Senegal" reads wrong: keep titles that say "in ..."
        titles_ok = [t for t in titles_ok if "{place}" not in t]
    title = pick(rng, titles_ok, [1] * len(titles_ok)).format(**values)
    key = f"{p.lead.id}|{title}"
    titles[key] += 1
    if titles[key] > 1:
        title = f"{title} - fase {titles[key]}"
    p.title = title
    first = pick(rng, arch.summaries, [1] * len(arch.summaries)).format(**values)
    closing = pick(
        rng,
        [
            f"Promosso da {p.lead.name} con la comunità {community.adj} di {city}.",
            f"L'iniziativa nasce dalla diaspora {community.adj} di {city} e coinvolge partner "
            "locali.",
            f"Capofila: {p.lead.name}.",
        ],
        [2, 2, 1],
    )
    p.summary = f"{first} {closing}"


def project_rows(projects: list[Project]) -> list[dict[str, str]]:
    """The projects as CSV rows."""

    def text(value: object) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    return [
        {
            schema.P_ID: p.id,
            schema.P_TITLE: p.title,
            schema.P_SUMMARY: p.summary,
            schema.P_LEAD: p.lead.id,
            schema.P_PARTNERS: "|".join(p.partners),
            schema.P_MUNICIPALITY: p.lead.municipality,
            schema.P_COUNTRY: p.country,
            schema.P_TERRITORY: p.territory,
            schema.P_SDGS: "|".join(str(g) for g in p.goals),
            schema.P_TARGETS: "|".join(p.targets),
            schema.P_THEMES: "|".join(p.themes),
            schema.P_DAC: p.archetype.dac,
            schema.P_FUNDER: p.funder,
            schema.P_FUNDER_TYPE: p.funder_type,
            schema.P_PROGRAMME: p.programme,
            schema.P_STAGE: p.stage,
            schema.P_REQUESTED: text(p.requested),
            schema.P_GRANTED: text(p.granted),
            schema.P_COFINANCING: text(p.cofinancing),
            schema.P_SUBMITTED: text(p.submitted),
            schema.P_DECIDED: text(p.decided),
            schema.P_START: text(p.start),
            schema.P_END: text(p.end),
            schema.P_BENEFICIARIES: text(p.beneficiaries),
        }
        for p in projects
    ]


# =========================================================================================
# Twinnings
# =========================================================================================
TWINNING_TYPE_WEIGHTS = {
    "gemellaggio": 30,
    "patto_amicizia": 30,
    "accordo_cooperazione": 25,
    "memorandum": 15,
}
TWINNING_STATUS_WEIGHTS = {
    "proposed": 12,
    "negotiating": 15,
    "signed": 20,
    "active": 35,
    "dormant": 18,
}
# No twinning with a country before it existed as such.
COUNTRY_SINCE = {
    "XKX": 2008,
    "SRB": 2006,
    "ERI": 1993,
    "UKR": 1992,
    "MDA": 1992,
    "GEO": 1992,
    "MKD": 1992,
}


def make_twinnings(
    geo: Geography,
    associations: list[Association],
    projects: list[Project],
    rng: np.random.Generator,
) -> list[dict[str, str]]:
    """Twinnings between host cities and the cities their communities come from."""
    hosts = geo.hosts.set_index("municipality_istat")
    pairs: Counter[tuple[str, str]] = Counter()
    known: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in associations:
        for iso in a.countries:
            pairs[(a.municipality, iso)] += 1
        for t in a.territories:
            for iso in a.countries:
                if t in geo.cities[iso] and t not in known[(a.municipality, iso)]:
                    known[(a.municipality, iso)].append(t)
    keys = sorted(pairs)
    weights = [pairs[k] ** 1.3 * float(hosts.loc[k[0], "population"]) ** 0.15 for k in keys]
    chosen: list[tuple[str, str, str]] = []
    used: set[tuple[str, str]] = set()
    while len(chosen) < N_TWINNINGS:
        municipality, iso = pick(rng, keys, weights)
        cities = geo.cities[iso]
        local = known[(municipality, iso)]
        if local and rng.random() < 0.6:
            city = pick(rng, local, [1] * len(local))
        else:
            city = pick(rng, cities, rank_weights(len(cities)))
        if (municipality, city) in used:
            continue
        used.add((municipality, city))
        chosen.append((municipality, iso, city))

    types = [
        pick(rng, list(TWINNING_TYPE_WEIGHTS), list(TWINNING_TYPE_WEIGHTS.values())) for _ in chosen
    ]
    statuses = [
        pick(rng, list(TWINNING_STATUS_WEIGHTS), list(TWINNING_STATUS_WEIGHTS.values()))
        for _ in chosen
    ]
    # Every type and status at least once, whatever the draw.
    for i, value in enumerate(schema.TWINNING_TYPES):
        if value not in types:
            types[i] = value
    for i, value in enumerate(schema.TWINNING_STATUSES):
        if value not in statuses:
            statuses[-1 - i] = value

    by_place: dict[tuple[str, str], list[Project]] = defaultdict(list)
    for p in projects:
        by_place[(p.lead.municipality, p.country)].append(p)
    rows = []
    for n, ((municipality, iso, city), kind, status) in enumerate(
        zip(chosen, types, statuses, strict=True), start=1
    ):
        year = ""
        span = {"dormant": (1990, 2012), "active": (1995, 2024), "signed": (2016, 2025)}
        if status in span:
            low, high = span[status]
            low = min(max(low, COUNTRY_SINCE.get(iso, low)), high)
            year = str(int(rng.integers(low, high + 1)))
        number = int(rng.integers(3, 180))
        if year:
            source = pick(
                rng,
                [
                    f"Delibera di Consiglio comunale n. {number}/{year}",
                    f"Delibera di Giunta comunale n. {number}/{year}",
                    "Sito del Comune",
                ],
                [6, 3, 2],
            )
        else:
            recent = int(rng.integers(2023, 2027))
            source = pick(
                rng,
                [
                    f"Mozione del Consiglio comunale n. {number}/{recent}",
                    "Lettera d'intenti tra i sindaci",
                    "Proposta delle associazioni della diaspora",
                ],
                [3, 2, 2],
            )
        linked: list[str] = []
        candidates = by_place[(municipality, iso)]
        if status in ("signed", "active", "dormant") and candidates and rng.random() < 0.55:
            same = [p for p in candidates if p.territory == city]
            pool = same if same and rng.random() < 0.7 else candidates
            k = min(len(pool), int(pick(rng, [1, 2, 3], [5, 3, 1])))
            linked = sorted(p.id for p in pick_many(rng, pool, [1] * len(pool), k))
        rows.append(
            {
                schema.T_ID: f"TWN-{n:03d}",
                schema.T_MUNICIPALITY: municipality,
                schema.T_PARTNER_CITY: city,
                schema.T_PARTNER_COUNTRY: iso,
                schema.T_PARTNER_TERRITORY: city,
                schema.T_TYPE: kind,
                schema.T_STATUS: status,
                schema.T_YEAR: year,
                schema.T_COMMUNITY: iso,
                schema.T_PROJECTS: "|".join(linked),
                schema.T_SOURCE: f"{source} (demo)",
            }
        )
    rows.sort(key=lambda r: (r[schema.T_MUNICIPALITY], r[schema.T_PARTNER_CITY]))
    for n, row in enumerate(rows, start=1):
        row[schema.T_ID] = f"TWN-{n:03d}"
    return rows


# =========================================================================================
# Output
# =========================================================================================


def write_csv(path: Path, kind: str, rows: list[dict[str, str]]) -> None:
    """Canonical CSV: UTF-8, comma, schema header, LF line ends."""
    columns = schema.column_names(kind)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])


def generate(out: Path) -> dict[str, int]:
    """Build the four tables and write them into `out`; return their row counts."""
    geo = load_geography()
    residents = make_residents(geo, np.random.default_rng([SEED, 1]))
    associations = make_associations(geo, residents, np.random.default_rng([SEED, 2]))
    projects = make_projects(geo, associations, np.random.default_rng([SEED, 3]))
    twinnings = make_twinnings(geo, associations, projects, np.random.default_rng([SEED, 4]))
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "associations.csv", schema.ASSOCIATIONS, association_rows(associations))
    write_csv(out / "projects.csv", schema.PROJECTS, project_rows(projects))
    write_csv(out / "twinnings.csv", schema.TWINNINGS, twinnings)
    resident_rows = [{k: str(v) for k, v in r.items()} for r in residents.to_dict("records")]
    write_csv(out / "residents.csv", schema.RESIDENTS, resident_rows)
    return {
        schema.ASSOCIATIONS: len(associations),
        schema.PROJECTS: len(projects),
        schema.TWINNINGS: len(twinnings),
        schema.RESIDENTS: len(residents),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder for the CSV files (default: {DEFAULT_OUT})",
    )
    args = parser.parse_args(argv)
    counts = generate(args.out)
    for kind, count in counts.items():
        print(f"{kind}: {count} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
