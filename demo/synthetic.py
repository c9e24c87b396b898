"""Synthetic texts for ``seed_demo --scale``: varied enough to benchmark search.

Every text is in the item's language and is built from sentence banks with slots
filled from word lists. Words are drawn Zipf-like (the word of rank r with weight
1/(r+1)), so a few words are in many items and many words are in few:

- topics (about 60 a language: "tolk", "logement", "Mietkaution"...);
- compounds in Dutch and German ("taalcafé", "Wohnwerkstatt"): two Zipf draws, so
  the rarest of the 900 a language are in a handful of items;
- project and partner names (invented, shared by the four languages) and people's
  names: the long tail in French and English as well;
- municipality names (in the item's language), themes, target groups and numbers.

The "broad" word, the newcomer concept (*nieuwkomers* / *primo-arrivants* /
*Neuankömmlinge* / *newcomers*), is in one sentence of about a third of all items
(``BROAD_SHARE``) and in no other sentence.

Texts are plain sentences: forum posts keep them as Markdown paragraphs, whose HTML
(``paragraphs_html``) is what ``render_markdown`` makes of them.
"""

from __future__ import annotations

import random
from bisect import bisect
from html import escape
from itertools import accumulate

BROAD = {
    "nl": "nieuwkomers",
    "fr": "primo-arrivants",
    "de": "Neuankömmlinge",
    "en": "newcomers",
}
BROAD_SHARE = 1 / 3
LANGUAGES = ("nl", "fr", "de", "en")


def _split(text: str) -> list[str]:
    return [w.strip() for w in text.split("|") if w.strip()]


# Most frequent first: the Zipf draw favours the start of each list.
TOPICS = {
    "nl": _split(
        "tolk|leefloon|huisvesting|taalcursus|inburgering|werk|gezinshereniging|"
        "school|huurwaarborg|ziekteverzekering|kinderopvang|schulden|diploma|"
        "rijbewijs|bankrekening|huisarts|psycholoog|vrijwilligerswerk|buddy|stage|"
        "opleiding|attest|verblijfskaart|domicilie|energie|meubels|premie|trauma|"
        "jongeren|alleenstaanden|studietoelage|mutualiteit|rechtsbijstand|"
        "huurcontract|sociale woning|voedselhulp|mobiliteit|fietsles|computer|"
        "smartphone|budgetbeheer|schoolkosten|zwemles|sportclub|jeugdbeweging|"
        "naschoolse opvang|huiswerkbegeleiding|gelijkwaardigheid|erkenning|"
        "beroepsopleiding|sollicitatie|interimkantoor|dienstencheques|dagopvang|"
        "thuiszorg|apotheek|tandarts|bril|vaccinatie|rouwverwerking"
    ),
    "fr": _split(
        "interprète|revenu d'intégration|logement|cours de français|"
        "parcours d'intégration|emploi|regroupement familial|école|garantie locative|"
        "assurance maladie|crèche|dettes|diplôme|permis de conduire|compte bancaire|"
        "médecin généraliste|psychologue|bénévolat|parrainage|stage|formation|"
        "attestation|titre de séjour|domiciliation|énergie|meubles|prime|"
        "traumatisme|jeunes|isolés|bourse d'études|mutuelle|aide juridique|bail|"
        "logement social|aide alimentaire|mobilité|cours de vélo|ordinateur|"
        "smartphone|guidance budgétaire|frais scolaires|cours de natation|"
        "club sportif|mouvement de jeunesse|accueil extrascolaire|école de devoirs|"
        "équivalence|reconnaissance|formation professionnelle|candidature|"
        "agence intérim|titres-services|garderie|aide à domicile|pharmacie|dentiste|"
        "lunettes|vaccination|deuil"
    ),
    "de": _split(
        "Dolmetscher|Eingliederungseinkommen|Wohnung|Sprachkurs|Integrationsparcours|"
        "Arbeit|Familienzusammenführung|Schule|Mietkaution|Krankenversicherung|"
        "Kinderbetreuung|Schulden|Diplom|Führerschein|Bankkonto|Hausarzt|Psychologe|"
        "Ehrenamt|Patenschaft|Praktikum|Ausbildung|Bescheinigung|Aufenthaltskarte|"
        "Wohnsitz|Energie|Möbel|Prämie|Trauma|Jugendliche|Alleinstehende|"
        "Studienbeihilfe|Krankenkasse|Rechtsbeistand|Mietvertrag|Sozialwohnung|"
        "Lebensmittelhilfe|Mobilität|Fahrradkurs|Computer|Smartphone|Budgetberatung|"
        "Schulkosten|Schwimmkurs|Sportverein|Jugendbewegung|Nachmittagsbetreuung|"
        "Hausaufgabenhilfe|Gleichwertigkeit|Anerkennung|Berufsausbildung|Bewerbung|"
        "Zeitarbeitsfirma|Dienstleistungsschecks|Tagesstätte|Hauspflege|Apotheke|"
        "Zahnarzt|Brille|Impfung|Trauerbegleitung"
    ),
    "en": _split(
        "interpreter|integration income|housing|language course|"
        "integration programme|work|family reunification|school|rent deposit|"
        "health insurance|childcare|debts|diploma|driving licence|bank account|GP|"
        "psychologist|volunteering|buddy|internship|training|certificate|"
        "residence card|registered address|energy|furniture|allowance|trauma|"
        "young people|single people|study grant|health fund|legal aid|lease|"
        "social housing|food aid|mobility|cycling lessons|computer|smartphone|"
        "budget counselling|school costs|swimming lessons|sports club|youth movement|"
        "after-school care|homework club|equivalence|recognition|vocational training|"
        "job application|temp agency|service vouchers|day care|home care|pharmacy|"
        "dentist|glasses|vaccination|bereavement"
    ),
}

