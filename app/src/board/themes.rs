//! Themes: the facilitator clusters cards (create, rename, merge) and sorts cards into
//! them, by drag and drop or with a select and a button (keyboard and no JavaScript).
use super::state::LiveBoard;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{answer, last_error, latest_error, reset};
use leptos::html::Form;
use leptos::prelude::*;
use samskap_domain::workshop::model::Theme;
use uuid::Uuid;

/// Longest theme name, in characters.
pub const MAX_THEME: usize = 80;

/// Adds a theme to a board the caller runs.
#[server(endpoint = "themes/create", output = crate::JsonText)]
pub async fn create_theme(board_id: Uuid, name: String) -> Result<Theme, AppError> {
    use crate::server::context::app;
    let name = samskap_domain::validate::required(crate::error::Field::Name, &name, MAX_THEME)?;
    super::access::run_access(board_id).await?;
    let ctx = app()?;
    let (theme, seq) = ctx.store.create_theme(board_id, &name).await?;
    publish_themes(board_id, seq).await?;
    Ok(theme)
}

/// Renames a theme.
#[server(endpoint = "themes/rename", output = crate::JsonText)]
pub async fn rename_theme(board_id: Uuid, theme_id: Uuid, name: String) -> Result<(), AppError> {
    use crate::server::context::app;
    let name = samskap_domain::validate::required(crate::error::Field::Name, &name, MAX_THEME)?;
    super::access::run_access(board_id).await?;
    let seq = app()?.store.rename_theme(board_id, theme_id, &name).await?;
    publish_themes(board_id, seq).await
}

/// Moves every card of theme `from` into theme `into` and removes `from`.
#[server(endpoint = "themes/merge", output = crate::JsonText)]
pub async fn merge_themes(board_id: Uuid, from: Uuid, into: Uuid) -> Result<(), AppError> {
    use crate::server::context::app;
    super::access::run_access(board_id).await?;
    let seq = app()?.store.merge_themes(board_id, from, into).await?;
    publish_themes(board_id, seq).await
}

/// Sorts a card into a theme of its board (`theme_id` empty: out of any theme).
#[server(endpoint = "cards/theme", output = crate::JsonText)]
pub async fn set_card_theme(
    card_id: Uuid,
    #[server(default)] theme_id: String,
) -> Result<(), AppError> {
    use crate::server::context::app;
    let theme = if theme_id.is_empty() {
        None
    } else {
        Some(theme_id.parse::<Uuid>().map_err(|_| AppError::BadRequest)?)
    };
    let ctx = app()?;
    let (_, access) = super::access::card_run_access(card_id).await?;
    let (card, seq) = ctx.store.set_card_theme(card_id, theme).await?;
    crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(())
}

#[cfg(feature = "ssr")]
async fn publish_themes(board: Uuid, seq: i64) -> Result<(), AppError> {
    use crate::server::context::app;
    let ctx = app()?;
    let themes = ctx.store.themes(board).await?;
    ctx.bus.publish(
        board,
        crate::server::board_events::themes_delivery(seq, &themes),
    );
    Ok(())
}

