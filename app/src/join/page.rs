//! `/join`: a participant types or scans the workshop code, reads what we do with what
//! they write, picks an optional nickname, age band and role, and gets a pseudonymous
//! identity for that workshop. No account, no email, no phone number.
use crate::error::{AppError, ErrorAlert, ErrorMessage};
use crate::i18n::*;
use crate::ui::language::LanguagePicker;
use crate::ui::page::PageTitle;
use crate::ui::refresh::{last_error, on_success, Refresh};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;
use samskap_domain::workshop::model::{display_join_code, AgeBand, ParticipantRole};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A live workshop as a participant sees it before and after joining.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinInfo {
    pub code: String,
    pub title: String,
    pub place: String,
    /// Set once this device has joined: the nickname (possibly empty).
    pub joined_as: Option<String>,
    /// The workshop's boards: id and prompt.
    pub boards: Vec<(Uuid, String)>,
}

/// The live workshop with this join code (wrong codes are throttled per network).
#[server(endpoint = "join/lookup", output = crate::JsonText)]
pub async fn lookup_workshop(code: String) -> Result<JoinInfo, AppError> {
    let (workshop, _) = live_workshop(&code).await?;
    let me = super::participant::current_participant(workshop.id).await?;
    Ok(JoinInfo {
        code: workshop.join_code,
        title: workshop.fields.title,
        place: workshop.fields.place,
        joined_as: me.map(|p| p.nickname),
        boards: workshop
            .boards
            .into_iter()
            .map(|b| (b.id, b.prompt))
            .collect(),
    })
}