# Compound words (Dutch and German write them as one word): prefix + suffix.
COMPOUNDS = {
    "nl": (
        _split(
            "taal|tolk|woon|werk|school|gezin|huur|zorg|budget|leer|buurt|jeugd|"
            "vrouwen|onthaal|sport|digi|fiets|kook|praat|naai|moestuin|muziek|"
            "theater|spel|lees|reken|computer|zwem|wandel|dans"
        ),
        _split(
            "project|groep|café|traject|netwerk|moment|atelier|punt|wijzer|koffer|"
            "kalender|bus|tafel|winkel|post|kaart|bank|loket|plan|dag|week|kamp|"
            "spel|boek|gids|lijn|box|kring|school|club"
        ),
    ),
    "de": (
        _split(
            "Sprach|Dolmetsch|Wohn|Arbeits|Schul|Familien|Miet|Pflege|Budget|Lern|"
            "Nachbarschafts|Jugend|Frauen|Willkommens|Sport|Digital|Fahrrad|Koch|"
            "Gesprächs|Näh|Garten|Musik|Theater|Spiel|Lese|Rechen|Computer|Schwimm|"
            "Wander|Tanz"
        ),
        _split(
            "projekt|gruppe|café|weg|netz|treffen|werkstatt|punkt|führer|koffer|"
            "kalender|bus|tisch|laden|post|karte|bank|schalter|plan|tag|woche|lager|"
            "spiel|buch|leitfaden|linie|box|kreis|schule|klub"
        ),
    ),
}

