//! A report's sections as printed, in Norwegian: generated paragraphs and tables from
//! the figures and the records of the period, each followed by the municipality's text.
use super::figures::{day_of, in_period, workshops_of, Sources};
use crate::plan::nb;
use samskap_domain::follow_up::indicator::format_value;
use samskap_domain::follow_up::model::{needs_update, FundingSource, DEFAULT_STALE_DAYS};
use samskap_domain::plan::model::{Funding, MeasureStatus};
use samskap_domain::report::model::{
    Cell, Figures, Report, ReportDocument, ReportKind, Row, Section, SectionKey, Table,
};

/// The report's document: its figures and every section of its kind, with `texts`.
pub fn document(report: &Report, src: &Sources, texts: &[(SectionKey, String)]) -> ReportDocument {
    let figures = super::figures::figures(report, src);
    let sections = report
        .kind
        .sections()
        .iter()
        .map(|&key| {
            let mut section = Section {
                key,
                heading: heading(key).to_string(),
                paragraphs: Vec::new(),
                tables: Vec::new(),
                text: texts
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default(),
            };
            fill(&mut section, report, src, &figures);
            section
        })
        .collect();
    ReportDocument {
        programme: src.programme.fields.name.clone(),
        kind: report.kind,
        title: title(report),
        year: report.year,
        from: report.from,
        to: report.to,
        frozen: None,
        figures,
        sections,
    }
}

/// "Årsrapport 2025", "Halvårsrapport 2025", "Statusrapport til styringsgruppen 01.06.2025–10.09.2025".
pub fn title(report: &Report) -> String {
    match report.kind {
        ReportKind::Annual => format!("Årsrapport {}", report.year),
        ReportKind::HalfYear => format!("Halvårsrapport {}", report.year),
        ReportKind::Status => format!(
            "Statusrapport til styringsgruppen {}–{}",
            nb::date(report.from),
            nb::date(report.to)
        ),
    }
}

pub fn heading(key: SectionKey) -> &'static str {
    match key {
        SectionKey::Summary => "Sammendrag",
        SectionKey::Changes => "Hva har skjedd siden sist",
        SectionKey::Money => "Bruk av midler",
        SectionKey::Decisions => "Saker til beslutning",
        SectionKey::Risks => "Risiko",
        SectionKey::Measures => "Aktiviteter og resultater per innsatsområde",
        SectionKey::Indicators => "Måloppnåelse: indikatorer",
        SectionKey::Participation => "Medvirkning",
        SectionKey::Barriers => "Strukturelle barrierer",
        SectionKey::Learning => "Læring",
        SectionKey::OrdinaryServices => "Videreføring i ordinær drift",
    }
}

/// A funding source's column name in the plan template.
pub fn source_name(source: FundingSource) -> &'static str {
    match source {
        FundingSource::Grant => nb::GRANT,
        FundingSource::Municipality => nb::MUNICIPALITY,
        FundingSource::OtherGrants => nb::OTHER_GRANTS,
        FundingSource::CarriedOver => nb::CARRIED_OVER,
    }
}

fn fill(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    match section.key {
        SectionKey::Summary => section.paragraphs = summary(report, f),
        SectionKey::Money => section.tables = money(report, f),
        SectionKey::Changes => changes(section, report, src),
        SectionKey::Decisions => decisions(section, report, src, f),
        SectionKey::Risks => risks(section, report, src, f),
        SectionKey::Measures => measures(section, report, src, f),
        SectionKey::Indicators => indicators(section, f),
        SectionKey::Participation => participation(section, report, src, f),
        SectionKey::Barriers => barriers(section, report, src),
        SectionKey::Learning => learning(section, f, src),
        SectionKey::OrdinaryServices => ordinary(section, report, src, f),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        total: false,
    }
}

fn total_row(cells: Vec<Cell>) -> Row {
    Row { cells, total: true }
}

fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "–".into()
    } else {
        format!("{} %", (part * 100 + whole / 2) / whole)
    }
}

fn status_name(m: &samskap_domain::report::model::MeasureFigures) -> &'static str {
    if m.stopped {
        "Stoppet"
    } else {
        nb::measure_status(m.status)
    }
}

fn summary(report: &Report, f: &Figures) -> Vec<String> {
    let count = |pred: &dyn Fn(&samskap_domain::report::model::MeasureFigures) -> bool| {
        f.measures.iter().filter(|m| pred(m)).count()
    };
    let running =
        count(&|m| matches!(m.status, MeasureStatus::Adopted | MeasureStatus::InProgress));
    let done = count(&|m| m.status == MeasureStatus::Done);
    let stopped = count(&|m| m.stopped);
    let youth = f
        .participation
        .youth_share
        .map(|s| format!(", {s} % av dem unge"))
        .unwrap_or_default();
    vec![
        format!("Perioden: {}.", nb::period(report.from, report.to)),
        format!(
            "Brukt i perioden: {} av {} planlagt for {} ({}).",
            nb::nok(f.spent.total()),
            nb::nok(f.planned.total()),
            report.year,
            percent(f.spent.total(), f.planned.total())
        ),
        format!(
            "{} tiltak fulgt opp, status per {}: {running} vedtatt eller i gang, {done} fullført, {stopped} stoppet.",
            f.measures.len(),
            nb::date(f.status_on)
        ),
        format!(
            "{} verksteder med {} deltakere{youth}.",
            f.participation.workshops, f.participation.participants
        ),
    ]
}

fn money(report: &Report, f: &Figures) -> Vec<Table> {
    let status = report.kind == ReportKind::Status;
    let mut columns = vec![
        "Finansieringskilde".to_string(),
        format!("Planlagt {}", report.year),
    ];
    if status {
        columns.push("Brukt i perioden".into());
        columns.push("Brukt hittil i år".into());
    } else {
        columns.push("Brukt".into());
    }
    columns.push("Gjenstår".into());
    let line = |name: &str, planned: i64, spent: i64, to_date: i64| {
        let mut cells = vec![text(name), Cell::Nok(planned), Cell::Nok(spent)];
        if status {
            cells.push(Cell::Nok(to_date));
        }
        cells.push(Cell::Nok(planned - to_date));
        cells
    };
    let to_date = |s: &Funding, source: Option<FundingSource>| match source {
        Some(source) => source.of(s),
        None => s.total(),
    };
    let ytd = if status {
        &f.spent_year_to_date
    } else {
        &f.spent
    };
    let mut rows: Vec<Row> = FundingSource::ALL
        .iter()
        .map(|&s| {
            row(line(
                source_name(s),
                s.of(&f.planned),
                s.of(&f.spent),
                to_date(ytd, Some(s)),
            ))
        })
        .collect();
    rows.push(total_row(line(
        nb::TOTAL,
        f.planned.total(),
        f.spent.total(),
        ytd.total(),
    )));
    let by_source_columns = columns.clone();
    let by_source = Table {
        caption: "Planlagt og brukt etter finansieringskilde".into(),
        columns,
        rows,
    };
    let mut rows: Vec<Row> = f
        .by_area
        .iter()
        .map(|a| {
            let year = if status {
                a.spent_year_to_date.total()
            } else {
                a.spent.total()
            };
            row(line(
                nb::focus_area(&a.name),
                a.planned.total(),
                a.spent.total(),
                year,
            ))
        })
        .collect();
    rows.push(total_row(line(
        nb::TOTAL,
        f.planned.total(),
        f.spent.total(),
        ytd.total(),
    )));
    let mut area_columns = by_source_columns.clone();
    area_columns[0] = "Innsatsområde".into();
    let by_area = Table {
        caption: "Planlagt og brukt etter innsatsområde".into(),
        columns: area_columns,
        rows,
    };
    vec![by_source, by_area]
}

