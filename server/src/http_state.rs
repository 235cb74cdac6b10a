//! What every HTTP handler can reach: the Leptos options, the store, the app's
//! context, the shutdown signal and the stream limits.
use leptos::prelude::*;
use samskap_app::server::context::AppContext;
use samskap_domain::store::Store;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// The router's state.
#[derive(Clone)]
pub(crate) struct HttpState {
    pub(crate) leptos_options: LeptosOptions,
    pub(crate) store: Arc<dyn Store>,
    pub(crate) context: AppContext,
    pub(crate) shutdown: CancellationToken,
    pub(crate) stream_limits: crate::stream_limits::StreamLimits,
}

impl axum::extract::FromRef<HttpState> for crate::stream_limits::StreamLimits {
    fn from_ref(state: &HttpState) -> Self {
        state.stream_limits.clone()
    }
}

impl axum::extract::FromRef<HttpState> for AppContext {
    fn from_ref(state: &HttpState) -> Self {
        state.context.clone()
    }
}

impl axum::extract::FromRef<HttpState> for LeptosOptions {
    fn from_ref(state: &HttpState) -> Self {
        state.leptos_options.clone()
    }
}
