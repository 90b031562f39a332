"""Personal names as a journalist prints them, from the Spanish of a speaker label.

* `key_of` — the accent-stripped, upper-case, punctuation-free form every comparison of
  names, titles and labels uses;
* `title_case` — Spanish title case (particles and small words lower case, acronyms kept);
* `display_name("LUIS CRESENCIO SANDOVAL GONZÁLEZ")` → "Luis Cresencio Sandoval":
  the maternal surname dropped, particles in lower case, compound surnames
  ("Curiel de Icaza", "Sansores San Román") and people known by both surnames
  ("López Obrador", "García Harfuch") kept whole.
"""

from __future__ import annotations

import re
import unicodedata


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def key_of(text: str) -> str:
    """The form every comparison of names, titles and labels uses: invisible characters
    removed, accents stripped, upper case, punctuation and runs of white space as one space."""
    text = strip_accents(text.translate(_INVISIBLE)).upper()
    text = re.sub(r"[^A-Z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------ title case

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos", "van", "von", "der"})
# Lower case inside titles and institution names (never as the first word).
SMALL_WORDS = PARTICLES | {
    "a", "al", "o", "u", "en", "para", "por", "con", "sin", "sobre", "entre", "contra", "desde",
    "hacia", "hasta", "ante", "bajo", "tras", "el", "un", "una",
}
ACRONYMS = frozenset({
    "IMSS", "ISSSTE", "INFONAVIT", "FOVISSSTE", "CFE", "PEMEX", "SEDENA", "SEMAR", "SEGOB", "SRE",
    "SEP", "SAT", "UIF", "INE", "INAH", "INPI", "CONAGUA", "PROFECO", "PROFEPA", "CONAVI",
    "CONAVIM", "INSUS", "FONATUR", "UNAM", "IPN", "CCO", "ONU", "FGR", "SHCP", "SICT", "SSPC",
    "SEDATU", "CONAPRED", "ASIPONA", "AMAFORE", "INMUJERES", "FINABIEN", "SEMARNAT", "SENER",
    "SADER", "CDMX", "AIFA", "AICM", "GN", "SA", "CV", "II", "III", "IV", "VI", "VII", "VIII",
    "IX", "XI", "XII", "XX", "XXI", "CONACYT", "CONAHCYT", "SECIHTI", "LICONSA", "DICONSA",
    "SEGALMEX", "BIENESTAR", "UNICEF", "OMS", "OPS", "OEA", "FMI", "BID", "EU", "EUA", "USA",
    "TMEC", "T-MEC", "CNDH", "INEGI", "CONEVAL", "CRE", "CNH", "ASF", "SFP", "SSA", "SNTE",
    "CNTE", "IFT", "CENAPRED", "SMN", "CONADE", "CJF", "SCJN", "TEPJF", "ISSFAM", "BANXICO",
    "CIDE", "CECYT", "ADN", "TV", "UAM", "ITAM",
}) - {"BIENESTAR"}


def _cap(word: str) -> str:
    """Capitalise the first letter of ``word`` (after any opening quote or bracket)."""
    for i, char in enumerate(word):
        if char.isalpha():
            return word[:i] + char.upper() + word[i + 1:].lower()
    return word.lower()


def title_case(text: str, *, small_words: frozenset[str] = SMALL_WORDS, first: bool = True) -> str:
    """``MARINA DEL PILAR ÁVILA`` → ``Marina del Pilar Ávila``; keeps acronyms and hyphens.

    Words in parentheses that are all capitals stay so (``(IMSS)``), as do known
    acronyms, dotted abbreviations (``S.A.``) and Roman numerals.
    """
    words = []
    for i, word in enumerate(text.split()):
        core = word.strip("()[]“”\"‘’'.,;:«»")
        bare = strip_accents(core).upper()
        if core and (bare in ACRONYMS or (word.startswith("(") and core.isupper() and len(core) <= 12)
                     or re.fullmatch(r"[A-ZÁÉÍÓÚÑ](?:\.[A-ZÁÉÍÓÚÑ])+\.?", core)):
            words.append(word)
        elif (i > 0 or not first) and word.lower() in small_words:
            words.append(word.lower())
        else:
            words.append("-".join(_cap(part) for part in word.split("-")))
    return " ".join(words)


# ------------------------------------------------------------------ display names

# People known by both surnames, or otherwise not served by the generic rule
# (accent-stripped name key → display).
DISPLAY_EXCEPTIONS = {
    "ANDRES MANUEL LOPEZ OBRADOR": "López Obrador",
    "CLAUDIA SHEINBAUM PARDO": "Sheinbaum",
    "CLAUDIA SHEINBAUM": "Sheinbaum",
    "OMAR GARCIA HARFUCH": "García Harfuch",
    "ROSA ICELA RODRIGUEZ VELAZQUEZ": "Rosa Icela Rodríguez",
    "MARCELO EBRARD CASAUBON": "Marcelo Ebrard",
    "JESUS RAMIREZ CUEVAS": "Jesús Ramírez",
    "HUGO LOPEZ GATELL RAMIREZ": "López-Gatell",
    "HUGO LOPEZ GATELL": "López-Gatell",
    "LIBIA DENNISE GARCIA MUNOZ LEDO": "Libia Dennise García Muñoz Ledo",
    "ALEJANDRO GERTZ MANERO": "Gertz Manero",
    "OLGA SANCHEZ CORDERO": "Olga Sánchez Cordero",
}

# Given names, accent-stripped: a three-word name whose middle word is one of
# these is "First Middle Surname" ("Irma Eréndira Sandoval"), not
# "First Surname Surname" ("Arturo Herrera Gutiérrez").
GIVEN_NAMES = frozenset("""
AARON ABEL ABIGAIL ABRAHAM ADAN ADELA ADELFO ADOLFO ADRIAN ADRIANA AGUSTIN AIDA ALAN ALBA ALBERTO
ALEJANDRA ALEJANDRO ALFONSO ALFREDO ALICIA ALINE ALMA ALONDRA ALVARO AMADO AMALIA AMERICO AMPARO
ANA ANAIS ANDREA ANDRES ANGEL ANGELA ANGELES ANGELICA ANTONIA ANTONIO ARACELI ARACELY ARIADNA ARIEL
ARMANDO ARTURO AURELIO AURORA BEATRIZ BELEN BENITO BENJAMIN BERENICE BERTHA BLANCA BRENDA BRUNO
CAMILA CANDELARIA CARLA CARLOS CARMEN CAROLINA CATALINA CECILIA CELIA CESAR CINTHIA CITLALLI CLARA
CLAUDIA CONCEPCION CONSUELO CRISTIAN CRISTINA CUAUHTEMOC DAMIAN DANIEL DANIELA DARIO DAVID DELFINA
DEMIAN DENISSE DENNISE DIANA DIEGO DOLORES DULCE EDGAR EDITH EDNA EDUARDO ELENA ELIAS ELISA ELIZABETH
ELSA ELVIRA EMILIA EMILIANO EMILIO EMMA ENRIQUE ERENDIRA ERIKA ERNESTO ESPERANZA ESTEBAN ESTELA
ESTHER ESTRELLA EUGENIA EVA EVELYN FABIAN FABIOLA FATIMA FEDERICO FELIPE FELIX FERNANDA FERNANDO
FIDEL FLOR FLORA FRANCISCA FRANCISCO GABRIEL GABRIELA GENARO GERARDO GERMAN GILBERTO GISELA GLORIA
GONZALO GRACIELA GREGORIO GRISELDA GUADALUPE GUILLERMO GUSTAVO HECTOR HERIBERTO HILDA HORACIO HUGO
IGNACIO IKER ILIANA IMELDA INES INGRID IRENE IRMA ISABEL ISRAEL IVAN IVONNE JACQUELINE JAIME JANET
JAVIER JAZMIN JENNIFER JESSICA JESUS JOAO JOAQUIN JORGE JOSE JOSEFINA JUAN JUANA JULIA JULIAN JULIETA
JULIO KAREN KARINA KARLA KATYA LAURA LAYDA LETICIA LIDIA LILIA LILIANA LINDA LIZBETH LORENA LOURDES
LUCIA LUCIO LUIS LUISA LUZ MAGDALENA MANUEL MANUELA MARCELA MARCELO MARCO MARGARITA MARIA MARIANA
MARIANO MARICELA MARINA MARIO MARISELA MARISOL MARTHA MAURICIO MAXIMILIANO MAYRA MELISSA MERCEDES
MIGUEL MIRANDA MIREYA MIRIAM MONICA MONTSERRAT NADIA NADINE NANCY NATALIA NAYELI NELLY NICOLAS NOE
NOEMI NORMA OCTAVIO OFELIA OLGA OLIVIA OMAR ORLANDO OSCAR PABLO PAMELA PAOLA PATRICIA PAULA PAULINA
PEDRO PILAR RAFAEL RAMIRO RAMON RAQUEL RAUL RAYMUNDO REBECA REFUGIO REGINA RENATA RENE REYNA RICARDO
ROBERTO ROCIO RODOLFO RODRIGO ROGELIO ROMAN ROSA ROSALBA ROSARIO RUBEN RUTH RUY SALOMON SAMUEL
SANDRA SARA SAUL SERGIO SILVANO SILVIA SOFIA SONIA SUSANA TANIA TERESA TIFFANY ULISES URSULA
VALENTINA VALERIA VANESSA VERONICA VICTOR VICTORIA VIRGINIA VIVIANA WENDY XIMENA XOCHITL YAZMIN
YESENIA YOLANDA ZOE
ABEL ABELARDO ABIGAIL ADALBERTO ADELAIDA ADELINA AGUSTINA ALBINO ALDO ALEIDA ALEX ALEXIS ALFONSINA
ALMUDENA AMANDA AMPARO ANABEL ANAHI ANDRESA ANGELINA ANSELMO ANTONIETA APOLINAR ARCELIA ARISTEO
ARNOLDO ARTEMIO AUGUSTO AURELIA AXEL BALTAZAR BARBARA BEGONA BENIGNO BERNARDINO BERNARDO BETTY
BIBIANA BLAS BONIFACIO BRAULIO BRIANDA CAMILO CANDIDO CARIDAD CARMELA CARMELO CASANDRA CELESTE
CELSO CESARIO CIRILO CIRO CITLALI CLAUDIO CLEMENTE CONRADO CORAL CORINA CORNELIO CRISPIN CRISTOBAL
CUAUHTEMOC DALIA DALILA DAMARIS DANIELA DEBORA DELIA DIONISIO DOMITILA DORA DOROTEO EDITH EDMUNDO
EFRAIN EFREN ELADIO ELEAZAR ELIAS ELIGIO ELISEO ELOISA ELOY ELVA EMMANUEL ENEDINA EPIGMENIO ERASMO
ERIC ERICK ESMERALDA EUSEBIO EVANGELINA EZEQUIEL FAUSTO FELICIANO FERMIN FIDENCIO FILIBERTO
FLORENCIO FLORENTINO FRIDA GABINO GALILEA GASPAR GENOVEVA GEORGINA GERONIMO GILDARDO GISELLE
GONZALO GRECIA HAYDEE HECTOR HERIBERTO HERMELINDA HERMINIA HILARIO HIPOLITO HOMERO HUMBERTO IDALIA
IGNACIA IRAIS IRASEMA ISAAC ISAIAS ISELA ISIDRO ISMAEL ITZEL IVETTE JACINTO JAEL JAZMIN JENARO
JEREMIAS JERONIMO JOEL JONATHAN JORDAN JOSUE JOVITA JUDITH JUSTINO JUVENTINO LAZARO LEOBARDO LEON
LEONARDO LEONEL LEONOR LEOPOLDO LIBIA LINO LIZ LIZANDRO LORENA LORENZO LUCERO LUCIANO LUPITA
MACARIO MAITE MARCIAL MARGARITO MARIBEL MARILU MARINO MARTIN MATEO MATIAS MAURO MAXIMINO MAYA
MELCHOR MIGUELINA MILAGROS MINERVA MIRNA MISAEL MODESTO MOISES NAHUM NAPOLEON NARCISO NATIVIDAD
NAYELY NELSON NEPTALI NESTOR NICANOR NOEL NORBERTO OBDULIA ODILON OLEGARIO OLIVERIO OSVALDO OTILIA
PAOLA PASCUAL PATRICIO PERLA PLACIDO PORFIRIO PRISCILA PRUDENCIO QUETZALLI RAFAELA REINA REMEDIOS
RENATO REYES REYNALDO RIGOBERTO ROCIO ROGELIO ROMEO ROMULO ROSAURA ROSENDO RUFINO SABINA SALVADOR
SAMANTHA SANTIAGO SANTOS SELENE SERAFIN SEVERIANO SILVESTRE SIMON SOCORRO SOLEDAD TADEO TELESFORO
TEODORO TEOFILO TERE TIBURCIO TOMAS TRINIDAD ULISES URBANO VALENTIN VENUSTIANO VICENTE VIRGILIO
WILFRIDO XAVIER YAHIR YARETH YOLOTZIN ZACARIAS ZEFERINO ZULEMA ZAIRA DELFINA CANDELARIA NADINE
INDIRA AMERICO MANOLO MAIRIM ARIBELLE UJYOLI YELITZA MARATH MAURICIO ROSALBA JOSHUA TIFFANY
""".split())

# Given names that are common surnames too: never proof that a middle word is a given name.
_SURNAME_NAMES = frozenset({"CRUZ", "LEON", "SANTOS", "REYES", "MARTIN", "VICENTE", "LORENZO", "TOMAS",
                            "SALVADOR", "SANTIAGO", "SIMON", "MARINO", "ROMAN", "RAMON", "ISIDRO", "MAYA"})

# Words that start a compound surname with the word after them ("San Román").
_SURNAME_PREFIXES = {"SAN", "SANTA", "MC", "MAC", "MUNOZ"}


def _units(words: list[str]) -> list[list[str]]:
    """Group a name's words: particles attach to the word after them
    (``del Pilar``, ``de la O``), surname prefixes too (``San Román``)."""
    units: list[list[str]] = []
    pending: list[str] = []
    for word in words:
        if re.fullmatch(r"\w\.", word) and units and not pending:
            units[-1].append(word)  # an initial: "DONALD J. TRUMP"
            continue
        pending.append(word)
        bare = key_of(word)
        if word.lower() in PARTICLES or (bare in _SURNAME_PREFIXES and units):
            continue
        units.append(pending)
        pending = []
    if pending:
        if units:
            units[-1].extend(pending)
        else:
            units.append(pending)
    return units


def display_name(name: str) -> str:
    """The short name a journalist prints for an upper-case personal name."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;“”\"‘’'")
    key = key_of(name)
    if key in DISPLAY_EXCEPTIONS:
        return DISPLAY_EXCEPTIONS[key]
    words = name.split()
    units = _units(words)
    keep = units
    if len(units) >= 4:
        keep = units[:-1]
    elif len(units) == 3:
        middle = key_of(" ".join(units[1]))
        last_has_particle = units[2][0].lower() in PARTICLES
        if not last_has_particle and (middle not in GIVEN_NAMES or middle in _SURNAME_NAMES):
            keep = units[:-1]
    if len(units) >= 4 and units[-1][0].lower() in PARTICLES:
        keep = units  # "José Alfonso Suárez del Real": a compound surname, no maternal one
    return title_case(" ".join(w for unit in keep for w in unit), small_words=PARTICLES)
