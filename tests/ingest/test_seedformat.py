"""The seed text format's clean-up: captions and credits go, real paragraphs stay."""

from __future__ import annotations

import pytest

from store.errors import ParseProblem
from store.ingest.seedformat import parse_seed_text

LEAD = "Officials said on Monday that the talks would resume next week in Geneva."


def parse(*blocks: str, header: str = " date 2024-11-11 A headline") -> tuple[str, ...]:
    return parse_seed_text("\n\n".join((header, *blocks)) + "\n").paragraphs


@pytest.mark.parametrize(
    "credit",
    [
        "©",
        "© Reuters",
        "Getty Images",
        "Chris McGrath/Getty Images",
        "AFP via Getty Images",
        "Reuters/Evgenia Novozhenina",
        "REUTERS/Evelyn Hockstein/File Photo",
        "AP Photo/Evan Vucci",
        "Mikhail Klimentyev/Sputnik/Kremlin via REUTERS",
        "Photo: AFP",
        "Photograph: Alexander Zemlianichenko/AP",
        "Image source, Reuters",
        "Image caption, Dmitry Peskov speaks to reporters in Moscow on Monday",
        "Vladimir Putin at a meeting in Moscow on Friday. Photograph: Sergei Ilyin/AP",
        "(Photo by Chris McGrath/Getty Images)",
    ],
)
def test_photo_credit_lines_are_kept_out_of_the_body(credit: str) -> None:
    parsed = parse_seed_text(f" date 2024-11-11 Head\n\n{credit}\n\n{LEAD}\n")
    assert parsed.paragraphs == (LEAD,)
    assert parsed.captions == (credit,)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Reuters/Ipsos poll results",
        "Getty Images said on Monday it would cut 300 jobs.",
        "Sen. Lindsey Graham (R) said the call never happened.",
        "The photo agency AP said: “We stand by our reporting.”",
        "Reuters reported the call first.",
        "He said the photograph: it was taken in 2019.",
        "The image caption was wrong, the agency said.",
        "(Photos of the meeting were not released, the Kremlin said.) Peskov added more.",
    ],
)
def test_real_paragraphs_that_mention_agencies_or_markers_stay(paragraph: str) -> None:
    assert parse(LEAD, paragraph) == (LEAD, paragraph)


def test_a_position_marker_caption_goes_only_beside_a_photo_credit() -> None:
    caption = "U.S. President-elect Donald Trump (L) and Russian President Vladimir Putin."
    beside = parse_seed_text(
        f" date 2024-11-11 Head\n\n{caption}\n\n©\n\nChris McGrath/Getty Images\n\n{LEAD}\n"
    )
    assert beside.paragraphs == (LEAD,)
    assert beside.captions == (caption, "©", "Chris McGrath/Getty Images")
    alone = parse(LEAD, caption)
    assert alone == (LEAD, caption)


def test_a_caption_after_its_credit_goes_too() -> None:
    caption = "Protesters (C) march through Kyiv on Sunday."
    assert parse(LEAD, "Reuters/Gleb Garanich", caption, "More text follows here.") == (
        LEAD,
        "More text follows here.",
    )


@pytest.mark.parametrize(
    ("header", "headline", "credit"),
    [
        (
            " date 2024-11-11 Putin denies call. via Associated Press",
            "Putin denies call.",
            "via Associated Press",
        ),
        (" date 2024-11-11 Putin denies call via Reuters", "Putin denies call", "via Reuters"),
        (
            " date 2024-11-11 Putin denies call.” via The Moscow Times",
            "Putin denies call.”",
            "via The Moscow Times",
        ),
        (
            " date 2024-11-11 Travel to Kyiv via Poland gets harder",
            "Travel to Kyiv via Poland gets harder",
            None,
        ),
        (" date 2024-11-11 Pilgrims arrive via Rome", "Pilgrims arrive via Rome", None),
    ],
)
def test_a_trailing_credit_leaves_the_headline(header: str, headline: str, credit: str | None) -> None:
    parsed = parse_seed_text(f"{header}\n\n{LEAD}\n")
    assert (parsed.headline, parsed.credit) == (headline, credit)


def test_the_manifest_credit_is_taken_off_the_headline() -> None:
    parsed = parse_seed_text(
        " date 2024-11-11 Kremlin denies it, per Interfax news\n\nBody.\n", credit_hint="per Interfax news"
    )
    assert (parsed.headline, parsed.credit) == ("Kremlin denies it,", "per Interfax news")


def test_a_credit_paragraph_is_the_wire_credit() -> None:
    parsed = parse_seed_text(f" date 2024-11-11 Head\n\n{LEAD}\n\nvia Associated Press\n")
    assert (parsed.paragraphs, parsed.credit) == ((LEAD,), "via Associated Press")


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    assert parse("First line\nsecond line\n   third line", "Next.") == (
        "First line second line third line",
        "Next.",
    )


def test_paragraph_breaks_may_be_lines_of_spaces_or_several_blank_lines() -> None:
    text = " date 2024-11-11 Head\n \nOne.\n\t\n\n\nTwo.\n"
    assert parse_seed_text(text).paragraphs == ("One.", "Two.")


def test_the_date_is_handed_on_as_written() -> None:
    assert parse_seed_text(" date 2024-02-30 Head\n\nBody.").date_text == "2024-02-30"
    assert parse_seed_text("date 2024-11-11 Head\n\nBody.").date_text == "2024-11-11"


def test_a_header_without_a_headline_takes_the_first_paragraph() -> None:
    parsed = parse_seed_text(f" date 2024-11-11\n\n{LEAD}\n")
    assert (parsed.headline, parsed.paragraphs) == (LEAD, (LEAD,))


def test_a_file_of_only_credits_has_no_body() -> None:
    with pytest.raises(ParseProblem, match="no body text"):
        parse_seed_text(" date 2024-11-11 Head\n\n©\n\nGetty Images\n")