fn title_of(src: &Sources, id: uuid::Uuid) -> String {
    src.measures
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.fields.title.clone())
        .unwrap_or_default()
}

/// "in_progress → done: reason" from the audit trail, in Norwegian.
fn status_move(detail: &str) -> String {
    let name = |s: &str| {
        s.trim()
            .parse::<MeasureStatus>()
            .map(nb::measure_status)
            .unwrap_or("?")
    };
    let (moves, reason) = match detail.split_once(": ") {
        Some((moves, reason)) => (moves, Some(reason)),
        None => (detail, None),
    };
    let mut out = match moves.split_once('→') {
        Some((from, to)) => format!("{} → {}", name(from), name(to)),
        None => moves.to_string(),
    };
    if let Some(reason) = reason {
        out.push_str(&format!(" ({reason})"));
    }
    out
}

fn changes(section: &mut Section, report: &Report, src: &Sources) {
    let entries: Vec<_> = src
        .ledger
        .iter()
        .filter(|e| in_period(report, e.spent_on))
        .collect();
    let notes = src
        .notes
        .iter()
        .filter(|n| in_period(report, n.noted_on))
        .count();
    section.paragraphs.push(format!(
        "{} utgiftsposter på til sammen {} og {} fremdriftsnotater er datert i perioden.",
        entries.len(),
        nb::nok(entries.iter().map(|e| e.amount_nok).sum()),
        notes
    ));
    let rows: Vec<Row> = src
        .status_moves
        .iter()
        .filter(|e| in_period(report, day_of(e)))
        .map(|e| {
            row(vec![
                text(nb::date(day_of(e))),
                text(title_of(src, e.subject_id)),
                text(status_move(&e.detail)),
            ])
        })
        .collect();
    if src.moves_cut {
        section.paragraphs.push(format!(
            "Revisjonssporet har flere statusendringer enn de {} nyeste som er lest; de eldste er utelatt.",
            super::build::MAX_STATUS_MOVES
        ));
    }
    if rows.is_empty() {
        section
            .paragraphs
            .push("Ingen tiltak har endret status i perioden.".into());
    } else {
        section.tables.push(Table {
            caption: "Statusendringer".into(),
            columns: ["Dato", "Tiltak", "Endring"].map(String::from).to_vec(),
            rows,
        });
    }
}

fn decisions(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    let mut rows = Vec::new();
    for m in &f.measures {
        let Some(measure) = src.measures.iter().find(|x| x.id == m.id) else {
            continue;
        };
        let last = src
            .notes
            .iter()
            .filter(|n| n.measure_id == m.id && n.noted_on <= report.to)
            .max_by_key(|n| n.noted_on);
        let mut why = Vec::new();
        if needs_update(
            m.status,
            measure.fields.starts_on,
            last.map(|n| n.noted_on),
            report.to,
            DEFAULT_STALE_DAYS,
        ) {
            why.push(format!("Ingen oppdatering på {DEFAULT_STALE_DAYS} dager"));
        }
        let spent: i64 = src
            .ledger
            .iter()
            .filter(|e| e.measure_id == m.id && e.spent_on <= report.to)
            .map(|e| e.amount_nok)
            .sum();
        if m.planned.total() > 0 && spent > m.planned.total() {
            why.push(format!(
                "Brukt {} av {} planlagt",
                nb::nok(spent),
                nb::nok(m.planned.total())
            ));
        }
        if let Some(n) =
            last.filter(|n| in_period(report, n.noted_on) && !n.barriers.trim().is_empty())
        {
            why.push(format!("Barriere: {}", n.barriers.trim()));
        }
        if !why.is_empty() {
            rows.push(row(vec![text(&m.title), text(why.join("\n"))]));
        }
    }
    if rows.is_empty() {
        section
            .paragraphs
            .push("Ingen tiltak er flagget for beslutning.".into());
    } else {
        section.paragraphs.push(
            "Tiltak uten ny oppdatering, med forbruk over plan eller med barrierer meldt i perioden:"
                .into(),
        );
        section.tables.push(Table {
            caption: "Tiltak som trenger oppmerksomhet".into(),
            columns: ["Tiltak", "Hvorfor"].map(String::from).to_vec(),
            rows,
        });
    }
}

