//! `InclusionStore` for both backends, written once like `plan_sql.rs`: cards by client
//! key, participation counts, the programme's retention and targets, the erasure of
//! expired participant identities and the cards of the evaluation export.
use samskap_domain::store::StoreError;

/// Youth by age band or by their own role, as `inclusion::model::is_youth` says.
pub(super) const YOUTH: &str = "(p.age_band IN ('under_16', '16_19') OR p.role = 'youth')";

/// A stored enum name that may be absent, or an error naming what was not understood.
pub(super) fn parse_opt<T: std::str::FromStr>(
    what: &str,
    value: Option<String>,
) -> Result<Option<T>, StoreError> {
    value.map(|v| super::rows::parse(what, &v)).transpose()
}