/// Joins the live workshop with this code: stores a pseudonymous participant and gives
/// this device its cookie. Joining again from the same device changes nothing.
#[server(endpoint = "join/join", output = crate::JsonText)]
pub async fn join_workshop(
    code: String,
    #[server(default)] nickname: String,
    #[server(default)] age_band: String,
    #[server(default)] role: String,
    #[server(default)] consent: String,
) -> Result<(), AppError> {
    use super::participant::{current_participant, new_token, set_cookie, token_hash};
    use crate::server::context::app;
    use samskap_domain::store::workshop_store::NewParticipant;
    if consent != "yes" {
        return Err(AppError::ConsentRequired);
    }
    let ctx = app()?;
    let age_band = optional_choice::<AgeBand>(&age_band)?;
    let role = optional_choice::<ParticipantRole>(&role)?;
    let (workshop, network) = live_workshop(&code).await?;
    let staff = ctx.store.members(workshop.programme_id).await?;
    let nickname =
        super::nickname::checked(&nickname, staff.iter().map(|u| u.display_name.as_str()))?;
    if current_participant(workshop.id).await?.is_some() {
        return Ok(());
    }
    if network.is_some_and(|net| !ctx.joins.allow(&net)) {
        return Err(AppError::TooManyAttempts);
    }
    let token = new_token();
    ctx.store
        .add_participant(NewParticipant {
            workshop_id: workshop.id,
            token_hash: token_hash(&token),
            nickname,
            age_band,
            role,
        })
        .await?;
    let cookie = set_cookie(workshop.id, &token, ctx.secure_cookies).ok_or(AppError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(http::header::SET_COOKIE, cookie);
    Ok(())
}

/// An optional select: empty is none, anything else must be one of the names.
#[cfg(feature = "ssr")]
fn optional_choice<T: std::str::FromStr>(value: &str) -> Result<Option<T>, AppError> {
    if value.is_empty() {
        Ok(None)
    } else {
        value.parse().map(Some).map_err(|_| AppError::BadRequest)
    }
}

/// The live workshop with this code. A code that names no workshop counts as a guess
/// against the caller's network (`CodeGuess`); a right one never does.
#[cfg(feature = "ssr")]
async fn live_workshop(
    code: &str,
) -> Result<
    (
        samskap_domain::workshop::model::Workshop,
        Option<std::net::IpAddr>,
    ),
    AppError,
> {
    use crate::server::code_guess::CodeGuess;
    use crate::server::context::app;
    use samskap_domain::workshop::model::{normalise_join_code, WorkshopStatus};
    let ctx = app()?;
    let normalised = normalise_join_code(code);
    let guess = CodeGuess::start_join(normalised.as_deref()).await?;
    let network = guess.network();
    let code = normalised.ok_or(AppError::JoinCodeInvalid)?;
    let workshop = ctx
        .store
        .workshop_by_code(&code)
        .await?
        .ok_or(AppError::JoinCodeInvalid)?;
    let workshop = match workshop.status {
        WorkshopStatus::Live => {
            guess.found_live();
            workshop
        }
        WorkshopStatus::Planned | WorkshopStatus::Closed => {
            guess.found();
            return Err(AppError::WorkshopNotLive);
        }
    };
    Ok((workshop, network))
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    let refresh = Refresh::provide();
    let info = Resource::new(
        move || (code(), refresh.track()),
        |(code, _)| async move {
            if code.trim().is_empty() {
                None
            } else {
                Some(lookup_workshop(code).await)
            }
        },
    );
    view! {
        <PageTitle text=move || t_string!(i18n, join.title).to_string() />
        <main id="main" class="page narrow join">
            <Suspense fallback=move || {
                view! { <p class="loading">{t!(i18n, app.loading)}</p> }
            }>
                {move || {
                    info.get()
                        .map(|found| match found {
                            None => view! { <CodeForm code=String::new() error=None /> }.into_any(),
                            Some(Err(err)) => {
                                view! { <CodeForm code=code() error=Some(err) /> }.into_any()
                            }
                            Some(Ok(info)) if info.joined_as.is_some() => {
                                view! { <Joined info /> }.into_any()
                            }
                            Some(Ok(info)) => view! { <JoinForm info /> }.into_any(),
                        })
                }}
            </Suspense>
        </main>
    }
}

/// Step one: the code, as a plain GET form (works everywhere).
#[component]
fn CodeForm(code: String, error: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error.map(|e| {
        crate::ui::page::set_http_status(crate_status(&e));
        view! {
            <p class="alert" role="alert">
                {e.message(i18n)}
            </p>
        }
    });
    view! {
        <LanguagePicker />
        <h1>{t!(i18n, join.title)}</h1>
        <p>{t!(i18n, join.intro)}</p>
        <form method="get" action="/join" class="form">
            <label for="join-code">{t!(i18n, join.code_label)}</label>
            <input
                id="join-code"
                name="code"
                value=code
                autocomplete="off"
                autocapitalize="characters"
                inputmode="text"
                class="code-input"
                aria-describedby="join-code-hint"
            />
            <p id="join-code-hint" class="hint">
                {t!(i18n, join.code_hint)}
            </p>
            {error}
            <button type="submit" class="primary">
                {t!(i18n, join.continue_button)}
            </button>
        </form>
    }
}

fn crate_status(err: &AppError) -> u16 {
    match err {
        AppError::TooManyAttempts => 429,
        AppError::JoinCodeInvalid => 404,
        _ => 409,
    }
}

/// Step two: what happens to what you write, then an optional profile.
#[component]
fn JoinForm(info: JoinInfo) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<JoinWorkshop>::new();
    let refresh = expect_context::<Refresh>();
    on_success(action, move || refresh.0.update(|n| *n += 1));
    let error = Signal::derive(move || last_error(action));
    let shown_code = display_join_code(&info.code);
    let age_bands = AgeBand::ALL
        .iter()
        .map(|a| view! { <option value=a.as_str()>{age_band_name(i18n, *a)}</option> })
        .collect_view();
    let roles = ParticipantRole::ALL
        .iter()
        .map(|r| view! { <option value=r.as_str()>{participant_role_name(i18n, *r)}</option> })
        .collect_view();
    view! {
        <LanguagePicker />
        <h1>{info.title.clone()}</h1>
        <p class="muted">
            {info.place.clone()} " · " {t!(i18n, join.code_is)} " "
            <strong class="code">{shown_code}</strong>
        </p>
        <section class="consent" aria-labelledby="consent-heading">
            <h2 id="consent-heading">{t!(i18n, join.consent_heading)}</h2>
            <ul>
                <li>{t!(i18n, join.consent_1)}</li>
                <li>{t!(i18n, join.consent_2)}</li>
                <li>{t!(i18n, join.consent_3)}</li>
                <li>{t!(i18n, join.consent_4)}</li>
            </ul>
            <p>
                <a href="/privacy">{t!(i18n, join.privacy_link)}</a>
            </p>
        </section>
        <ActionForm action attr:class="form">
            <input type="hidden" name="code" value=info.code.clone() />
            <label for="join-nickname">{t!(i18n, join.nickname)}</label>
            <input
                id="join-nickname"
                name="nickname"
                maxlength=samskap_domain::workshop::model::MAX_NICKNAME.to_string()
                autocomplete="off"
                aria-describedby="join-nickname-hint"
            />
            <p id="join-nickname-hint" class="hint">
                {t!(i18n, join.nickname_hint)}
            </p>
            <label for="join-age">{t!(i18n, join.age_band)}</label>
            <select id="join-age" name="age_band">
                <option value="">{t!(i18n, join.rather_not_say)}</option>
                {age_bands}
            </select>
            <label for="join-role">{t!(i18n, join.role)}</label>
            <select id="join-role" name="role">
                <option value="">{t!(i18n, join.rather_not_say)}</option>
                {roles}
            </select>
            <div class="check">
                <input type="checkbox" id="join-consent" name="consent" value="yes" />
                <label for="join-consent">{t!(i18n, join.consent_check)}</label>
            </div>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, join.join_button)}
            </button>
        </ActionForm>
    }
}

