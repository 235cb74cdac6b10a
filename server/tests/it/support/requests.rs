//! Test support: one well-formed request per endpoint and route of `docs/API.md`, on the
//! fixture's things (`{name}` is a fixture id), for the authorisation matrix and the
//! hostile-input suite.
use super::fixture::{fill, measure_form, png, Fixture, CALLERS};
use reqwest::{header, multipart, Client, StatusCode};

/// How an endpoint is called.
#[derive(Clone, Copy, Debug)]
pub enum Request {
    /// `POST /api/{endpoint}` with this form (`name=value&…`).
    Form(&'static str),
    /// A measure form for 2027 and these fields.
    MeasureForm(&'static str),
    /// `POST /api/{endpoint}` as multipart: this id field, then a photo.
    Upload(&'static str, &'static str),
    /// `GET` of this path.
    Get(&'static str),
}

use Request::*;

/// Endpoint (as the matrix in `docs/API.md` names it) and its request.
pub const REQUESTS: &[(&str, Request)] = &[
    ("auth/login", Form("email={lead_email}&password={password}")),
    ("auth/logout", Form("")),
    ("auth/me", Form("")),
    (
        "account/password",
        Form("current={password}&new=et-nytt-passord-123&repeat=et-nytt-passord-123"),
    ),
    ("accounts/list", Form("programme={programme}")),
    ("accounts/create", Form("programme={programme}&email=ny@halden.demo&display_name=Ny Bruker&role=facilitator")),
    ("accounts/role", Form("programme={programme}&id={user}&role=core")),
    ("accounts/active", Form("programme={programme}&id={user}&active=false")),
    ("accounts/remove", Form("programme={programme}&id={user}")),
    ("programmes/list", Form("")),
    ("evaluation/compare", Form("")),
    (
        "programmes/create",
        Form("name=Fredrikstad sentrum&area=Fredrikstad&start_year=2025&end_year=2029&yearly_budget_nok=4 000 000&slug=&lead="),
    ),
    ("programme/get", Form("programme={programme}")),
    (
        "programme/save",
        Form("programme={programme}&name=Halden sentrum&area=Halden&start_year=2024&end_year=2029&yearly_budget_nok=5 000 000"),
    ),
    ("programme/focus-areas/add", Form("programme={programme}&name=Natur&description=Parker")),
    ("programme/focus-areas/update", Form("programme={programme}&id={focus_area}&name=Bolig&description=Hjem")),
    ("programme/focus-areas/delete", Form("programme={programme}&id={focus_area}")),
    ("programme/goals/add", Form("programme={programme}&title=Trygghet&description=Om&focus_areas[0]={focus_area}")),
    (
        "programme/goals/update",
        Form("programme={programme}&id={goal}&title=Trygghet&description=Om&focus_areas[0]={focus_area}"),
    ),
    ("programme/goals/delete", Form("programme={programme}&id={goal}")),
    ("workshops/list", Form("programme={programme}")),
    ("workshops/create", Form("programme={programme}&title=Ny samling&place=Biblioteket&starts_at=2026-12-11T18:00")),
    ("workshops/get", Form("id={workshop}")),
    (
        "workshops/update",
        Form("id={workshop}&title=Nytt navn&place=Skofabrikken&starts_at=2026-12-11T18:00"),
    ),
    ("workshops/status", Form("id={workshop}&status=closed")),
    ("workshops/moderation", Form("id={workshop}&report_threshold=4&participant_cap=")),
    ("boards/create", Form("workshop_id={workshop}&prompt=Hva nå?&phase=explore")),
    ("join/lookup", Form("code={code}")),
    ("join/join", Form("code={code}&consent=yes&nickname=Nora")),
    ("boards/get", Form("id={board}")),
    ("cards/post", Form("board_id={board}&kind=insight&body=Mer lys i parken")),
    ("cards/edit", Form("id={card}&kind=insight&body=Det er mørkt ved brua")),
    ("cards/delete", Form("id={card}")),
    ("themes/create", Form("board_id={board}&name=Fritid")),
    ("themes/rename", Form("board_id={board}&theme_id={theme}&name=Utrygghet")),
    ("themes/merge", Form("board_id={board}&from={theme2}&into={theme}")),
    ("cards/theme", Form("card_id={card}&theme_id={theme}")),
    ("cards/report", Form("card_id={staff_card}")),
    ("cards/hide", Form("card_id={card}&reason=Personangrep")),
    ("cards/restore", Form("card_id={card}")),
    ("votes/place", Form("card_id={card}")),
    ("votes/remove", Form("card_id={staff_card}")),
    ("boards/phase", Form("board_id={board}&phase=understand")),
    ("boards/posting", Form("board_id={board}&open=false")),
    ("boards/visibility", Form("board_id={board}&hide_others=true")),
    ("boards/timer", Form("board_id={board}&minutes=5")),
    ("boards/voting", Form("board_id={board}&dots=5")),
    ("boards/votes-visible", Form("board_id={board}&visible=false")),
    ("prototypes/create", Form("idea={idea2}&title=Lys&description=Lenker&assumption=Tryggere")),
    ("prototypes/list", Form("programme={programme}")),
    ("prototypes/get", Form("id={prototype}")),
    ("evidence/link", Form("idea_id={idea}&insight_id={staff_card}")),
    ("evidence/unlink", Form("idea_id={idea}&insight_id={linked_insight}")),
    (
        "rounds/create",
        Form("prototype_id={prototype}&workshop_id={workshop}&place=Torget&target_group=Unge&starts_at=2026-12-12T12:00"),
    ),
    ("rounds/get", Form("id={round}")),
    ("rounds/feedback", Form("id={round}")),
    ("rounds/open", Form("round_id={round}&open=false")),
    (
        "feedback/give",
        Form("round_id={round}&worked=Varmt&not_worked=&suggestion=Lengre åpent&rating=5"),
    ),
    (
        "prototypes/decide",
        Form("prototype_id={prototype}&outcome=drop&reason=For dyrt&learning=Billigere neste gang"),
    ),
    ("trace/card", Form("id={card}")),
    ("trace/prototype", Form("id={prototype}")),
    ("photos/prototype", Upload("prototype_id", "{prototype}")),
    ("photos/card", Upload("card_id", "{card}")),
    ("measures/draft", Form("idea_id={idea2}")),
    ("measures/promote", MeasureForm("idea_id={idea2}&justification=Mange ba om det")),
    ("measures/get", Form("id={measure}")),
    ("measures/update", MeasureForm("id={measure}")),
    ("measures/status", Form("id={measure}&status=prioritised&reason=")),
    ("measures/move", Form("id={measure}&direction=up")),
    (
        "measures/risks/add",
        Form("measure_id={measure}&risk=Regn&probability=high&consequence=low&mitigation=Telt"),
    ),
    ("measures/risks/remove", Form("measure_id={measure}&risk_id={risk}")),
    ("measures/follow-up", Form("id={followed}")),
    (
        "measures/spending/add",
        Form("measure_id={followed}&spent_on=2025-11-02&source=grant&amount=1 200&note=Kaffe"),
    ),
    ("measures/spending/remove", Form("measure_id={followed}&entry_id={spending}")),
    (
        "measures/progress/add",
        Form("measure_id={followed}&noted_on=2025-11-02&done=Vandring&results=&barriers=&next_steps="),
    ),
    ("measures/responsible", Form("measure_id={followed}&user_id={user}")),
    ("plans/follow-up", Form("programme={programme}&year=2025&stale_days=30")),
    (
        "indicators/add",
        Form("measure_id={followed}&fields[name]=Frivillige&fields[unit]=personer&fields[baseline]=14&fields[baseline_on]=2025-03-01&fields[target]=30&fields[target_on]=2025-12-31"),
    ),
    ("indicators/remove", Form("indicator_id={indicator}")),
    (
        "indicators/reading",
        Form("indicator_id={indicator}&measured_on=2025-09-01&value=30&source=statistics&link=&note=Logg"),
    ),
    ("indicators/goals", Form("programme={programme}")),
    ("dashboard/get", Form("programme={programme}")),
    ("reports/list", Form("programme={programme}")),
    ("reports/create", Form("programme={programme}&kind=status&year=2025&from=2025-03-01&to=2025-06-30")),
    ("reports/get", Form("id={report}")),
    ("reports/text", Form("report_id={report}&section=summary&text=Ny tekst")),
    ("reports/freeze", Form("report_id={report}&version=2")),
    (
        "library/save",
        Form("kind=prototype&source_id={dropped_prototype}&summary=Ikke+om+natta&shared=on"),
    ),
    ("library/programme", Form("programme={programme}")),
    ("library/search", Form("text=natt&outcome=dropped")),
    ("public/library", Form("text=natt&year=")),
    (
        "library/feeds/add",
        Form("programme={programme}&url=https%3A%2F%2Fanother.example%2Ffeed.json"),
    ),
    ("library/feeds/fetch", Form("programme={programme}&feed_id={feed}")),
    ("library/feeds/remove", Form("programme={programme}&feed_id={feed}")),
    ("plans/carry-over", Form("programme={programme}&year=2025")),
    ("plans/list", Form("programme={programme}")),
    ("plans/get", Form("programme={programme}&year=2027")),
    ("plans/propose", Form("programme={programme}&year=2027")),
    ("plans/withdraw", Form("programme={programme}&year=2028")),
    (
        "plans/adopt",
        Form("programme={programme}&year=2028&revision={revision}&adopted_on=2026-12-01&adopted_by=Styringsgruppen"),
    ),
    ("plans/send", Form("programme={programme}&year=2026&sent_on=2026-12-02")),
    ("plans/reopen", Form("programme={programme}&year=2025")),
    ("plans/version", Form("programme={programme}&year=2025&version=1")),
    ("public/plans/get", Form("programme={programme}&year=2025")),
    ("receipts/mine", Form("card_id={card}")),
    ("receipts/lookup", Form("code={receipt}")),
    ("receipts/open", Form("code={receipt}")),
    ("receipts/current", Form("")),
    ("receipts/delete", Form("code={receipt}&confirm=yes")),
    ("audit/list", Form("programme={programme}&action=&actor=&from=&to=&before=")),
    ("inclusion/diversity", Form("workshop={workshop}")),
    ("inclusion/settings", Form("programme={programme}")),
    (
        "inclusion/settings/save",
        Form("programme={programme}&retention_days=180&target_under_16=10&target_16_19=20&target_20_34=&target_35_66=&target_over_66="),
    ),
    ("inclusion/retention", Form("")),
    ("GET /events/boards/{id}", Get("/events/boards/{board}")),
    ("GET /events/rounds/{id}", Get("/events/rounds/{round}")),
    ("GET /photos/{id} (a card's)", Get("/photos/{card_photo}")),
    ("GET /photos/{id}/thumb (a prototype's)", Get("/photos/{prototype_photo}/thumb")),
    ("GET /p/{programme}/plans/{year}/export.csv", Get("/p/{programme}/plans/2027/export.csv")),
    (
        "GET /p/{programme}/plans/{year}/versions/{n}/plan.json",
        Get("/p/{programme}/plans/2025/versions/1/plan.json"),
    ),
    ("GET /reports/{id}/export.csv", Get("/reports/{report}/export.csv")),
    (
        "GET /reports/{id}/versions/{n}/report.json",
        Get("/reports/{report}/versions/1/report.json"),
    ),
    (
        "GET /public/{programme}/plans/{year}/plan.csv",
        Get("/public/{programme}/plans/2025/plan.csv"),
    ),
    ("GET /workshops/{id}/evaluation.csv", Get("/workshops/{workshop}/evaluation.csv")),
    ("GET /public/library/feed.json", Get("/public/library/feed.json")),
    ("GET /public/library/feed.csv", Get("/public/library/feed.csv")),
];

/// The matrix as `docs/API.md` has it: endpoint, then one expected outcome per caller.
pub fn matrix() -> Vec<(String, Vec<String>)> {
    let doc = include_str!("../../../../docs/API.md");
    let section = doc
        .split("## Authorisation matrix")
        .nth(1)
        .expect("docs/API.md has the authorisation matrix");
    let mut lines = section.lines().skip_while(|l| !l.starts_with("| endpoint"));
    let header: Vec<&str> = cells(lines.next().expect("the matrix header"));
    assert_eq!(header[1..], CALLERS, "the matrix's columns");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let row = cells(line);
            assert_eq!(row.len(), 1 + CALLERS.len(), "matrix row: {line}");
            (
                row[0].trim_matches('`').to_string(),
                row[1..].iter().map(|c| c.to_string()).collect(),
            )
        })
        .collect()
}

/// The calls with ids from another parent: endpoint, form template, caller column and
/// the expected answer.
pub fn foreign_ids() -> Vec<(String, String, usize, String)> {
    let doc = include_str!("../../../../docs/API.md");
    let section = doc
        .split("### Ids from another parent")
        .nth(1)
        .expect("docs/API.md has the ids from another parent");
    section
        .lines()
        .skip_while(|l| !l.starts_with("| call"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let row = cells(line);
            let (endpoint, form) = row[0]
                .trim_matches('`')
                .split_once(' ')
                .expect("endpoint and form");
            let column = CALLERS
                .iter()
                .position(|c| *c == row[1])
                .unwrap_or_else(|| panic!("unknown caller in {line}"));
            (endpoint.into(), form.into(), column, row[2].into())
        })
        .collect()
}

fn cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// A form template (`name=value&…`) as name/value pairs, ids filled in.
pub fn parse_form(template: &str, fixture: &Fixture) -> Vec<(String, String)> {
    template
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (name.to_string(), fill(value, &fixture.ids))
        })
        .collect()
}

