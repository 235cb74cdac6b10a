//! The names of funding sources, and amounts in kroner as the pages write them.
use crate::i18n::*;
use leptos_i18n::I18nContext;
use samskap_domain::follow_up::model::FundingSource;

/// The translated name of a funding source (the plan template's column).
pub fn source_name(i18n: I18nContext<Locale>, source: FundingSource) -> &'static str {
    match source {
        FundingSource::Grant => t_string!(i18n, plan.grant),
        FundingSource::Municipality => t_string!(i18n, plan.municipality),
        FundingSource::OtherGrants => t_string!(i18n, plan.other_grants),
        FundingSource::CarriedOver => t_string!(i18n, plan.carried_over),
    }
}