fn risks(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    let running: std::collections::HashSet<uuid::Uuid> = f
        .measures
        .iter()
        .filter(|m| matches!(m.status, MeasureStatus::Adopted | MeasureStatus::InProgress))
        .map(|m| m.id)
        .collect();
    let mut risks: Vec<_> = src
        .measures
        .iter()
        .filter(|m| m.fields.year == report.year && running.contains(&m.id))
        .flat_map(|m| m.risks.iter().map(move |r| (m, r)))
        .collect();
    risks.sort_by_key(|(_, r)| std::cmp::Reverse(r.score()));
    if risks.is_empty() {
        section
            .paragraphs
            .push("Ingen risikoer er registrert på tiltak som er i gang.".into());
        return;
    }
    section.tables.push(Table {
        caption: "Risiko for tiltak som er i gang, høyest først".into(),
        columns: [
            nb::MEASURE,
            nb::RISK,
            nb::PROBABILITY,
            nb::CONSEQUENCE,
            nb::MITIGATION,
        ]
        .map(String::from)
        .to_vec(),
        rows: risks
            .into_iter()
            .map(|(m, r)| {
                row(vec![
                    text(&m.fields.title),
                    text(&r.risk),
                    text(nb::level(r.probability)),
                    text(nb::level(r.consequence)),
                    text(&r.mitigation),
                ])
            })
            .collect(),
    });
}

fn measures(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    if f.measures.is_empty() {
        section
            .paragraphs
            .push("Ingen vedtatte tiltak i perioden.".into());
        return;
    }
    section.tables.push(Table {
        caption: "Tiltakene med status og forbruk i perioden".into(),
        columns: vec![
            "Tiltak".into(),
            "Innsatsområde".into(),
            format!("Status per {}", nb::date(f.status_on)),
            "Planlagt".into(),
            "Brukt".into(),
        ],
        rows: f
            .measures
            .iter()
            .map(|m| {
                row(vec![
                    text(&m.title),
                    text(nb::focus_area(&m.focus_area)),
                    text(status_name(m)),
                    Cell::Nok(m.planned.total()),
                    Cell::Nok(m.spent.total()),
                ])
            })
            .collect(),
    });
    for m in &f.measures {
        let mut notes: Vec<_> = src
            .notes
            .iter()
            .filter(|n| n.measure_id == m.id && in_period(report, n.noted_on))
            .collect();
        notes.sort_by_key(|n| n.noted_on);
        for n in notes {
            let mut line = format!("{} ({}): {}", m.title, nb::date(n.noted_on), n.done.trim());
            if !n.results.trim().is_empty() {
                line.push_str(&format!(" Resultater: {}", n.results.trim()));
            }
            section.paragraphs.push(line);
        }
    }
}

fn indicators(section: &mut Section, f: &Figures) {
    if f.indicators.is_empty() {
        section
            .paragraphs
            .push("Ingen indikatorer er definert.".into());
        return;
    }
    let value = |v: f64, unit: &str| {
        format!("{} {unit}", format_value(v, ','))
            .trim()
            .to_string()
    };
    section.tables.push(Table {
        caption: "Indikatorer: utgangspunkt, mål og siste måling".into(),
        columns: [
            "Indikator",
            "Gjelder",
            "Utgangspunkt",
            "Mål",
            "Siste måling",
        ]
        .map(String::from)
        .to_vec(),
        rows: f
            .indicators
            .iter()
            .map(|i| {
                let latest = match (i.latest, i.latest_on) {
                    (Some(v), Some(on)) => format!("{} ({})", value(v, &i.unit), nb::date(on)),
                    _ => "Ingen måling".into(),
                };
                row(vec![
                    text(&i.name),
                    text(&i.of),
                    text(format!(
                        "{} ({})",
                        value(i.baseline, &i.unit),
                        nb::date(i.baseline_on)
                    )),
                    text(format!(
                        "{} ({})",
                        value(i.target, &i.unit),
                        nb::date(i.target_on)
                    )),
                    text(latest),
                ])
            })
            .collect(),
    });
}