/// A request's form as name/value pairs, ids filled in.
pub fn form_of(request: Request, fixture: &Fixture) -> Vec<(String, String)> {
    let (template, measure) = match request {
        Form(t) => (t, false),
        MeasureForm(t) => (t, true),
        _ => return Vec::new(),
    };
    let mut pairs: Vec<(String, String)> = if measure {
        measure_form("2027")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    } else {
        Vec::new()
    };
    pairs.extend(parse_form(template, fixture));
    pairs
}

/// What came back: the status and the body (a GET's body is not read).
pub async fn perform(
    base: &str,
    endpoint: &str,
    request: Request,
    form: &[(String, String)],
    cookie: Option<&str>,
    fixture: &Fixture,
) -> (StatusCode, String) {
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .read_timeout(super::ANSWER_DEADLINE)
        .build()
        .unwrap();
    let builder = match request {
        Get(path) => client.get(format!("{base}{}", fill(path, &fixture.ids))),
        Upload(field, id) => {
            // The fields given, or the request's own id field; then the photo.
            let fields = if form.is_empty() {
                vec![(field.to_string(), fill(id, &fixture.ids))]
            } else {
                form.to_vec()
            };
            let form = fields
                .into_iter()
                .fold(multipart::Form::new(), |f, (k, v)| f.text(k, v))
                .part(
                    "photo",
                    multipart::Part::bytes(png())
                        .file_name("bilde.png")
                        .mime_str("image/png")
                        .unwrap(),
                );
            client
                .post(format!("{base}/api/{endpoint}"))
                .multipart(form)
        }
        Form(_) | MeasureForm(_) => client.post(format!("{base}/api/{endpoint}")).form(form),
    };
    let mut builder = builder.header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    let response = builder.send().await.unwrap();
    let status = response.status();
    match request {
        // An event stream stays open: the status is the answer.
        Get(_) => (status, String::new()),
        _ => (status, response.text().await.unwrap()),
    }
}
