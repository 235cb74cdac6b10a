//! The PDF export read back with lopdf: Norwegian text, layout over pages, edge cases.
use super::pdf::plan_pdf;
use chrono::NaiveDate;
use samskap_domain::plan::model::*;
use uuid::Uuid;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn measure(number: &str, title: &str) -> PlannedMeasure {
    PlannedMeasure {
        id: Uuid::new_v4(),
        number: number.into(),
        status: MeasureStatus::Adopted,
        title: title.into(),
        what: "Vi åpner skolegården på kveldstid og i helgene, rigger til benker, lys og et lite \
               verksted der ungdom og eldre kan møtes, reparere sykler og lage mat sammen. \
               Tiltaket bygger på ønsker fra beboermøtene i Groruddalen – «et sted å være uten å \
               måtte kjøpe noe» – og skal prøves ut i tre måneder før vi vurderer drift videre. "
            .repeat(2),
        expected_result:
            "Flere unge og eldre bruker området; færre opplever ensomhet. Økt trygghet \
                          på kveldstid, målt i nabolagsundersøkelsen."
                .into(),
        funding: Funding {
            grant: 200_000,
            municipality: 100_000,
            other_grants: 0,
            carried_over: 0,
        },
        starts_on: day(2026, 3, 1),
        ends_on: day(2026, 11, 30),
        partners:
            "Frivilligsentralen, Ungdomsrådet, Bydel Stovner, borettslagene Høybråten og Fossum"
                .into(),
        contribution: "Bidrar til hovedmålet om gode og inkluderende bomiljøer.".into(),
        owner: "Enhet for kultur og frivillighet (Åse Ødegård)".into(),
        indicators: "Antall besøkende per kveld; andel unge blant deltakerne; tilbakemeldinger."
            .into(),
        goals: vec![
            "Delmål 1: Flere møteplasser på tvers av generasjoner".into(),
            "Delmål 3: Økt trygghet".into(),
        ],
        risks: vec![Risk {
            id: Uuid::new_v4(),
            risk: "Lav oppslutning om vinteren".into(),
            probability: RiskLevel::Medium,
            consequence: RiskLevel::High,
            mitigation: "Flytte innendørs til nærmiljøsenteret i desember–februar".into(),
        }],
        evidence: EvidenceSummary {
            participants: 48,
            youth: 19,
            insights: 12,
            ideas: 7,
            versions: 3,
            rounds: vec![RoundBrief {
                version: 2,
                place: "Stovner senter".into(),
                target_group: "ungdom 13–19 år".into(),
                date: day(2025, 10, 14),
                answers: 31,
                mean_rating: Some(4.25),
            }],
            ..EvidenceSummary::default()
        },
    }
}

fn plan(sections: Vec<PlanSection>) -> PlanSnapshot {
    PlanSnapshot {
        programme: "Områdeløft Stovner".into(),
        year: 2026,
        version: 2,
        status: PlanStatus::Sent,
        adoption: Some(Adoption {
            adopted_on: day(2025, 12, 10),
            adopted_by: "Styringsgruppen".into(),
            sent_on: Some(day(2025, 12, 15)),
        }),
        frame_nok: 800_000,
        carried_in_nok: 0,
        sections,
    }
}

fn small_plan() -> PlanSnapshot {
    plan(vec![
        PlanSection {
            focus_area: "Møteplasser og bomiljø".into(),
            measures: vec![
                measure("1.1", "Åpen skolegård"),
                measure("1.2", "Kveldsverksted for sykkelreparasjon"),
            ],
        },
        PlanSection {
            focus_area: String::new(),
            measures: vec![measure("2.1", "Språkkafé på biblioteket")],
        },
    ])
}

fn big_plan() -> PlanSnapshot {
    let measures = (1..=100)
        .map(|n| measure(&format!("1.{n}"), "Møteplass i nærmiljøet"))
        .collect();
    plan(vec![PlanSection {
        focus_area: "Møteplasser".into(),
        measures,
    }])
}

fn text_of(pdf: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (
        pages.len(),
        doc.extract_text(&pages).expect("text extracts"),
    )
}