FIRST_NAMES = _split(
    "Sarah|Mohamed|Els|Julie|Ahmed|Sofie|Thomas|Fatima|Pieter|Marie|Youssef|Nathalie|"
    "Koen|Amina|Lucas|Inge|Karim|Camille|Bart|Leila|Stefan|Hanne|Olivier|Nadia|Jan|"
    "Aisha|Tom|Monika|Elif|Wim|Yasmine|Dirk|Sabine|Hassan|Lotte|Pierre|Zeynep|Joris|"
    "Anke|Omar"
)
SURNAMES = _split(
    "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|"
    "Dubois|Lambert|Dupont|Martin|Simon|Laurent|Leclercq|Renard|Lejeune|Mathieu|"
    "Hermans|Aerts|Michiels|Vermeulen|Pauwels|Smets|Lemmens|Van Damme|Desmet|Verhoeven|"
    "Schmitz|Kessler|Theissen|Mreyen|Cremer|Brüls|Heinen|Lentz|Pirard|Collard|"
    "Gérard|Delvaux|François|Henrard|Mahieu|Dumont|Denis|Pirotte|Gilson|Lecomte|"
    "El Amrani|Benali|Bouzid|Yilmaz|Demir|Chaouki|Ouali|Diallo|Kaya|Öztürk|"
    "Nowak|Kowalski|Popescu|Ionescu|Haddad|Mansour|Rahimi|Ahmadi|Tesfaye|Mekonnen|"
    "Vandenberghe|Verbeke|Declercq|Lambrecht|Vanhove|Coppens|De Backer|Segers|"
    "Stevens|Van den Broeck|Cuypers|Geerts|Thys|Daems|Wuyts|Roels|Baert|Bogaert|"
    "Hendrickx|Van Hecke|Huysmans|Moens|Wauters|Vermeiren|Sels|Schepers|Dewulf|"
    "Maréchal|Charlier|Masson|Noël|Bertrand|Moreau|Marchal|Hubert|Evrard|Thiry"
)
_SYLLABLES = _split(
    "ka|lo|ra|mi|sen|da|vel|to|ri|na|bo|lu|sa|gor|ten|mo|vi|ran|el|zu|pe|do|ni|ar|"
    "es|ul|kim|fa|ber|ta"
)


def _project_names(count: int = 400) -> list[str]:
    """Invented names of projects and partner organisations (stable between runs)."""
    rng = random.Random(7)  # noqa: S311 - synthetic text
    names: dict[str, None] = {}
    while len(names) < count:
        syllables = rng.choices(_SYLLABLES, k=rng.choice((2, 3, 3)))
        names["".join(syllables).capitalize()] = None
    return list(names)


PROJECTS = _project_names()

