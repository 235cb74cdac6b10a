//! Samskap's domain: what a programme, a workshop, a card, a prototype, a measure, a plan
//! and a report are, how input is validated, the API's one error type and (feature
//! `store`) the storage contract with its refusals. No Leptos, no views, no SQL: the app
//! (`samskap-app`) renders and serves these, the stores (`samskap-store`) keep them.

pub mod error;
#[cfg(feature = "server-fn")]
pub mod json_text;
pub mod validate;

pub mod account {
    //! Staff accounts and their roles.
    pub mod model;
}
pub mod programme {
    //! The programme (*områdesatsing*), its focus areas and goals.
    pub mod model;
}
pub mod workshop {
    //! Workshops, boards, cards, themes and votes.
    pub mod model;
}
pub mod pipeline {
    //! Prototypes, their versions, test rounds and decisions, and the trace from insight to outcome.
    pub mod model;
    pub mod trace_model;
}
pub mod plan {
    //! Measures (*tiltak*) and the yearly plan (*handlingsplan*).
    pub mod model;
}
pub mod follow_up {
    //! The year after adoption: spending, progress, indicators and the carry-over.
    pub mod carry_over;
    pub mod indicator;
    pub mod model;
}
pub mod inclusion {
    //! Who takes part, participation targets and retention.
    pub mod model;
}
pub mod evaluation {
    //! The combined view of several programmes for their evaluators.
    pub mod model;
}
pub mod library {
    //! The learning library: what programmes learnt, shared across programmes and installations.
    pub mod feed;
    pub mod model;
    pub mod subscription;
}
pub mod report {
    //! Status, half-year and annual reports.
    pub mod model;
}

#[cfg(feature = "store")]
pub mod store;