/// The facilitator's theme tools: add, rename, merge.
#[component]
pub fn ThemeControls(live: LiveBoard) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTheme>::new();
    let rename = ServerAction::<RenameTheme>::new();
    let merge = ServerAction::<MergeThemes>::new();
    let form = NodeRef::<Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(theme)) = create.value().get() {
            live.add_theme(theme);
            reset(form);
        }
    });
    let error = latest_error(vec![answer(create), answer(rename), answer(merge)]);
    let board_id = live.board.with_untracked(|b| b.id).to_string();
    let create_board_id = board_id.clone();
    // A memo (`LiveBoard`): a resync bringing the same themes must not drop a rename
    // being typed.
    let themes = live.themes;
    let theme_rows = move || {
        let themes = themes.get();
        let mergeable = themes.len() > 1;
        themes
            .clone()
            .into_iter()
            .map(|theme| {
                let others = themes
                    .iter()
                    .filter(|t| t.id != theme.id)
                    .map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> })
                    .collect_view();
                let (rename_id, merge_id) = (
                    format!("rename-{}", theme.id),
                    format!("merge-{}", theme.id),
                );
                let board = board_id.clone();
                let board2 = board_id.clone();
                let name = theme.name.clone();
                let (rename_theme, from_theme) = (theme.id.to_string(), theme.id.to_string());
                view! {
                    <li class="theme-tools">
                        <ActionForm action=rename attr:class="inline">
                            <input type="hidden" name="board_id" value=board />
                            <input type="hidden" name="theme_id" value=rename_theme />
                            <label for=rename_id.clone() class="visually-hidden">
                                {t!(i18n, themes.name)}
                                " "
                                {name.clone()}
                            </label>
                            <input
                                id=rename_id
                                name="name"
                                value=name.clone()
                                maxlength=MAX_THEME.to_string()
                            />
                            <button type="submit">{t!(i18n, themes.rename)}</button>
                        </ActionForm>
                        {mergeable
                            .then(|| {
                                view! {
                                    <ActionForm action=merge attr:class="inline">
                                        <input type="hidden" name="board_id" value=board2 />
                                        <input type="hidden" name="from" value=from_theme />
                                        <label for=merge_id
                                            .clone()>{t!(i18n, themes.merge_into)}</label>
                                        <select id=merge_id name="into">
                                            {others}
                                        </select>
                                        <button type="submit">{t!(i18n, themes.merge)}</button>
                                    </ActionForm>
                                }
                            })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="theme-controls" aria-labelledby="themes-heading">
            <h3 id="themes-heading">{t!(i18n, themes.heading)}</h3>
            <ul class="plain">{theme_rows}</ul>
            <ActionForm action=create node_ref=form attr:class="inline">
                <input type="hidden" name="board_id" value=create_board_id />
                <label for="new-theme">{t!(i18n, themes.new)}</label>
                <input id="new-theme" name="name" maxlength=MAX_THEME.to_string() />
                <button type="submit">{t!(i18n, themes.add)}</button>
            </ActionForm>
            <p class="hint">{t!(i18n, themes.drag_hint)}</p>
            <ErrorAlert error />
        </section>
    }
}

/// On a card, for the facilitator: which theme it is in, and a way to move it.
#[component]
pub fn CardThemePicker(card_id: Uuid, theme_id: Option<Uuid>) -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<LiveBoard>();
    let action = ServerAction::<SetCardTheme>::new();
    let error = Signal::derive(move || last_error(action));
    let select_id = StoredValue::new(format!("theme-of-{card_id}"));
    // A memo (`LiveBoard`): a resync bringing the same themes must not reset a theme
    // chosen here.
    let themes = live.themes;
    let options = move || {
        themes
            .get()
            .into_iter()
            .map(|t| {
                let selected = Some(t.id) == theme_id;
                view! {
                    <option value=t.id.to_string() selected=selected>
                        {t.name}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || themes.with(|t| !t.is_empty())>
            <ActionForm action attr:class="inline theme-picker">
                <input type="hidden" name="card_id" value=card_id.to_string() />
                <label for=select_id.get_value()>{t!(i18n, themes.theme)}</label>
                <select id=select_id.get_value() name="theme_id">
                    <option value="" selected=theme_id.is_none()>
                        {t!(i18n, themes.none)}
                    </option>
                    {options}
                </select>
                <button type="submit">{t!(i18n, themes.move_card)}</button>
            </ActionForm>
        </Show>
        <ErrorAlert error />
    }
}

/// Starts dragging a card (facilitators, hydrated): the card id travels in the drag data.
pub fn drag_start(card_id: Uuid) -> impl Fn(leptos::ev::DragEvent) + 'static {
    move |ev: leptos::ev::DragEvent| {
        if let Some(data) = ev.data_transfer() {
            let _ = data.set_data("text/plain", &card_id.to_string());
        }
    }
}

/// Makes a theme's drop zone accept a dragged card and sort it in (the participant's
/// bundle, where no one sorts, leaves the sorting out).
pub fn drop_into(
    theme: Option<Uuid>,
) -> (
    impl Fn(leptos::ev::DragEvent) + 'static,
    impl Fn(leptos::ev::DragEvent) + 'static,
) {
    let over = |ev: leptos::ev::DragEvent| ev.prevent_default();
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "staff"))]
        let _ = theme;
        #[cfg(feature = "staff")]
        let card = ev
            .data_transfer()
            .and_then(|d| d.get_data("text/plain").ok())
            .and_then(|id| id.parse::<Uuid>().ok());
        #[cfg(feature = "staff")]
        if let Some(card_id) = card {
            let theme_id = theme.map(|t| t.to_string()).unwrap_or_default();
            leptos::task::spawn_local(async move {
                let _ = set_card_theme(card_id, theme_id).await;
            });
        }
    };
    (over, dropped)
}
