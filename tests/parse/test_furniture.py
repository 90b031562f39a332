"""A transcript copied from a news site or saved from a page: the site's furniture (ads, "Lee
también", share buttons, newsletter, copyright and cookie notices, gob.mx's footer) is in no
turn and never in the brief, and a note says what was left out."""

from __future__ import annotations

import html
import json
import re

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.parse.furniture import is_furniture
from summarizer.testing import fake_models

from support import DATA

BRIEF = Summarizer(SummaryOptions(mode="extractive"), models=fake_models())
SOURCE = (DATA / "2022-04-27.excerpt.web.txt").read_text(encoding="utf-8")
BETWEEN = ["PUBLICIDAD", "Lee también: Sheinbaum presenta su gabinete de seguridad",
           "Te puede interesar: ¿Cuánto cuesta la gasolina hoy?", "Facebook Twitter WhatsApp Copiar enlace",
           "Más información: El INE aprueba el calendario electoral", "LEE TAMBIÉN",
           "Sheinbaum presenta su gabinete de seguridad"]
FOOTER = ["Temas relacionados: AMLO Mañanera Desinformación",
          "Suscríbete a nuestro newsletter y recibe las noticias más importantes",
          "Síguenos en Google News", "© 2022 Todos los derechos reservados. Prohibida su reproducción total o parcial.",
          "Utilizamos cookies propias y de terceros para mejorar tu experiencia de navegación. Al continuar aceptas "
          "nuestra política de cookies.", "Aceptar"]
MARKS = ["PUBLICIDAD", "Lee también", "LEE TAMBIÉN", "Te puede interesar", "Facebook", "Más información:",
         "Temas relacionados", "Suscríbete", "Síguenos", "©", "cookies", "Aceptar", "gabinete de seguridad"]