# Per language: question titles, answer openings, sentences with slots, broad
# sentences (the only ones with the broad word), fixed sentences and closings.
# Slots: {topic} {topic2} {Topic} {compound} {place} {group} {theme} {project}
# {person} {first} {n} {kids} {year} {ref}.
BANKS = {
    "nl": {
        "titles": [
            "Hoe regelen jullie {topic} voor {group}?",
            "Ervaring met {topic} in {place}?",
            "Wie weet meer over {topic} en {topic2}?",
            "{Topic}: wat doen jullie voor {group}?",
            "Vraag over {topic} na {n} maanden",
            "Mag het OCMW {topic} weigeren aan {group}?",
            "Tips voor {topic} in een klein OCMW",
            "Samenwerking rond {topic} met {project}",
            "Wachttijd voor {topic} in {place}",
            "{Topic} en {topic2}: hoe combineren jullie dat?",
        ],
        "openings": [
            "Bij ons werkt het zo.",
            "Wij hebben daar goede ervaring mee.",
            "Dat verschilt per OCMW.",
            "Kijk ook eens naar de omzendbrief van {year}.",
            "Neem contact op met {person}, die kent dit goed.",
            "Wij hadden hetzelfde probleem in {year}.",
        ],
        "sentences": [
            "Bij ons in {place} duurt {topic} gemiddeld {n} weken.",
            "We werken samen met {project} voor {topic}.",
            "Sinds {year} gebruiken we een {compound} om {topic} op te volgen.",
            "Het gaat om een gezin met {kids} kinderen dat hulp vraagt bij {topic}.",
            "De vraag naar {topic} is sinds {year} sterk gestegen.",
            "{person} van het OCMW {place} heeft hier ervaring mee.",
            "Is er een verband tussen {topic} en {topic2}?",
            "Het BCSD besliste in {year} om {topic} ruimer toe te kennen.",
            "Dossier {ref}: {topic} werd na {n} dagen toegekend.",
            "Ons {compound} helpt vooral bij {topic}.",
            "Binnen het thema {theme} loopt er een {compound} met {project}.",
            "Voor {group} regelen we eerst {topic}, daarna {topic2}.",
        ],
        "broad": [
            "Veel nieuwkomers kennen {topic} nog niet.",
            "Voor nieuwkomers is {topic} vaak de eerste vraag.",
            "We begeleiden nieuwkomers stap voor stap bij {topic}.",
            "Nieuwkomers in {place} vragen vaak naar {topic}.",
        ],
        "fixed": [
            "De maatschappelijk werker plant een tweede gesprek met een tolk.",
            "Het team bespreekt moeilijke dossiers in intervisie.",
            "Het GPMI wordt samen opgesteld en in eenvoudige taal uitgelegd.",
            "Artikel 60 wordt gecombineerd met lessen Nederlands op de werkvloer.",
            "De OCMW-raad en het BCSD krijgen jaarlijks een evaluatie.",
            "Wachttijden voor het leefloon dalen door een volledige checklist.",
            "Het dossier wordt binnen de maand op het comité voorgelegd.",
            "Alles staat in het sociaal verslag.",
            "Een collega van de schuldbemiddeling schuift aan.",
            "De cliënt krijgt een schriftelijke samenvatting mee.",
            "We evalueren de aanpak na zes maanden.",
            "Met vragen kan je ons altijd mailen.",
        ],
        "closings": [
            "Groeten, {first} ({place})",
            "Succes! {first}",
            "{first}, OCMW {place}",
        ],
    },
    "fr": {
        "titles": [
            "Comment gérez-vous {topic} pour {group} ?",
            "Une expérience avec {topic} à {place} ?",
            "Qui en sait plus sur {topic} et {topic2} ?",
            "{Topic} : que faites-vous pour {group} ?",
            "Question sur {topic} après {n} mois",
            "Le CPAS peut-il refuser {topic} à {group} ?",
            "Des conseils pour {topic} dans un petit CPAS",
            "Collaboration avec {project} : {topic}",
            "Délai pour {topic} à {place}",
            "{Topic} et {topic2} : comment les combiner ?",
        ],
        "openings": [
            "Chez nous, cela fonctionne ainsi.",
            "Nous avons une bonne expérience avec cela.",
            "Cela dépend du CPAS.",
            "Voyez aussi la circulaire de {year}.",
            "Contactez {person}, qui connaît bien le sujet.",
            "Nous avions le même problème en {year}.",
        ],
        "sentences": [
            "Chez nous à {place}, {topic} prend en moyenne {n} semaines.",
            "Nous travaillons avec {project} pour {topic}.",
            "Depuis {year}, un tableau de suivi nous aide pour {topic}.",
            "Une famille avec {kids} enfants demande de l'aide pour {topic}.",
            "Les demandes concernant {topic} augmentent depuis {year}.",
            "{person} du CPAS de {place} a de l'expérience en la matière.",
            "Y a-t-il un lien entre {topic} et {topic2} ?",
            "Le CSSS a décidé en {year} d'accorder {topic} plus largement.",
            "Dossier {ref} : {topic} a été accordé après {n} jours.",
            "Notre atelier {project} aide surtout pour {topic}.",
            "Dans le thème {theme}, un projet est mené avec {project}.",
            "Pour {group}, nous réglons d'abord {topic}, ensuite {topic2}.",
        ],
        "broad": [
            "Beaucoup de primo-arrivants ne connaissent pas encore {topic}.",
            "Pour les primo-arrivants, {topic} est souvent la première question.",
            "Nous accompagnons les primo-arrivants pas à pas pour {topic}.",
            "Les primo-arrivants de {place} demandent souvent {topic}.",
        ],
        "fixed": [
            "L'assistant social prévoit un deuxième entretien avec un interprète.",
            "L'équipe discute des dossiers difficiles en intervision.",
            "Le PIIS est construit ensemble et expliqué en langage clair.",
            "L'article 60 est combiné avec des cours de français au travail.",
            "Le CSSS reçoit chaque année une évaluation.",
            "Les délais pour le revenu d'intégration diminuent grâce à une liste.",
            "Le dossier passe au comité dans le mois.",
            "Tout figure dans le rapport social.",
            "Une collègue de la médiation de dettes participe.",
            "L'usager reçoit un résumé écrit.",
            "Nous évaluons la démarche après six mois.",
            "Pour toute question, écrivez-nous.",
        ],
        "closings": [
            "Bien à vous, {first} ({place})",
            "Bon courage ! {first}",
            "{first}, CPAS de {place}",
        ],
    },
    "de": {
        "titles": [
            "Wie regelt ihr {topic} für {group}?",
            "Erfahrung mit {topic} in {place}?",
            "Wer weiß mehr über {topic} und {topic2}?",
            "{Topic}: was tut ihr für {group}?",
            "Frage zu {topic} nach {n} Monaten",
            "Darf das ÖSHZ {topic} für {group} verweigern?",
            "Tipps für {topic} in einem kleinen ÖSHZ",
            "Zusammenarbeit rund um {topic} mit {project}",
            "Wartezeit für {topic} in {place}",
            "{Topic} und {topic2}: wie verbindet ihr das?",
        ],
        "openings": [
            "Bei uns läuft das so.",
            "Damit haben wir gute Erfahrungen gemacht.",
            "Das ist je nach ÖSHZ verschieden.",
            "Schaut auch in das Rundschreiben von {year}.",
            "Wendet euch an {person}, die Person kennt das gut.",
            "Wir hatten dasselbe Problem im Jahr {year}.",
        ],
        "sentences": [
            "Bei uns in {place} dauert {topic} im Schnitt {n} Wochen.",
            "Wir arbeiten mit {project} für {topic} zusammen.",
            "Seit {year} nutzen wir ein {compound}, um {topic} zu begleiten.",
            "Eine Familie mit {kids} Kindern braucht Hilfe bei {topic}.",
            "Die Nachfrage nach {topic} ist seit {year} stark gestiegen.",
            "{person} vom ÖSHZ {place} hat damit Erfahrung.",
            "Gibt es einen Zusammenhang zwischen {topic} und {topic2}?",
            "Der Ausschuss beschloss {year}, {topic} großzügiger zu gewähren.",
            "Akte {ref}: {topic} wurde nach {n} Tagen gewährt.",
            "Unser {compound} hilft vor allem bei {topic}.",
            "Im Bereich {theme} läuft ein {compound} mit {project}.",
            "Für {group} regeln wir zuerst {topic}, danach {topic2}.",
        ],
        "broad": [
            "Viele Neuankömmlinge kennen {topic} noch nicht.",
            "Für Neuankömmlinge ist {topic} oft die erste Frage.",
            "Wir begleiten Neuankömmlinge Schritt für Schritt bei {topic}.",
            "Neuankömmlinge in {place} fragen oft nach {topic}.",
        ],
        "fixed": [
            "Die Sozialarbeiterin plant ein zweites Gespräch mit Dolmetscher.",
            "Das Team bespricht schwierige Akten in der Intervision.",
            "Das IPSI wird gemeinsam erstellt und in einfacher Sprache erklärt.",
            "Artikel 60 wird mit Deutschkursen am Arbeitsplatz verbunden.",
            "Der Sozialhilfeausschuss erhält jährlich eine Auswertung.",
            "Die Wartezeit für das Eingliederungseinkommen sinkt dank Checkliste.",
            "Die Akte geht innerhalb eines Monats an den Ausschuss.",
            "Alles steht im Sozialbericht.",
            "Eine Kollegin der Schuldnerberatung ist dabei.",
            "Der Klient erhält eine schriftliche Zusammenfassung.",
            "Wir werten den Ansatz nach sechs Monaten aus.",
            "Bei Fragen schreibt uns einfach.",
        ],
        "closings": [
            "Viele Grüße, {first} ({place})",
            "Viel Erfolg! {first}",
            "{first}, ÖSHZ {place}",
        ],
    },
    "en": {
        "titles": [
            "How do you arrange {topic} for {group}?",
            "Experience with {topic} in {place}?",
            "Who knows more about {topic} and {topic2}?",
            "{Topic}: what do you do for {group}?",
            "Question about {topic} after {n} months",
            "May the centre refuse {topic} to {group}?",
            "Tips for {topic} in a small centre",
            "Working with {project} on {topic}",
            "Waiting time for {topic} in {place}",
            "{Topic} and {topic2}: how do you combine them?",
        ],
        "openings": [
            "This is how it works here.",
            "We have good experience with that.",
            "It differs from centre to centre.",
            "See also the circular of {year}.",
            "Contact {person}, who knows this well.",
            "We had the same problem in {year}.",
        ],
        "sentences": [
            "Here in {place}, {topic} takes {n} weeks on average.",
            "We work with {project} on {topic}.",
            "Since {year} a tracking sheet helps us with {topic}.",
            "It concerns a family with {kids} children who need help with {topic}.",
            "Demand for {topic} has risen sharply since {year}.",
            "{person} of the centre in {place} has experience with this.",
            "Is there a link between {topic} and {topic2}?",
            "In {year} the committee decided to grant {topic} more widely.",
            "Case {ref}: {topic} was granted after {n} days.",
            "Our {project} workshop helps mostly with {topic}.",
            "Under the theme {theme}, a project runs with {project}.",
            "For {group} we arrange {topic} first, then {topic2}.",
        ],
        "broad": [
            "Many newcomers do not know about {topic} yet.",
            "For newcomers, {topic} is often the first question.",
            "We guide newcomers step by step with {topic}.",
            "Newcomers in {place} often ask about {topic}.",
        ],
        "fixed": [
            "The social worker plans a second interview with an interpreter.",
            "The team discusses difficult cases in peer consultation.",
            "The integration plan is drawn up together, in plain language.",
            "Article 60 work experience is combined with language lessons at work.",
            "The social welfare committee receives a yearly evaluation.",
            "Waiting times for the integration income fall thanks to a full checklist.",
            "The file goes to the committee within the month.",
            "Everything is in the social report.",
            "A colleague from debt counselling joins in.",
            "The client receives a written summary.",
            "We evaluate the approach after six months.",
            "Mail us with any questions.",
        ],
        "closings": [
            "Best wishes, {first} ({place})",
            "Good luck! {first}",
            "{first}, social welfare centre {place}",
        ],
    },
}