/// After joining: the workshop's boards.
#[component]
fn Joined(info: JoinInfo) -> impl IntoView {
    let i18n = use_i18n();
    let name = info.joined_as.clone().unwrap_or_default();
    let greeting = if name.is_empty() {
        t_string!(i18n, join.joined_anonymous).to_string()
    } else {
        t_string!(i18n, join.joined_as, name = name).to_string()
    };
    let boards = info
        .boards
        .iter()
        .map(|(id, prompt)| {
            view! {
                <li>
                    <a class="button primary board-link" href=format!("/boards/{id}")>
                        {prompt.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let none = info
        .boards
        .is_empty()
        .then(|| view! { <p>{t!(i18n, join.no_boards)}</p> });
    view! {
        <h1>{info.title.clone()}</h1>
        <p class="notice" role="status">
            {greeting}
        </p>
        <h2>{t!(i18n, join.boards)}</h2>
        <ul class="board-links">{boards}</ul>
        {none}
    }
}

/// The translated name of an age band.
pub fn age_band_name(i18n: I18nContext<Locale>, band: AgeBand) -> &'static str {
    match band {
        AgeBand::Under16 => t_string!(i18n, join.age_under_16),
        AgeBand::Age16To19 => t_string!(i18n, join.age_16_19),
        AgeBand::Age20To34 => t_string!(i18n, join.age_20_34),
        AgeBand::Age35To66 => t_string!(i18n, join.age_35_66),
        AgeBand::Over66 => t_string!(i18n, join.age_over_66),
    }
}

/// The translated name of a participant role.
pub fn participant_role_name(i18n: I18nContext<Locale>, role: ParticipantRole) -> &'static str {
    match role {
        ParticipantRole::Resident => t_string!(i18n, join.role_resident),
        ParticipantRole::Youth => t_string!(i18n, join.role_youth),
        ParticipantRole::Staff => t_string!(i18n, join.role_staff),
        ParticipantRole::Organisation => t_string!(i18n, join.role_organisation),
        ParticipantRole::Business => t_string!(i18n, join.role_business),
        ParticipantRole::Other => t_string!(i18n, join.role_other),
    }
}
