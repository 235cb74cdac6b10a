//! `/receipt`: a receipt code typed on any device opens its card's journey. The form
//! posts the code; the server keeps it in a short-lived cookie and the page reads it
//! from there, so the code is never in the address bar, the history or a log.
use super::receipt::{Journey, JourneyView};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::page::PageTitle;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Opens the receipt with `code` on this device for 15 minutes and redirects to
/// `/receipt`. An unknown code is `ReceiptUnknown` and counts as a guess.
#[server(endpoint = "receipts/open", output = crate::JsonText)]
pub async fn open_receipt(code: String) -> Result<(), AppError> {
    let ctx = crate::server::context::app()?;
    let (_, code) = super::receipt::card_of_code(&code).await?;
    super::receipt_cookie::remember(&code, ctx.secure_cookies)?;
    leptos_axum::redirect("/receipt");
    Ok(())
}

/// The journey of the receipt opened on this device, if any. The cookie is checked like
/// a typed code (a forged one counts as a guess).
#[server(endpoint = "receipts/current", output = crate::JsonText)]
pub async fn current_receipt() -> Result<Option<Journey>, AppError> {
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let Some(code) = super::receipt_cookie::remembered(&headers) else {
        return Ok(None);
    };
    let journey = super::receipt::journey_of_code(&code).await;
    if journey == Err(AppError::ReceiptUnknown) {
        // The card was deleted meanwhile (or the cookie made up): say so once.
        let ctx = crate::server::context::app()?;
        super::receipt_cookie::forget(ctx.secure_cookies)?;
    }
    journey.map(Some)
}

/// `/receipt`: the lookup form and, once a code is opened, its journey (works without
/// JavaScript: the form posts, the server redirects back here).
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let deleted = move || query.with(|q| q.get("deleted").is_some());
    let open = ServerAction::<OpenReceipt>::new();
    let error = Signal::derive(move || last_error(open));
    // Again after a lookup, and after a deletion (it comes back here with `?deleted=1`).
    let data = Resource::new(
        move || (open.version().get(), deleted()),
        |_| current_receipt(),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, receipt.title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, receipt.title)}</h1>
            {move || {
                deleted()
                    .then(|| {
                        view! {
                            <p class="notice" role="status">
                                {t!(i18n, receipt.deleted)}
                            </p>
                        }
                    })
            }}
            <ActionForm action=open attr:class="form">
                <label for="receipt-code">{t!(i18n, receipt.code)}</label>
                <input
                    id="receipt-code"
                    name="code"
                    required
                    autocomplete="off"
                    autocapitalize="characters"
                    maxlength="12"
                />
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, receipt.look_up)}
                </button>
            </ActionForm>
            <Suspense fallback=move || {
                view! { <p class="loading">{t!(i18n, app.loading)}</p> }
            }>
                {move || {
                    data.get()
                        .map(|result| match result {
                            Ok(Some(journey)) => view! { <JourneyView journey /> }.into_any(),
                            Ok(None) => ().into_any(),
                            Err(err) => {
                                view! {
                                    <ErrorAlert error=Signal::derive(move || Some(err.clone())) />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </main>
    }
}
