//! Photos of prototypes and cards: the upload endpoints (multipart forms that work
//! without JavaScript) and how photos are shown. Files are served by the server's
//! `/photos/{id}` route, which checks who may see them.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos::server_fn::ServerFn;
use samskap_domain::workshop::model::Card;
use uuid::Uuid;

/// Adds a photo to a prototype version; lead, core team and facilitators. Fields:
/// `prototype_id`, then `photo` (JPEG, PNG or WebP, at most 10 MB).
#[server(endpoint = "photos/prototype", input = MultipartFormData, output = crate::JsonText)]
pub async fn upload_prototype_photo(data: MultipartData) -> Result<Uuid, AppError> {
    use samskap_domain::store::pipeline_store::PhotoOwner;
    use samskap_domain::store::workshop_store::AuthorRef;
    // Strangers are turned away before their upload is read; the role is checked in
    // the prototype's programme once its id has arrived.
    crate::server::context::require_account().await?;
    let ((prototype, store, actor), bytes, _slot) = read_upload(data, async |fields: &Fields| {
        let prototype = super::access::uuid_field(fields.get("prototype_id"))?;
        let (store, actor, _) =
            super::access::actor(samskap_domain::store::Item::Prototype(prototype)).await?;
        Ok((prototype, store, actor))
    })
    .await?;
    let photo = processed(bytes, AuthorRef::User(actor.id)).await?;
    let (id, _) = store
        .add_photo(PhotoOwner::Prototype(prototype), photo, None)
        .await?;
    Ok(id)
}

/// Attaches a photo to one's own card (replacing any earlier one) while the board is
/// open and its phase takes photos. Fields: `card_id`, then `photo`.
#[server(endpoint = "photos/card", input = MultipartFormData, output = crate::JsonText)]
pub async fn upload_card_photo(data: MultipartData) -> Result<Card, AppError> {
    use crate::server::context::app;
    use samskap_domain::store::pipeline_store::PhotoOwner;
    let ctx = app()?;
    let ((card_id, access), bytes, _slot) = read_upload(data, async |fields: &Fields| {
        let card_id = super::access::uuid_field(fields.get("card_id"))?;
        let (card, access) = crate::board::access::card_access(card_id).await?;
        if card.author.id != access.author_id() {
            return Err(AppError::NotYourCard);
        }
        access.check_posting()?;
        if !access.board.phase.allows_photos() {
            return Err(AppError::PhotosNotAllowed);
        }
        if !ctx.posts.allow(&access.author_id()) {
            return Err(AppError::TooManyPosts);
        }
        Ok((card_id, access))
    })
    .await?;
    let photo = processed(bytes, access.author()).await?;
    // Under pre-moderation a participant's new photo is approved first, like new text.
    let staff = matches!(access.who, crate::board::access::Who::Staff(_));
    let hold = (!staff && access.workshop.moderation.premoderation)
        .then_some(crate::board::moderation::NOTE_PREMODERATION);
    let (_, seq) = ctx
        .store
        .add_photo(PhotoOwner::Card(card_id), photo, hold)
        .await?;
    let card = ctx.store.card(card_id).await?.ok_or(AppError::NotFound)?;
    if let Some(seq) = seq {
        crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    }
    Ok(card)
}

/// An upload's small text fields, read before its photo.
#[cfg(feature = "ssr")]
#[derive(Default)]
struct Fields(Vec<(String, String)>);