class _Zipf:
    """Draws from ``items`` with weight 1/(rank+1)."""

    def __init__(self, items):
        self.items = list(items)
        self.cumulative = list(accumulate(1 / (r + 1) for r in range(len(self.items))))

    def __call__(self, rng) -> str:
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect(self.cumulative, point)]


_TOPICS = {lang: _Zipf(words) for lang, words in TOPICS.items()}
_PREFIXES = {lang: _Zipf(parts[0]) for lang, parts in COMPOUNDS.items()}
_SUFFIXES = {lang: _Zipf(parts[1]) for lang, parts in COMPOUNDS.items()}
_PROJECTS = _Zipf(PROJECTS)
_SURNAMES = _Zipf(SURNAMES)


class TextMaker:
    """Titles and paragraphs in one of four languages.

    ``places``, ``themes`` and ``groups`` are model instances with ``name_in()``
    (municipalities, themes, target groups); a text may name any of them.
    """

    def __init__(self, rng: random.Random, *, places=(), themes=(), groups=()):
        self.rng = rng
        self.places = list(places)
        self.themes = list(themes)
        # Groups named after the broad word ("primo-arrivants en général") would
        # put it in more than BROAD_SHARE of the items.
        self.groups = [
            g
            for g in groups
            if not any(BROAD[lang].lower() in g.name_in(lang).lower() for lang in BROAD)
        ]

    def broad(self) -> bool:
        """Whether an item gets the broad word: true for ``BROAD_SHARE`` of them."""
        return self.rng.random() < BROAD_SHARE

    # --- slots ---------------------------------------------------------------
    def topic(self, language: str) -> str:
        return _TOPICS[language](self.rng)

    def compound(self, language: str) -> str:
        if language in _PREFIXES:
            return _PREFIXES[language](self.rng) + _SUFFIXES[language](self.rng)
        return f"{_PROJECTS(self.rng)} {self.topic(language)}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {_SURNAMES(self.rng)}"

    def _slot(self, name: str, language: str, place, group, theme):
        rng = self.rng
        if name in ("topic", "topic2"):
            return self.topic(language)
        if name == "compound":
            return self.compound(language)
        if name == "place":
            place = place or (rng.choice(self.places) if self.places else None)
            return place.name_in(language) if place else "Brussel"
        if name == "group":
            group = group or (rng.choice(self.groups) if self.groups else None)
            return (group.name_in(language) if group else "gezinnen").lower()
        if name == "theme":
            theme = theme or (rng.choice(self.themes) if self.themes else None)
            return (theme.name_in(language) if theme else "").lower()
        if name == "project":
            return _PROJECTS(rng)
        if name == "person":
            return self.person()
        if name == "first":
            return rng.choice(FIRST_NAMES)
        if name == "n":
            return rng.randint(2, 40)
        if name == "kids":
            return rng.randint(1, 8)
        if name == "year":
            return rng.randint(2016, 2026)
        if name == "ref":
            return f"{rng.randint(2019, 2026)}/{rng.randint(1, 9999):04d}"
        raise KeyError(name)

    def _fill(self, template: str, language: str, place=None, group=None, theme=None):
        """``template`` with its slots filled (only the slots it has are drawn)."""
        maker = self

        class Slots(dict):
            def __missing__(self, name):
                if name == "Topic":
                    topic = self["topic"]
                    return topic[:1].upper() + topic[1:]
                self[name] = maker._slot(name, language, place, group, theme)
                return self[name]

        return template.format_map(Slots())

    # --- texts ---------------------------------------------------------------
    def title(self, language: str, **context) -> str:
        return self._fill(
            self.rng.choice(BANKS[language]["titles"]), language, **context
        )

    def sentences(self, language: str, count: int, *, broad=False, **context) -> list:
        """``count`` sentences, plus one with the broad word when ``broad``."""
        bank = BANKS[language]
        rng = self.rng
        out = []
        for _ in range(count):
            if rng.random() < 0.3:
                out.append(rng.choice(bank["fixed"]))
            else:
                out.append(
                    self._fill(rng.choice(bank["sentences"]), language, **context)
                )
        if broad:
            sentence = self._fill(rng.choice(bank["broad"]), language, **context)
            out.insert(rng.randrange(len(out) + 1), sentence)
        return out

    def paragraphs(self, language: str, count: int, *, broad=False, **context) -> list:
        """``count`` paragraphs of one to three sentences (at most one broad one)."""
        at = self.rng.randrange(count) if broad else -1
        return [
            " ".join(
                self.sentences(
                    language, self.rng.randint(1, 3), broad=i == at, **context
                )
            )
            for i in range(count)
        ]

    def opening(self, language: str, **context) -> str:
        return self._fill(
            self.rng.choice(BANKS[language]["openings"]), language, **context
        )

    def closing(self, language: str, **context) -> str:
        return self._fill(
            self.rng.choice(BANKS[language]["closings"]), language, **context
        )


def paragraphs_html(paragraphs: list[str]) -> str:
    """The HTML ``render_markdown`` makes of plain paragraphs (no Markdown syntax)."""
    return "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