fn participation(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    let share = |s: Option<u8>| s.map(|s| format!("{s} %")).unwrap_or_else(|| "–".into());
    let mut rows: Vec<Row> = workshops_of(report, src.turnout)
        .map(|t| {
            row(vec![
                text(&t.title),
                text(nb::date(t.starts_at.date())),
                text(t.participants.to_string()),
                text(share(t.youth_share())),
            ])
        })
        .collect();
    if rows.is_empty() {
        section
            .paragraphs
            .push("Ingen verksteder i perioden.".into());
        return;
    }
    rows.push(total_row(vec![
        text(format!("{} verksteder", f.participation.workshops)),
        text(""),
        text(f.participation.participants.to_string()),
        text(share(f.participation.youth_share)),
    ]));
    section
        .paragraphs
        .push("Andelen unge vises ikke der så få er unge at andelen kunne peke dem ut.".into());
    section.tables.push(Table {
        caption: "Verksteder i perioden".into(),
        columns: ["Verksted", "Dato", "Deltakere", "Andel unge"]
            .map(String::from)
            .to_vec(),
        rows,
    });
}

fn barriers(section: &mut Section, report: &Report, src: &Sources) {
    let mut notes: Vec<_> = src
        .notes
        .iter()
        .filter(|n| in_period(report, n.noted_on) && !n.barriers.trim().is_empty())
        .collect();
    notes.sort_by_key(|n| n.noted_on);
    section.paragraphs = notes
        .into_iter()
        .map(|n| {
            format!(
                "{} ({}): {}",
                title_of(src, n.measure_id),
                nb::date(n.noted_on),
                n.barriers.trim()
            )
        })
        .collect();
    if section.paragraphs.is_empty() {
        section
            .paragraphs
            .push("Ingen barrierer er meldt i fremdriftsnotatene i perioden.".into());
    }
}

fn learning(section: &mut Section, f: &Figures, src: &Sources) {
    for m in f.measures.iter().filter(|m| m.stopped) {
        let reason = src
            .measures
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.drop_reason.trim().to_string())
            .unwrap_or_default();
        section
            .paragraphs
            .push(format!("{} ble stoppet: {reason}", m.title));
    }
    if !section.paragraphs.is_empty() {
        let when = format!("Stoppede tiltak per {}:", nb::date(f.status_on));
        section.paragraphs.insert(0, when);
    }
    if section.paragraphs.is_empty() {
        section.paragraphs.push("Ingen tiltak ble stoppet.".into());
    }
}

fn ordinary(section: &mut Section, report: &Report, src: &Sources, f: &Figures) {
    for m in f
        .measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Done)
    {
        let next = src
            .notes
            .iter()
            .filter(|n| n.measure_id == m.id && n.noted_on <= report.to)
            .max_by_key(|n| n.noted_on)
            .map(|n| n.next_steps.trim().to_string())
            .filter(|s| !s.is_empty());
        section.paragraphs.push(match next {
            Some(next) => format!("{} (fullført). Videre: {next}", m.title),
            None => format!("{} (fullført).", m.title),
        });
    }
    if section.paragraphs.is_empty() {
        section
            .paragraphs
            .push("Ingen tiltak er fullført ennå.".into());
    } else {
        section.paragraphs.insert(
            0,
            format!(
                "Fullførte tiltak per {} som kan vurderes videreført i ordinær drift:",
                nb::date(f.status_on)
            ),
        );
    }
}