#[cfg(feature = "ssr")]
impl Fields {
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// Most text fields an upload may have before its photo.
#[cfg(feature = "ssr")]
const MAX_FIELDS: usize = 4;
/// Longest text field we read (ids are 36 characters).
#[cfg(feature = "ssr")]
const MAX_FIELD: usize = 100;

/// Reads an upload: its few small text fields, then `authorise` with them, then takes
/// an upload slot (`Busy` when none is free), and only then reads the photo's bytes,
/// stopping as soon as they pass the size limit. The slot is held until the caller
/// drops it (after storing). The photo must come after the fields (a form sends them
/// in order); more fields, a second file or fields after the photo are `BadRequest`,
/// and nothing is read on.
#[cfg(feature = "ssr")]
async fn read_upload<T>(
    data: MultipartData,
    authorise: impl AsyncFnOnce(&Fields) -> Result<T, AppError>,
) -> Result<(T, Vec<u8>, tokio::sync::OwnedSemaphorePermit), AppError> {
    use crate::server::photo::MAX_UPLOAD_BYTES;
    let mut multipart = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut fields = Fields::default();
    let mut photo = loop {
        let field = multipart
            .next_field()
            .await
            .map_err(|_| AppError::BadRequest)?
            .ok_or(AppError::Empty(crate::error::Field::Photo))?;
        let name = field.name().unwrap_or_default().to_string();
        if name == "photo" {
            break field;
        }
        if fields.0.len() == MAX_FIELDS {
            return Err(AppError::BadRequest);
        }
        let bytes = read_field(field, MAX_FIELD)
            .await?
            .ok_or(AppError::BadRequest)?;
        let text = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
        fields.0.push((name, text));
    };
    let granted = authorise(&fields).await?;
    let slot = crate::server::context::app()?
        .uploads
        .take()
        .ok_or(AppError::Busy)?;
    // One deadline for the rest of the body, the photo and what follows it: multer
    // waits as long as it is fed for the part after the photo's boundary too.
    let deadline = crate::server::context::app()?.upload_deadline;
    let until = tokio::time::Instant::now() + deadline;
    let too_slow = |_| AppError::UploadTooSlow(deadline.as_secs());
    let read = async {
        let mut bytes = Vec::new();
        while let Some(chunk) = photo.chunk().await.map_err(|_| AppError::BadRequest)? {
            if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                return Err(AppError::PhotoTooLarge(MAX_UPLOAD_BYTES / (1024 * 1024)));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    };
    let bytes = tokio::time::timeout_at(until, read)
        .await
        .map_err(too_slow)??;
    if bytes.is_empty() {
        return Err(AppError::Empty(crate::error::Field::Photo));
    }
    // multer hands out the next field only once the last one is gone.
    drop(photo);
    let next = tokio::time::timeout_at(until, multipart.next_field())
        .await
        .map_err(too_slow)?;
    if next.map_err(|_| AppError::BadRequest)?.is_some() {
        return Err(AppError::BadRequest);
    }
    Ok((granted, bytes, slot))
}

/// A text field's bytes, or `None` past `limit`.
#[cfg(feature = "ssr")]
async fn read_field(
    mut field: multer::Field<'static>,
    limit: usize,
) -> Result<Option<Vec<u8>>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
        if bytes.len() + chunk.len() > limit {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

/// Decodes and re-encodes on a blocking thread, once the decode budget has room for
/// this photo's pixels (`server::photo::DecodeBudget`): however many arrive at once,
/// the pixels being decoded stay within one largest photo's worth.
#[cfg(feature = "ssr")]
async fn processed(
    bytes: Vec<u8>,
    uploader: samskap_domain::store::workshop_store::AuthorRef,
) -> Result<samskap_domain::store::pipeline_store::NewPhoto, AppError> {
    use crate::server::photo::{dimensions, process, PhotoError};
    let refused = |err| match err {
        PhotoError::NotAnImage => AppError::NotAnImage,
        PhotoError::TooManyPixels => AppError::TooManyPixels,
    };
    let (w, h) = dimensions(&bytes).map_err(refused)?;
    let _budget = crate::server::context::app()?
        .decodes
        .reserve(u64::from(w) * u64::from(h))
        .await;
    let done = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|err| {
            tracing::error!(%err, "photo processing panicked");
            AppError::Internal
        })?
        .map_err(refused)?;
    Ok(samskap_domain::store::pipeline_store::NewPhoto {
        width: done.width,
        height: done.height,
        image: done.image,
        thumbnail: done.thumbnail,
        uploader,
    })
}

/// The error a plain-form upload (without JavaScript) came back with, from the URL.
fn url_error(path: &str) -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// A photo upload form: a plain multipart form, sent by fetch once hydrated.
#[component]
fn UploadForm(
    /// The endpoint's URL.
    url: &'static str,
    /// The hidden id field: its name and value.
    id_field: (&'static str, Uuid),
    #[prop(into)] label: String,
    on_done: Callback<Result<(), AppError>>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("photo-{}", id_field.1);
    let pending = RwSignal::new(false);
    // Read here, in the component: after an await there is no reactive owner to ask.
    let live = use_context::<crate::board::state::LiveBoard>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            pending.set(true);
            let url = url;
            leptos::task::spawn_local(async move {
                let result = send(url, data, live).await;
                pending.set(false);
                if result.is_ok() {
                    form.reset();
                }
                on_done.run(result);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, url, on_done, live);
    };
    view! {
        <form
            method="post"
            action=url
            enctype="multipart/form-data"
            class="form photo-form"
            on:submit=submit
        >
            <input type="hidden" name=id_field.0 value=id_field.1.to_string() />
            <label for=input_id.clone()>{label}</label>
            <p class="hint" id=format!("{input_id}-hint")>
                {t!(i18n, pipeline.photo_hint)}
            </p>
            <input
                id=input_id.clone()
                type="file"
                name="photo"
                accept="image/jpeg,image/png,image/webp"
                required
                aria-describedby=format!("{input_id}-hint")
            />
            <ErrorAlert error=Signal::derive(move || error.get()) />
            <button type="submit" disabled=move || pending.get()>
                {t!(i18n, pipeline.upload)}
            </button>
        </form>
    }
}

/// Sends an upload form's data to its endpoint; a card's new photo goes on the `live`
/// board at once (the board's event brings it too, later).
#[cfg(feature = "hydrate")]
async fn send(
    url: &str,
    data: web_sys::FormData,
    live: Option<crate::board::state::LiveBoard>,
) -> Result<(), AppError> {
    let data: MultipartData = data.into();
    if url == UploadPrototypePhoto::PATH {
        upload_prototype_photo(data).await.map(|_| ())
    } else {
        upload_card_photo(data).await.map(|card| {
            if let Some(live) = live {
                live.upsert(card);
            }
        })
    }
}

/// A prototype's photos, and the form that adds one.
#[component]
pub fn PrototypePhotos(prototype_id: Uuid, photos: Vec<Uuid>, can_add: bool) -> impl IntoView {
    let i18n = use_i18n();
    let refresh = use_context::<crate::ui::refresh::Refresh>();
    let error = RwSignal::new(url_error(UploadPrototypePhoto::PATH));
    let on_done = Callback::new(move |result: Result<(), AppError>| match result {
        Ok(()) => {
            error.set(None);
            if let Some(refresh) = refresh {
                refresh.0.update(|n| *n += 1);
            }
        }
        Err(err) => error.set(Some(err)),
    });
    let items = photos
        .iter()
        .map(|id| {
            view! {
                <li>
                    <PhotoLink id=*id alt=t_string!(i18n, pipeline.prototype_photo) />
                </li>
            }
        })
        .collect_view();
    let none = photos
        .is_empty()
        .then(|| view! { <p>{t!(i18n, pipeline.no_photos)}</p> });
    view! {
        <section aria-labelledby="photos-heading">
            <h2 id="photos-heading">{t!(i18n, pipeline.photos)}</h2>
            {none}
            <ul class="photos">{items}</ul>
            {can_add
                .then(|| {
                    view! {
                        <UploadForm
                            url=UploadPrototypePhoto::PATH
                            id_field=("prototype_id", prototype_id)
                            label=t_string!(i18n, pipeline.add_photo)
                            on_done
                            error
                        />
                    }
                })}
        </section>
    }
}

/// The upload form for one's own card.
#[component]
pub fn CardPhotoForm(card_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(url_error(UploadCardPhoto::PATH));
    let on_done = Callback::new(move |result: Result<(), AppError>| {
        error.set(result.err());
    });
    view! {
        <UploadForm
            url=UploadCardPhoto::PATH
            id_field=("card_id", card_id)
            label=t_string!(i18n, pipeline.add_card_photo)
            on_done
            error
        />
    }
}

/// A thumbnail that links to the full photo.
#[component]
pub fn PhotoLink(id: Uuid, #[prop(into)] alt: String) -> impl IntoView {
    view! {
        <a href=format!("/photos/{id}") class="photo">
            <img src=format!("/photos/{id}/thumb") alt=alt loading="lazy" />
        </a>
    }
}