#[test]
fn the_plan_is_a_pdf_with_its_norwegian_text() {
    let bytes = plan_pdf(&small_plan()).expect("renders");
    assert!(bytes.starts_with(b"%PDF-"));
    let (_, text) = text_of(&bytes);
    for expected in [
        "Handlingsplan 2026 – Områdeløft Stovner",
        "Versjon 2 · Sendt departementet",
        "Vedtatt av Styringsgruppen 10.12.2025",
        "Møteplasser og bomiljø",
        "Uten innsatsområde",
        "1.1 Åpen skolegård",
        "HVA skal vi gjøre for å nå målet?",
        "Groruddalen –",
        "«et sted å være uten å måtte kjøpe noe» – og",
        "300 000 kr",
        "Tilskudd fra områdesatsingen: 200 000 kr",
        "01.03.2026 – 30.11.2026",
        "• Delmål 1: Flere møteplasser på tvers av generasjoner",
        "Lav oppslutning om vinteren (sannsynlighet: Middels, konsekvens: Høy): Flytte",
        "48 deltakere bidro, 19 av dem unge. Bygger på 12 innsikter og 7 idéer, med 3 prototypeversjoner.",
        "Test av versjon 2 14.10.2025 på Stovner senter (ungdom 13–19",
        "Budsjett 2026",
        "Overført fra",
        "900 000 kr",
        "Årets ramme",
        "Advarsel: planen er 100 000 kr over årets",
        "Side 1 av",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
}

/// Every Norwegian, Sámi (North, Lule, South) and Polish letter, and Ukrainian Cyrillic.
const LETTERS: &str = "æøåÆØÅ áčđŋšŧžÁČĐŊŠŦŽ äöïÄÖÏ ąćęłńóśźżĄĆĘŁŃÓŚŹŻ абвгґдеєжзиіїйклмнопрстуфхцчшщьюяЄІЇҐ «»–—’“”·•";

#[test]
fn sami_polish_and_cyrillic_letters_print() {
    let mut plan = small_plan();
    plan.sections[0].measures[0].title = format!("Árran – {LETTERS}");
    plan.sections[0].measures[0].owner = "Łukasz Żółć og Máret Ŋuolga-Čađa".into();
    let bytes = plan_pdf(&plan).expect("renders");
    let (_, text) = text_of(&bytes);
    for expected in LETTERS
        .split(' ')
        .chain(["Łukasz Żółć og Máret Ŋuolga-Čađa"])
    {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The letters are drawn from the embedded font, not a built-in one (whose WinAnsi
    // encoding has no č, đ, ŋ, ŧ, ł, ż …).
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    let dump = format!("{:?}", doc.objects);
    assert!(dump.contains("FontFile2"), "the font is embedded");
    assert!(!dump.contains("Helvetica"), "no built-in font is used");
    for c in LETTERS.chars().filter(|c| !c.is_whitespace()) {
        for bold in [false, true] {
            assert!(
                super::pdf_layout::has_glyph(c, bold),
                "the font has no glyph for {c:?}"
            );
        }
    }
}

#[test]
fn a_character_the_font_lacks_prints_as_a_replacement() {
    let mut plan = small_plan();
    plan.sections[0].measures[0].title = "Sykkelverksted 👍🎉 for alle".into();
    let (_, text) = text_of(&plan_pdf(&plan).expect("renders"));
    assert!(
        text.contains("Sykkelverksted \u{FFFD}\u{FFFD} for alle"),
        "{text}"
    );
    assert!(!text.contains('👍'));
}

#[test]
fn a_hundred_measures_flow_over_many_pages() {
    let plan = big_plan();
    let started = std::time::Instant::now();
    let bytes = plan_pdf(&plan).expect("renders");
    println!(
        "100 measures: {} ms, {} bytes",
        started.elapsed().as_millis(),
        bytes.len()
    );
    let (pages, text) = text_of(&bytes);
    println!("{pages} pages");
    assert!(pages > 1);
    assert!(text.contains(&format!("Side {pages} av {pages}")));
    assert!(text.contains("1.100 Møteplass i nærmiljøet"));
    assert!(
        text.contains("30 000 000 kr"),
        "the total of 100 × 300 000 kr"
    );
}

#[test]
fn an_empty_plan_still_renders() {
    let mut empty = plan(Vec::new());
    empty.adoption = None;
    empty.status = PlanStatus::Draft;
    let (pages, text) = text_of(&plan_pdf(&empty).expect("renders"));
    assert_eq!(pages, 1);
    assert!(text.contains("Versjon 2 · Utkast"));
    assert!(text.contains("Ingen prioriterte tiltak."));
    assert!(!text.contains("over årets ramme"));
}

#[test]
fn an_unbreakable_word_is_cut_to_the_line() {
    let mut plan = small_plan();
    plan.sections[0].measures[0].partners = format!("https://example.no/{}", "øå".repeat(150));
    let (_, text) = text_of(&plan_pdf(&plan).expect("renders"));
    let pieces: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.starts_with("https://") || (!l.is_empty() && l.chars().all(|c| "øå".contains(c)))
        })
        .collect();
    assert!(pieces.len() > 2, "cut into several lines: {pieces:?}");
    assert_eq!(pieces.concat(), plan.sections[0].measures[0].partners);
}
