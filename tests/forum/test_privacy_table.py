"""Issue 11 item 2: the privacy guard sees what readers see (table of cases).

Each row: the text a member writes, and the kinds the guard must report (an empty
list: a near-miss that must pass). The guard lives in ``exchange.core.privacy``.
"""

import pytest

from exchange.core.privacy import find_personal_data, normalise_text

NN = "85.07.30-033.28"  # a valid national register number
IBAN = "BE71 0961 2345 6769"  # a valid Belgian IBAN

FOUND = [
    # national register number, however it is written
    (f"Client {NN} asks", "national_number"),
    ("INSZ 85073003328", "national_number"),
    ("rijksregisternummer 85 07 30 033 28", "national_number"),
    ("NISS 85/07/30/033/28", "national_number"),
    ("85&#46;07&#46;30-033&#46;28", "national_number"),
    ("&#56;&#53;07300332&#56;", "national_number"),
    ("&amp;#56;5073003328", "national_number"),
    ("8507<em>30</em>03328", "national_number"),
    ("85073<b>003</b>328", "national_number"),
    ("85 07 30 <!-- hidden --> 033 28", "national_number"),
    ("8507**30**03328", "national_number"),
    ("85\u200b07\u200b30\u200b033\u200b28", "national_number"),
    ("85\u200d073003328", "national_number"),
    ("8507\u00ad3003328", "national_number"),
    ("\ufeff85073003328", "national_number"),
    ("８５０７３００３３２８", "national_number"),
    ("٨٥٠٧٣٠٠٣٣٢٨", "national_number"),
    ("85–07–30–033–28", "national_number"),
    ("85—07—30—033—28", "national_number"),
    ("85\u221207\u221230\u2212033\u221228", "national_number"),
    ("85..07..30--033..28", "national_number"),
    ("85\n07 30 033 28", "national_number"),
    ("85  07   30 033 28", "national_number"),
    ("85.07.30 - 033.28", "national_number"),
    ("`85073003328`", "national_number"),
    ("> INSZ 85.07.30-033.28", "national_number"),
    ("- nummer 85.07.30-033.28", "national_number"),
    ("00012556777", "national_number"),
    # IBAN: any case, separators, groups
    (f"rekening {IBAN}", "iban"),
    ("be71 0961 2345 6769", "iban"),
    ("Be71 0961 2345 6769", "iban"),
    ("BE71096123456769", "iban"),
    ("be71096123456769", "iban"),
    ("BE71-0961-2345-6769", "iban"),
    ("BE71.0961.2345.6769", "iban"),
    ("BE710 9612 34567 69", "iban"),
    ("BE71 09612 3456769", "iban"),
    ("BE71 0961 2345 6769.", "iban"),
    ("IBAN: BE71 0961 2345 6769, BIC GKCCBEBB", "iban"),
    ("BE71 <em>0961</em> 2345 6769", "iban"),
    ("BE71&#32;0961 2345 6769", "iban"),
    ("BE71 0961\u200b2345 6769", "iban"),
    ("ＢＥ71 0961 2345 6769", "iban"),
    ("BE71 0961 2345 6769 is zijn rekening", "iban"),
    ("NL91 ABNA 0417 1643 00", "iban"),
    ("nl91abna0417164300", "iban"),
    ("FR14 2004 1010 0505 0001 3M02 606", "iban"),
    ("DE89 3704 0044 0532 0130 00", "iban"),
    ("de89-3704-0044-0532-0130-00", "iban"),
    ("LU28 0019 4006 4475 0000", "iban"),
    # e-mail addresses, plain and disguised
    ("mail naar jan.peeters@gmail.com", "email"),
    ("écrire à marie@example.be", "email"),
    ("jan[at]example.be", "email"),
    ("jan [at] example [dot] be", "email"),
    ("jan(at)example.be", "email"),
    ("jan (at) example (dot) be", "email"),
    ("jan{at}example.be", "email"),
    ("jan at example dot be", "email"),
    ("JAN AT EXAMPLE DOT BE", "email"),
    ("jan.peeters at telenet dot be", "email"),
    ("marie (arobase) example (point) fr", "email"),
    ("jan @ example.be", "email"),
    ("jan&#64;example.be", "email"),
    ("jan<span>@</span>example.be", "email"),
    ("jan@exa\u200bmple.be", "email"),
    ("<jan@example.be>", "email"),
    ("[jan@example.be](mailto:jan@example.be)", "email"),
    ("jan＠example.be", "email"),
    # phone numbers
    ("bel 0470 12 34 56", "phone"),
    ("tel. +32 470 12 34 56", "phone"),
    ("09 123 45 67", "phone"),
    ("02/555.12.34", "phone"),
    ("(0470) 12 34 56", "phone"),
    ("(09) 123 45 67", "phone"),
    ("+32-470-12-34-56", "phone"),
    ("+32.470.12.34.56", "phone"),
    ("+32 (0)470 12 34 56", "phone"),
    ("0032 470 12 34 56", "phone"),
    ("0470/12.34.56", "phone"),
    ("0470-12-34-56", "phone"),
    ("0470123456", "phone"),
    ("0470 – 12 34 56", "phone"),
    ("0470\n12 34 56", "phone"),
    ("0470  12  34  56", "phone"),
    ("04<em>70</em> 12 34 56", "phone"),
    ("0470 12&#32;34 56", "phone"),
    ("0470\u200b123456", "phone"),
    ("０４７０ １２ ３４ ５６", "phone"),
    ("+32 9 123 45 67", "phone"),
    ("GSM: 0499/99.88.77", "phone"),
    # street addresses
    ("woont in de Kerkstraat 12 bus 3", "address"),
    ("op de Grote Markt 7", "address"),
    ("habite rue de la Loi 16", "address"),
    ("au 16 rue de la Loi", "address"),
    ("avenue Louise 54 bte 3", "address"),
    ("wohnt in der Hauptstraße 5", "address"),
    ("Aachener Straße 12", "address"),
    ("kerkstraat 12", "address"),
    ("KERKSTRAAT 12", "address"),
    ("Kerkstr. 12", "address"),
    ("kerkstr 12", "address"),
    ("Kerkstraat nr. 12", "address"),
    ("Kerkstraat nr 12", "address"),
    ("Kerkstraat n° 12", "address"),
    ("Kerkstraat 12A", "address"),
    ("Brusselsesteenweg 350", "address"),
    ("Brusselsestwg. 350", "address"),
    ("Kerk<em>straat</em> 12", "address"),
    ("Kerkstraat&nbsp;12", "address"),
    ("Kerkstraat\u200b 12", "address"),
    ("Kerkstraat\n12", "address"),
    ("rue de la loi 16", "address"),
    ("RUE DE LA LOI 16", "address"),
    ("Rue Haute 45", "address"),
    ("chaussée de Gand 102", "address"),
    ("boulevard Anspach 10", "address"),
    ("Hauptstrasse 5", "address"),
    ("hauptstraße 5", "address"),
    ("Rathausgasse 3", "address"),
]