def news_copy() -> str:
    """The excerpt as a news site's page copies: a headline, a byline, share buttons, single line
    breaks, furniture between paragraphs and inside a reply (after its first paragraph, and
    right after its label), and the site's footer after the last words."""
    paragraphs = [line for line in SOURCE.splitlines() if line.strip()]
    out = ["AMLO: “Quién es quién en las mentiras” de la semana | Noticias", "Por Redacción | 27 de abril de 2022",
           "Compartir"]
    for i, paragraph in enumerate(paragraphs):
        out.append(paragraph)
        if i % 9 == 4:
            out += BETWEEN[(i // 9) % 5:(i // 9) % 5 + 1]
    replies = [i for i, p in enumerate(out) if p.startswith("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR:")]
    out[replies[-1] + 1:replies[-1] + 1] = BETWEEN[5:7]  # "LEE TAMBIÉN" + its headline, inside the last reply
    return "\n".join(out + FOOTER)


def _no_furniture(doc, summary) -> None:
    for turn in doc.turns:
        assert doc.text[turn.start:turn.end] == turn.text
        assert not [m for m in MARKS if m in turn.text], turn.text[:200]
    brief = summary.to_dict()
    for field, value in brief.items():
        if field not in ("warnings", "notes"):
            said = json.dumps(value, ensure_ascii=False)
            assert not [m for m in MARKS if m in said], (field, [m for m in MARKS if m in said])


def test_a_news_site_copy_has_no_furniture_in_any_turn_or_the_brief():
    text = news_copy()
    doc = parse_transcript(text)
    summary = BRIEF.summarize(doc, target="es")
    _no_furniture(doc, summary)
    clean = parse_transcript(SOURCE)
    spoken = lambda d: re.sub(r"\s+", " ", " ".join(t.text for t in d.turns))  # noqa: E731
    assert spoken(doc) == spoken(clean)  # every word said is there, nothing else
    assert summary.lead == BRIEF.summarize(clean, target="es").lead
    codes = [w.code for w in doc.warnings]
    assert "parse.truncated" not in codes
    note = next(w for w in doc.warnings if w.code == "parse.furniture")
    inserted = sum(line in BETWEEN + FOOTER for line in text.splitlines())  # "Compartir" above the transcript aside
    assert note.params == {"paragraphs": inserted, "first": "PUBLICIDAD"}
    assert note.render("en").startswith(f"{inserted} paragraphs of web-page furniture")
    assert note.render("es").startswith(f"{inserted} párrafos de elementos de la página web")
    assert "“PUBLICIDAD”" in note.render("es")


def test_a_reply_interrupted_by_furniture_goes_on_after_it():
    text = news_copy()
    doc = parse_transcript(text)
    at = text.index("LEE TAMBIÉN")
    before = max((t for t in doc.turns if t.end <= at), key=lambda t: t.end)
    after = min((t for t in doc.turns if t.start > at), key=lambda t: t.start)
    assert before.speaker.display == after.speaker.display == "López Obrador"
    assert before.label == after.label and after.attribution == "label"


def news_page() -> str:
    """The excerpt as a saved news page: navigation, a cookie banner, share buttons, an ad, a
    "Lee también" paragraph, related stories in an aside, a newsletter box, the footer."""
    body = []
    for i, paragraph in enumerate(line for line in SOURCE.splitlines() if line.strip()):
        label = re.match(r"^([A-ZÁÉÍÓÚÑ ,.()]+):(.*)$", paragraph)
        body.append(f"<p><strong>{html.escape(label.group(1))}:</strong>{html.escape(label.group(2))}</p>" if label
                    else f"<p>{html.escape(paragraph)}</p>")
        if i == 20:
            body.append('<div class="ad-slot"><span>PUBLICIDAD</span></div>')
        if i == 30:
            body.append('<p><strong>Lee también:</strong> <a href="/x">Sheinbaum presenta su gabinete de seguridad</a></p>')
        if i == 40:
            body.append('<aside class="related"><h3>Te puede interesar</h3><ul><li><a>El INE aprueba el calendario'
                        '</a></li></ul></aside>')
    return f"""<!DOCTYPE html><html><head><title>Mañanera</title><script>var x = "Facebook";</script></head><body>
<header><nav class="main-nav"><ul><li>Inicio</li><li>Nacional</li><li>Opinión</li></ul></nav></header>
<div id="cookie-consent">Utilizamos cookies para mejorar tu experiencia. <button>Aceptar</button></div>
<main><article><div class="share-buttons"><a>Facebook</a><a>Twitter</a><a>WhatsApp</a></div>
{''.join(body)}
<div class="newsletter-box"><p>Suscríbete a nuestro newsletter</p></div></article></main>
<footer><p>© 2022 Diario. Todos los derechos reservados.</p><p>Aviso de privacidad</p></footer></body></html>"""


def test_an_html_page_leaves_its_furniture_out_and_says_so():
    doc = parse_transcript(news_page().encode("utf-8"))
    summary = BRIEF.summarize(doc, target="es")
    _no_furniture(doc, summary)
    for word in ("Inicio", "Opinión", "Aviso de privacidad"):
        assert word not in doc.text
    note = next(w for w in doc.warnings if w.code == "parse.furniture")
    assert note.params["first"] == "Inicio"
    assert note.params["paragraphs"] >= 12  # menu, banner, buttons, ad, aside, newsletter, footer + "Lee también"
    assert [w.code for w in doc.warnings].count("parse.furniture") == 1
    assert summary.lead == BRIEF.summarize(parse_transcript(SOURCE), target="es").lead


def test_a_page_that_is_all_aside_is_read_whole():
    doc = parse_transcript(b"<html><body><aside><p>PRESIDENTE ANDR\xc3\x89S MANUEL L\xc3\x93PEZ OBRADOR: Buenos "
                           b"d\xc3\xadas.</p><p>PREGUNTA: \xc2\xbfY el tren?</p></aside></body></html>")
    assert [t.speaker.display for t in doc.turns] == ["López Obrador", "Reporter"]


@pytest.mark.parametrize("paragraph", [
    "PUBLICIDAD", "Lee también: Sheinbaum presenta su gabinete de seguridad", "LEE TAMBIÉN",
    "Te puede interesar: ¿Cuánto cuesta la gasolina?", "Más información: www.gob.mx", "Compartir",
    "Facebook Twitter WhatsApp", "Temas relacionados: AMLO Mañanera", "Relacionado: El INE aprueba el calendario",
    "Suscríbete a nuestro newsletter", "Síguenos en Google News", "© 2024 El Universal", "Imprime la página completa",
    "Usamos cookies propias y de terceros para mejorar tu experiencia.", "Aceptar todas",
    "La legalidad, veracidad y la calidad de la información es estricta responsabilidad de la dependencia",
])
def test_furniture(paragraph):
    assert is_furniture(paragraph)


@pytest.mark.parametrize("paragraph", [
    "Le puede interesar a la gente que vamos a seguir.", "Regístrate en la plataforma para recibir tu beca.",
    "Vamos a compartir la información.", "Más información en la página de la Secretaría.",
    "Relacionado con eso, vamos a informar.", "Relacionado a lo que usted comentó ayer, ¿tiene una respuesta?",
    "Datos.", "Gracias.", "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Lee también el documento.",
])
def test_speech_is_no_furniture(paragraph):
    assert not is_furniture(paragraph)