PASSES = [
    # invalid checksums
    "Client 85.07.30-033.27 asks",
    "dossier 85073003329",
    "case 12345678901",
    "rekening BE71 0961 2345 6768",
    "be71 0961 2345 6768",
    "NL91 ABNA 0417 1643 01",
    # dates, amounts, counts
    "in 2024 we had 120 files and 35 interpreters",
    "on 03/12/2026 at 14 o'clock",
    "op 12.03.2024 om 14.30 uur",
    "le 12-03-2024",
    "from 2023-01-01 to 2024-12-31",
    "a budget of 1 234 567 euro",
    "€ 1.250,50 per maand",
    "1.234.567,89 EUR",
    "leefloon van 1 263,17 euro",
    "we doen dat al 12 jaar",
    "30 % van 450 dossiers",
    "tussen 2019 en 2024",
    # legal references
    "artikel 60 §7 for 12 months",
    "art. 57 §2 OCMW-wet",
    "Wet van 26 mei 2002, art. 11",
    "KB 11.07.2002",
    "loi du 8 juillet 1976, art. 60",
    "BS 31.07.2002, p. 33610",
    "Decreet van 7 juni 2013",
    "§ 1, 2° en 3°",
    # enterprise and VAT numbers
    "0403.170.701",
    "BE 0403.170.701",
    "BE0403170701",
    "KBO 0403.170.701",
    "ondernemingsnummer 0403 170 701",
    "BTW BE 0403.170.701",
    "n° d'entreprise 0207.437.468",
    # public service numbers
    "0800 30 030",
    "bel gratis 0800 30 030",
    "078 15 15 15",
    "070 22 33 44",
    "0900 10 200",
    "Infolijn FOD Binnenlandse Zaken: +32 2 508 85 85",
    "+32 2 508 85 85",
    "bel 02 508 85 85 voor meer uitleg",
    "Helpdesk van het OCMW: 09 266 99 00",
    "CPAS de Liège, tél. 04 220 58 11",
    "Fedasil: +32 2 213 44 00",
    # institution addresses given as such
    "OCMW Gent, Onderbergen 86",
    "CPAS de Liège, place Saint-Jacques 13",
    "het stadhuis, Grote Markt 1",
    "Dienst Vreemdelingenzaken, Pachecolaan 44",
    "Office des Étrangers, boulevard Pachéco 44",
    "ÖSHZ Eupen, Bergstraße 2",
    "Onthaalbureau Inburgering: Kerkstraat 12",
    # streets without a house number, words with numbers
    "de Kerkstraat is een drukke straat",
    "la rue est longue",
    "die Straße ist gesperrt",
    "onderweg 12 keer gebeld",
    "ik ga weg 12 dagen",
    "mise en place 2 fois par an",
    "we meet at home.com",
    "see you at 10 dot",
    "twitter @ocmw",
    "versie 2.3.1 van de app",
    "ticket #4521",
    "groep 3 en 4",
    "12 februari 2025",
]


def kinds(text):
    return sorted({f.kind for f in find_personal_data(text)})


def test_the_table_has_at_least_150_cases():
    assert len(FOUND) + len(PASSES) >= 150


@pytest.mark.parametrize(("text", "kind"), FOUND)
def test_personal_data_is_found_as_readers_see_it(text, kind):
    assert kinds(text) == [kind], normalise_text(text)


@pytest.mark.parametrize("text", PASSES)
def test_near_misses_pass(text):
    assert kinds(text) == [], normalise_text(text)
